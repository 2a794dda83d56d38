// Generated from listings/choosing/decision_tree.rs by
// `cargo xtask decision-tree`. Do not edit: change the listing.
window.DECISION_TREE = {
  "first": "work",
  "questions": [
    {
      "id": "work",
      "text": "What does a task spend most of its time doing?",
      "answers": [
        { "text": "Computing: CPU time is close to wall time", "ask": "cpu-shape" },
        { "text": "Waiting: CPU time is far below wall time", "ask": "io-count" },
        { "text": "I have not measured it", "use": "measure" }
      ]
    },
    {
      "id": "cpu-shape",
      "text": "What shape is the computation?",
      "answers": [
        { "text": "Many items, each processed the same way", "use": "rayon" },
        { "text": "A few long jobs, each different", "use": "threads-per-core" },
        { "text": "A separate program, or code that must be isolated", "use": "processes" }
      ]
    },
    {
      "id": "io-count",
      "text": "How many waits are in flight at the same time?",
      "answers": [
        { "text": "A few, up to a few hundred", "use": "thread-per-wait" },
        { "text": "Thousands or more", "ask": "io-length" }
      ]
    },
    {
      "id": "io-length",
      "text": "Is each one a long wait or a short job?",
      "answers": [
        { "text": "Long: a connection that stays open, a reply that takes seconds", "use": "tokio" },
        { "text": "Short: a small read or request that is done in milliseconds", "use": "pool" }
      ]
    }
  ],
  "choices": [
    {
      "id": "measure",
      "model": "Measure first: CPU time against wall time",
      "why": "Near 1 means computing, near 0 means waiting; a guess can be wrong both ways.",
      "chapters": [
        "I/O-bound and CPU-bound work"
      ]
    },
    {
      "id": "rayon",
      "model": "rayon: a parallel iterator",
      "why": "It splits the items over one thread per core and balances the load.",
      "chapters": [
        "Data parallelism with rayon"
      ]
    },
    {
      "id": "threads-per-core",
      "model": "Threads, one per core, in a scope",
      "why": "Each job computes on a core of its own; more threads than cores take turns.",
      "chapters": [
        "I/O-bound and CPU-bound work",
        "Threads in Rust: preemptive scheduling and context switches"
      ]
    },
    {
      "id": "processes",
      "model": "Processes",
      "why": "A process has memory of its own, so a crash stays inside it; Rust needs one for isolation, not for parallelism.",
      "chapters": [
        "Processes for parallel work"
      ]
    },
    {
      "id": "thread-per-wait",
      "model": "A thread per connection",
      "why": "A waiting thread needs no core, and a few hundred threads cost little; the code stays plain and blocking.",
      "chapters": [
        "Synchronous and asynchronous; concurrency and parallelism",
        "Threads in Rust: preemptive scheduling and context switches"
      ]
    },
    {
      "id": "pool",
      "model": "A pool of threads fed by a channel",
      "why": "A thread per short job costs more than the job; a fixed set of threads taking jobs from a queue does not.",
      "chapters": [
        "Message passing",
        "Real I/O: threads, pools and async"
      ]
    },
    {
      "id": "tokio",
      "model": "Async tasks on tokio",
      "why": "A task is far cheaper than a thread, and a waiting task needs no thread at all.",
      "chapters": [
        "Async with tokio",
        "Real I/O: threads, pools and async"
      ]
    }
  ]
};
