//! `exercise-worker`: the worker process that the hidden tests of the
//! `processes` chapter start (`worker_program()` in `exercises.rs`). It is
//! Exercise 6-1's worker, from the book's crate: it reads a job (8 bytes)
//! from standard input, writes the answer (8 bytes) to standard output, and
//! exits.
use concurrency_measured::processes::exercise_collect_from_workers::serve_if_worker;

fn main() {
    serve_if_worker(); // returns only when not started as a worker
    eprintln!("exercise-worker: started without SQUARES_WORKER set; the hidden tests start it");
    std::process::exit(2);
}
