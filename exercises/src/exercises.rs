//! The exercises' starters, one module per exercise, a folder per
//! chapter: `cargo test -p exercises <name>` checks one. Written by
//! `cargo xtask exercises`.
//!
//! A starter leaves parts of its setup unused until it is answered.
#![allow(unused)]

/// The program that hidden tests start as worker processes, whose
/// `main` serves as one (`src/worker.rs`): a test program cannot,
/// its `main` is the test harness's.
fn worker_program() -> std::path::PathBuf {
    env!("CARGO_BIN_EXE_exercise-worker").into()
}

pub mod async_pitfalls {
    pub mod blocking_lookup;
    pub mod cache;
    pub mod stop_worker;
}

pub mod async_tokio {
    pub mod deadline;
    pub mod limited;
}

pub mod choosing {
    pub mod wait_then_compute;
}

pub mod data_parallel {
    pub mod parallel_histogram;
    pub mod split_to_a_grain;
}

pub mod distributed {
    pub mod combine_then_shuffle;
    pub mod retry_with_patience;
}

pub mod event_loop {
    pub mod join;
    pub mod oneshot;
}

pub mod gil {
    pub mod gil_in_turn;
    pub mod release_the_gil;
}

pub mod io_cpu {
    pub mod few_threads;
}

pub mod message_passing {
    pub mod worker_pool;
}

pub mod processes {
    pub mod collect_from_workers;
    pub mod deadline_for_workers;
}

pub mod processes_threads {
    pub mod answer_from_child;
}

pub mod real_io {
    pub mod async_pool;
}

pub mod shared_state {
    pub mod philosophers;
    pub mod semaphore;
    pub mod withdraw;
}

pub mod sync_async {
    pub mod ask_every_shop;
}

pub mod threads {
    pub mod survive_panics;
}
