//! Timelines of chapter 15, "Beyond one machine".
use super::{Figure, Panel, processes::with_children};
use concurrency_measured::distributed::{two_processes, word_count};

pub const FIGURES: &[Figure] = &[Figure {
    id: "cluster-on-cores",
    chapter: "distributed.md",
    number: "15-1",
    caption: "Listing 15-2 counting the words of 20,000 lines on a timely cluster of two \
              processes on 127.0.0.1, from the launcher's call to <code>count_on_processes</code> \
              to its return. A lane is the launcher's calling thread or a worker process (worker \
              process 1 is the cluster's process 0); solid where the kernel's CPU clock for it \
              advanced (sampled every millisecond; a process's clock adds up all its threads and \
              moves in steps of a scheduler tick), pale where it was off the processor.",
    listings: &["listings/distributed/two_processes.rs"],
    draw: cluster_on_cores,
    expect: || {
        vec![(
            "two processes, one worker each",
            vec![
                "calling thread".to_owned(),
                "worker process 1".to_owned(),
                "worker process 2".to_owned(),
            ],
        )]
    },
}];

const LINES: u64 = 20_000;

fn cluster_on_cores() -> Vec<Panel> {
    // The workers are the crate's `listing` program, which serves as the
    // listing's worker.
    let program = crate::workers::program();
    let expected = word_count::count_sequential(LINES);
    vec![with_children("two processes, one worker each", || {
        let (counts, _) = two_processes::count_on_processes(&program, 2, LINES).unwrap();
        assert_eq!(counts, expected);
    })]
}
