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
