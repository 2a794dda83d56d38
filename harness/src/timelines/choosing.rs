//! Timelines of chapter 14, "Choosing a model".
use super::{Figure, Panel, record, tasks};
use concurrency_measured::choosing::compute_as_tasks;

pub const FIGURES: &[Figure] = &[Figure {
    id: "computing-as-tasks",
    chapter: "choosing.md",
    number: "14-1",
    caption: "Four jobs that compute (Listing 14-2), as tokio tasks on a runtime with one \
              thread, then on a thread each, on one time axis. A lane is a task, from its \
              start to the line it printed at its end; its colour is the thread that ran it.",
    listings: &["listings/choosing/compute_as_tasks.rs"],
    draw: computing_as_tasks,
    expect: || {
        vec![
            ("Listing 14-2, tokio tasks on one thread", tasks(4)),
            ("Listing 14-2, on four threads", tasks(4)),
        ]
    },
}];

fn computing_as_tasks() -> Vec<Panel> {
    vec![
        record::task_lines("Listing 14-2, tokio tasks on one thread", |t0| {
            compute_as_tasks::as_tasks(4, 100_000, t0);
        }),
        record::task_lines("Listing 14-2, on four threads", |t0| {
            compute_as_tasks::on_threads(4, 100_000, t0);
        }),
    ]
}
