//! The program that the measurements and tests start as worker processes.
//!
//! Each listing that works with processes starts copies of its own program
//! and tells them, by an environment variable, that they are workers; its
//! `main` calls `serve_if_worker` first. A test or a measurement is not
//! that program, so it starts this one instead: it serves as whichever
//! listing's worker it was started as, and exits.
use concurrency_measured::distributed::two_processes;
use concurrency_measured::processes::{crash_isolation, pass_data, worker_processes};

fn main() {
    // Each returns at once unless started as its listing's worker, and
    // exits when it has served.
    worker_processes::serve_if_worker();
    pass_data::serve_if_worker();
    crash_isolation::serve_if_worker();
    two_processes::serve_if_worker();
    eprintln!("workers: not started as a worker of any listing");
    std::process::exit(2);
}
