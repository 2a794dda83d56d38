//! Partial failure: the word count of Listing 15-2 on two processes, with
//! process 1 told to crash halfway through its lines.
use std::env;
use std::time::{Duration, Instant};

// The launcher of Listing 15-2, from this book's crate.
use concurrency_measured::distributed::two_processes::{
    gather, run_on_loopback, serve_if_worker, why,
};

// ANCHOR: main
pub fn main() {
    serve_if_worker(); // a worker never gets past this line
    let program = env::current_exe().unwrap();
    let lines = 20_000;
    // Process 1 reads the odd lines; this one is about halfway through them.
    let fault = format!("crash {}", (lines / 2) | 1);

    let started = Instant::now();
    let patience = Duration::from_secs(30);
    let reports = run_on_loopback(&program, 2, lines, Some((1, &fault)), patience).unwrap();
    for (p, report) in reports.iter().enumerate() {
        println!("process {p}: {}; {}", report.status, why(&report.stderr));
    }
    let answer = gather(&reports);
    assert!(answer.is_err(), "a process crashed, yet the count answered");
    println!("no answer, after {:.2?}", started.elapsed());
}
// ANCHOR_END: main
