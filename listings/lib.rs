//! Every listing of *Concurrency, Measured*, one module per chapter.
//!
//! Each file is also a complete program: the book shows it, skeptic compiles
//! and runs it as the reader sees it, and the claim tests in `tests/` call its
//! public functions to measure what the chapter says. Listings that must not
//! compile live in `compile_fail/`, outside this crate, and are checked by
//! trybuild.

/// Chapter 1: Synchronous and asynchronous; concurrency and parallelism.
pub mod sync_async {
    pub mod sleep_sequential;
    pub mod sleep_threads;
    pub mod sleep_tokio;
}

/// Chapter 2: I/O-bound and CPU-bound work.
pub mod io_cpu {
    pub mod cpu_time;
    pub mod primes_threads;
    pub mod thread_per_job;
}

/// Chapter 3: Processes, threads and coroutines.
pub mod processes_threads {
    pub mod memory_isolation;
    pub mod nesting;
    pub mod spawn_ladder;
    pub mod thread_states;
}

/// Chapter 4: Threads in Rust: preemptive scheduling and context switches.
pub mod threads {
    pub mod arc_outlives;
    pub mod interleaving;
    pub mod join_result;
    pub mod oversubscribe;
    pub mod ping_pong;
    pub mod time_slicing;
}

/// Chapter 5: The GIL, measured.
pub mod gil {
    pub mod no_gil;
    pub mod simulated_gil;
}

/// Chapter 6: Processes for parallel work.
pub mod processes {
    pub mod crash_isolation;
    pub mod pass_data;
    pub mod worker_processes;
}

/// Chapter 7: Data parallelism with rayon.
pub mod data_parallel {
    pub mod amdahl;
    pub mod grain;
    pub mod join_quicksort;
    pub mod par_map;
    pub mod sum_memory;
}

/// Chapter 8: Shared state: races, atomics, locks and deadlock.
pub mod shared_state {
    pub mod contention;
    pub mod counter_atomic;
    pub mod counter_mutex;
    pub mod counter_race;
    pub mod deadlock;
    pub mod lock_order;
    pub mod print_lines;
}

/// Chapter 9: Message passing.
pub mod message_passing {
    pub mod backpressure;
    pub mod mpsc_workers;
    pub mod pipeline;
    pub mod select;
    pub mod throughput;
}

/// Chapter 10: Coroutines and the event loop.
pub mod event_loop {
    pub mod cooperative;
    pub mod executor;
    pub mod lazy_future;
}

/// Chapter 11: Async with tokio. (Not `tokio`: that name is the crate's.)
pub mod async_tokio {
    pub mod join_select;
    pub mod many_tasks;
    pub mod memory_per_task;
    pub mod mpsc_queue;
    pub mod runtimes;
    pub mod spawn_cost;
    pub mod spawn_joinset;
    pub mod timeout_cancel;
}

/// Chapter 12: Real I/O: threads, pools and async.
pub mod real_io {
    pub mod async_clients;
    pub mod blocking_clients;
    pub mod slow_server;
}

/// Chapter 13: Async pitfalls.
pub mod async_pitfalls {
    pub mod blocking_sleep;
    pub mod starvation;
    pub mod tokio_mutex;
}

/// Chapter 14: Choosing a model.
pub mod choosing {
    pub mod compute_as_tasks;
    pub mod decision_tree;
}

/// Chapter 15: Beyond one machine.
pub mod distributed {
    pub mod partial_failure;
    pub mod two_processes;
    pub mod word_count;
}
