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
        { "text": "Thousands of tiny jobs, arriving one by one", "use": "pool" },
        { "text": "A separate program, or code that must be isolated", "use": "processes" }
      ]
    },
    {
      "id": "io-count",
      "text": "How many waits are in flight at the same time?",
      "answers": [
        { "text": "A few, up to a few hundred", "ask": "io-cut-short" },
        { "text": "Thousands or more, long or short", "use": "tokio" }
      ]
    },
    {
      "id": "io-cut-short",
      "text": "Must a wait be cut short: timed out, cancelled, or raced against other events?",
      "answers": [
        { "text": "No: each waits until its answer comes", "use": "thread-per-wait" },
        { "text": "Yes: timeouts, cancellation, or several sources of events at once", "use": "tokio" }
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
      "why": "A thread per tiny job costs more than the job; a fixed set of threads starts once and takes job after job from the channel.",
      "chapters": [
        "I/O-bound and CPU-bound work",
        "Message passing"
      ]
    },
    {
      "id": "tokio",
      "model": "Async tasks on tokio",
      "why": "A task is far cheaper than a thread, and a waiting task holds no thread; a future that is dropped stops at the await where it waits, which is what timeouts and select! are made of.",
      "chapters": [
        "Async with tokio",
        "Real I/O: threads, pools and async"
      ]
    }
  ]
};
