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
