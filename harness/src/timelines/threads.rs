//! Timelines of chapter 4, "Threads in Rust: preemptive scheduling and
//! context switches".
use super::{Figure, Panel, record};
use concurrency_measured::threads::time_slicing::{first_allowed_cpu, two_threads};

pub const FIGURES: &[Figure] = &[Figure {
    id: "time-slicing",
    chapter: "threads.md",
    number: "4-1",
    caption: "The two threads of Listing 4-6, each running <code>compute</code> without \
              pause: free, then both pinned to one core. Solid where the kernel's CPU clock \
              for the thread advanced (sampled every millisecond), pale where the thread \
              existed but was off the processor. The calling thread only waits for them.",
    listings: &["listings/threads/time_slicing.rs"],
    draw: time_slicing,
    expect: || {
        let lanes = || {
            ["calling thread", "thread 1", "thread 2"]
                .map(String::from)
                .to_vec()
        };
        vec![
            ("Listing 4-6, two threads, free", lanes()),
            ("Listing 4-6, two threads pinned to one core", lanes()),
        ]
    },
}];

/// The units of work `main` gives each thread.
const UNITS: u64 = 5_000_000;

fn time_slicing() -> Vec<Panel> {
    vec![
        record::on_cores("Listing 4-6, two threads, free", || {
            two_threads(UNITS, None).unwrap();
        }),
        record::on_cores("Listing 4-6, two threads pinned to one core", || {
            two_threads(UNITS, Some(first_allowed_cpu())).unwrap();
        }),
    ]
}
