//! Every listing of *Concurrency, Measured*, one module per chapter.
//!
//! Each file is also a complete program: the book shows it, skeptic compiles
//! and runs it as the reader sees it, and the claim tests in `tests/` call its
//! public functions to measure what the chapter says. Listings that must not
//! compile live in `compile_fail/`, outside this crate, and are checked by
//! trybuild.
//!
//! A listing that builds on another one `use`s it through this crate's name,
//! `concurrency_measured::...`, rather than carrying a copy: the alias below
//! makes that path work inside the crate, and the book's tests link the
//! crate when they compile a block, so the same file also runs on its own.

extern crate self as concurrency_measured;

/// The program that the hidden tests of chapter 6's exercises start as
/// worker processes: the crate's `listing` program (`listings/bin/listing.rs`),
/// whose `main` serves as a listing's worker when started as one. Cargo
/// builds it with the crate's tests but tells its path only to integration
/// tests, so it is found beside the test program (`harness::workers`). The
/// `exercises` crate, where the same hidden tests check a reader's answer,
/// has a `worker_program` of its own.
#[cfg(all(test, unix))]
fn worker_program() -> std::path::PathBuf {
    harness::workers::program()
}

/// Chapter 1: Synchronous and asynchronous; concurrency and parallelism.
pub mod sync_async {
    pub mod exercise_ask_every_shop;
    pub mod sleep_sequential;
    pub mod sleep_threads;
    pub mod sleep_tokio;
}

/// Chapter 2: I/O-bound and CPU-bound work.
pub mod io_cpu {
    pub mod cpu_time;
    pub mod exercise_few_threads;
    pub mod primes_threads;
    pub mod thread_per_job;
}

/// Chapter 3: Processes, threads and coroutines.
pub mod processes_threads {
    pub mod exercise_answer_from_child;
    pub mod memory_isolation;
    pub mod nesting;
    pub mod spawn_ladder;
    pub mod thread_states;
}

/// Chapter 4: Threads in Rust: preemptive scheduling and context switches.
pub mod threads {
    pub mod arc_outlives;
    pub mod exercise_survive_panics;
    pub mod interleaving;
    pub mod join_result;
    pub mod oversubscribe;
    pub mod ping_pong;
    pub mod time_slicing;
}

/// Chapter 5: The GIL, measured.
pub mod gil {
    pub mod exercise_gil_in_turn;
    pub mod exercise_release_the_gil;
    pub mod no_gil;
    pub mod simulated_gil;
}

/// Chapter 6: Processes for parallel work.
pub mod processes {
    pub mod crash_isolation;
    pub mod exercise_collect_from_workers;
    pub mod exercise_deadline_for_workers;
    pub mod pass_data;
    pub mod worker_processes;
}

/// Chapter 7: Data parallelism with rayon.
pub mod data_parallel {
    pub mod amdahl;
    pub mod exercise_parallel_histogram;
    pub mod exercise_split_to_a_grain;
    pub mod grain;
    pub mod join_quicksort;
    pub mod par_map;
    pub mod sum_memory;
}

/// Chapter 8: Shared state: races, atomics, locks and deadlock.
pub mod shared_state {
    pub mod barrier;
    pub mod bounded_queue;
    pub mod contention;
    pub mod counter_atomic;
    pub mod counter_mutex;
    pub mod counter_race;
    pub mod deadlock;
    pub mod exercise_philosophers;
    pub mod exercise_semaphore;
    pub mod exercise_withdraw;
    pub mod false_sharing;
    pub mod guard_lifetime;
    pub mod lock_order;
    pub mod lock_tail;
    pub mod once;
    pub mod ordering;
    pub mod ordering_cost;
    pub mod park;
    pub mod poisoning;
    pub mod print_lines;
    pub mod rwlock_readers;
    pub mod spin_lock;
    pub mod thread_local;
}

/// Chapter 9: Message passing.
pub mod message_passing {
    pub mod backpressure;
    pub mod exercise_worker_pool;
    pub mod mpsc_workers;
    pub mod overload;
    pub mod pipeline;
    pub mod select;
    pub mod throughput;
}

/// Chapter 10: Coroutines and the event loop.
pub mod event_loop {
    pub mod cooperative;
    pub mod executor;
    pub mod exercise_join;
    pub mod exercise_oneshot;
    pub mod lazy_future;
    pub mod pin_on_stack;
}

/// Chapter 11: Async with tokio. (Not `tokio`: that name is the crate's.)
pub mod async_tokio {
    pub mod async_closure;
    pub mod async_trait;
    pub mod bounded_stream;
    pub mod exercise_deadline;
    pub mod exercise_limited;
    pub mod join_select;
    pub mod local_set;
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
    pub mod exercise_async_pool;
    pub mod slow_server;
}

/// Chapter 13: Async pitfalls.
pub mod async_pitfalls {
    pub mod await_gap;
    pub mod block_in_place;
    pub mod blocking_sleep;
    pub mod blocking_tail;
    pub mod cancel_safety;
    pub mod coop_budget;
    pub mod detach_abort;
    pub mod exercise_blocking_lookup;
    pub mod exercise_cache;
    pub mod exercise_stop_worker;
    pub mod graceful_shutdown;
    pub mod runtime_metrics;
    pub mod span_busy_idle;
    pub mod starvation;
    pub mod tokio_mutex;
}

/// Chapter 14: Choosing a model.
pub mod choosing {
    pub mod compute_as_tasks;
    pub mod decision_tree;
    pub mod exercise_wait_then_compute;
    pub mod fs_on_a_pool;
    pub mod one_request;
    pub mod tokio_with_rayon;
}

/// Chapter 15: Beyond one machine.
pub mod distributed {
    pub mod exercise_combine_then_shuffle;
    pub mod exercise_retry_with_patience;
    pub mod partial_failure;
    pub mod two_processes;
    pub mod word_count;
}

/// What a unit test prints that a page shows (a loom model runs only under
/// `cfg(test)`): `cargo xtask outputs` runs the test and writes the file,
/// and every other run of the test compares what it printed with that file.
#[cfg(test)]
mod page {
    /// Panics unless `printed` is what `file` (from the repository's root)
    /// shows; `cargo xtask outputs` sets `WRITING_OUTPUTS` while it writes.
    pub fn shows(file: &str, printed: &str) {
        if std::env::var_os("WRITING_OUTPUTS").is_some() {
            return;
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let shown = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{file}: {e} (cargo xtask outputs writes it)"));
        assert_eq!(
            printed, shown,
            "{file} shows another run's output: run `cargo xtask outputs` and read the page again"
        );
    }
}
