//! Timelines of chapter 11, "Async with tokio".
use super::{Figure, Panel, record};
use concurrency_measured::async_tokio::runtimes;

pub const FIGURES: &[Figure] = &[Figure {
    id: "tokio-runtimes-on-cores",
    chapter: "async-tokio.md",
    number: "11-1",
    caption: "Listing 11-4's 32 tasks counting primes, on the current-thread runtime, then \
              on the multi-thread runtime, each runtime built for its run. A lane is a \
              thread of the process; solid where the kernel's CPU clock for the thread \
              advanced (sampled every millisecond), pale where the thread was off the \
              processor.",
    listings: &["listings/async_tokio/runtimes.rs"],
    draw: runtimes_on_cores,
    expect: || {
        let cores = crate::registry::cores();
        let mut workers = vec!["calling thread".to_owned()];
        // A lone worker is labelled with its own name: no other thread has it.
        match cores {
            1 => workers.push("tokio-rt-worker".to_owned()),
            _ => workers.extend((1..=cores).map(|i| format!("thread {i}"))),
        }
        vec![
            ("current-thread runtime", vec!["calling thread".to_owned()]),
            ("multi-thread runtime", workers),
        ]
    },
}];

fn runtimes_on_cores() -> Vec<Panel> {
    // The runtimes are built inside the run, so that the multi-thread
    // runtime's workers are the run's threads (the recorder leaves out
    // threads that existed before), and dropped inside it, which waits for
    // those threads to end.
    vec![
        record::on_cores("current-thread runtime", || {
            runtimes::run_tasks(&runtimes::current_thread(), 32, 16_000);
        }),
        record::on_cores("multi-thread runtime", || {
            runtimes::run_tasks(&runtimes::multi_thread(), 32, 16_000);
        }),
    ]
}
