//! Timelines of chapter 3, "Processes, threads and coroutines".
use super::{Figure, Panel, record};
use concurrency_measured::processes_threads::thread_states;
use std::time::Duration;

pub const FIGURES: &[Figure] = &[Figure {
    id: "thread-states",
    chapter: "processes-threads.md",
    number: "3-1",
    caption: "The threads of Listing 3-2 while it waits 200 ms before reading their states: \
              one computing thread more than there are cores, a thread that sleeps, one that \
              waits for a lock and one that waits to read from a pipe. Solid where the \
              kernel's CPU clock for the thread advanced (sampled every millisecond), pale \
              where the thread existed but was off the processor: ready and waiting for a \
              core, or blocked.",
    listings: &["listings/processes_threads/thread_states.rs"],
    draw: thread_states,
    expect: || {
        let cores = crate::registry::cores();
        let mut lanes = vec!["calling thread".to_owned()];
        lanes.extend((0..=cores).map(|i| format!("compute-{i}")));
        lanes.extend(["sleeper", "lock-waiter", "pipe-reader"].map(String::from));
        vec![("Listing 3-2, one thread more than cores computing", lanes)]
    },
}];

fn thread_states() -> Vec<Panel> {
    let cores = crate::registry::cores();
    vec![record::on_cores(
        "Listing 3-2, one thread more than cores computing",
        || {
            thread_states::states_while_busy(cores + 1, Duration::from_millis(200)).unwrap();
        },
    )]
}
