//! Timelines of chapter 1, "Synchronous and asynchronous; concurrency and
//! parallelism".
use super::{Figure, Panel, record, tasks};
use concurrency_measured::sync_async;
use std::time::Duration;

pub const FIGURES: &[Figure] = &[Figure {
    id: "ten-waits-three-ways",
    chapter: "sync-async.md",
    number: "1-1",
    caption: "Ten tasks that each wait 100 ms, run one after another (Listing 1-1), \
              on ten threads (Listing 1-2) and as tokio tasks on one thread (Listing 1-4), \
              on one time axis. A lane is a task; its colour is the thread that ran it.",
    listings: &[
        "listings/sync_async/sleep_sequential.rs",
        "listings/sync_async/sleep_threads.rs",
        "listings/sync_async/sleep_tokio.rs",
    ],
    draw: ten_waits,
    expect: || {
        vec![
            ("Listing 1-1, one after another", tasks(10)),
            ("Listing 1-2, on ten threads", tasks(10)),
            ("Listing 1-4, tokio tasks on one thread", tasks(10)),
        ]
    },
}];

const WAIT: Duration = Duration::from_millis(100);

fn ten_waits() -> Vec<Panel> {
    use sync_async::{sleep_sequential, sleep_threads, sleep_tokio};
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    vec![
        record::task_lines("Listing 1-1, one after another", |t0| {
            sleep_sequential::one_after_another(10, WAIT, t0)
        }),
        record::task_lines("Listing 1-2, on ten threads", |t0| {
            sleep_threads::on_threads(10, WAIT, t0)
        }),
        record::task_lines("Listing 1-4, tokio tasks on one thread", |t0| {
            rt.block_on(sleep_tokio::as_tasks(10, WAIT, t0))
        }),
    ]
}
