//! Claims of chapter 3, "Processes, threads and coroutines".
use concurrency_measured::processes_threads::spawn_ladder::{processes, tasks, threads};

use super::{Measured, Measurement};
use crate::registry::Estimator;
use crate::timing::interleaved;

pub const CLAIMS: &[Measurement] = &[("spawn-ladder", spawn_ladder)];

fn spawn_ladder(broken: bool) -> Measured {
    const PROCESSES: u32 = 20;
    const THREADS: u32 = 200;
    const TASKS: u32 = 2_000;
    // As in the listing: a runtime with one thread, so each task is started
    // and awaited on the thread that measures.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    // Breaker: a thread where the ladder starts a process, and a thread
    // where it starts a task.
    let upper = interleaved(
        5,
        ("20 processes", || {
            if broken {
                threads(PROCESSES)
            } else {
                processes(PROCESSES)
            }
        }),
        ("200 threads", || threads(THREADS)),
    );
    let lower = interleaved(
        5,
        ("200 threads", || threads(THREADS)),
        ("2,000 tasks", || {
            if broken {
                threads(TASKS)
            } else {
                runtime.block_on(tasks(TASKS))
            }
        }),
    );
    let per = |side: &crate::timing::Side, n: u32| side.best().as_secs_f64() / n as f64;
    let (process, thread, task) = (
        per(&upper.a, PROCESSES),
        per(&lower.a, THREADS).min(per(&upper.b, THREADS)),
        per(&lower.b, TASKS),
    );
    Measured {
        estimator: Some(Estimator::Best),
        values: vec![process / thread, thread / task],
        details: format!(
            "per unit: process {:.1} µs, thread {:.1} µs, task {:.2} µs\n{}\n{}",
            process * 1e6,
            thread * 1e6,
            task * 1e6,
            upper.describe(),
            lower.describe()
        ),
        ..Measured::default()
    }
}
