//! Timelines of chapter 10, "Coroutines and the event loop".
use super::{Figure, Panel, record::Recorder};
use concurrency_measured::event_loop::cooperative::{greedy, polite, run};
use std::sync::Arc;

pub const FIGURES: &[Figure] = &[Figure {
    id: "taking-turns",
    chapter: "event-loop.md",
    number: "10-1",
    caption: "The tasks of Listing 10-5 on the executor of Listing 10-4, three rounds each, as \
              <code>main</code> runs them: two polite tasks, then a greedy task and a polite \
              one. Solid while the executor polls the task, from the call of its \
              <code>poll</code> to its return; pale from the task's first poll to the one that \
              finished it.",
    listings: &[
        "listings/event_loop/cooperative.rs",
        "listings/event_loop/executor.rs",
    ],
    draw: taking_turns,
    expect: || {
        vec![
            (
                "Listing 10-5, two polite tasks",
                vec!["A".into(), "B".into()],
            ),
            (
                "Listing 10-5, greedy and polite",
                vec!["G".into(), "B".into()],
            ),
        ]
    },
}];

fn taking_turns() -> Vec<Panel> {
    let polite_pair = Arc::new(Recorder::new());
    let turns = run(|ex, log| {
        ex.spawn(polite_pair.trace("A", polite("A", 3, log.clone())));
        ex.spawn(polite_pair.trace("B", polite("B", 3, log.clone())));
    });
    assert_eq!(turns, ["A 0", "B 0", "A 1", "B 1", "A 2", "B 2"]);

    let greedy_first = Arc::new(Recorder::new());
    let turns = run(|ex, log| {
        ex.spawn(greedy_first.trace("G", greedy("G", 3, log.clone())));
        ex.spawn(greedy_first.trace("B", polite("B", 3, log.clone())));
    });
    assert_eq!(turns, ["G 0", "G 1", "G 2", "B 0", "B 1", "B 2"]);

    [
        ("Listing 10-5, two polite tasks", polite_pair),
        ("Listing 10-5, greedy and polite", greedy_first),
    ]
    .map(|(name, rec)| {
        Arc::into_inner(rec)
            .expect("every task has finished")
            .panel(name)
    })
    .into()
}
