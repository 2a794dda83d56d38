//! Claims of chapter 11, "Async with tokio".
use concurrency_measured::async_tokio::{many_tasks, memory_per_task, runtimes, spawn_cost};
use std::time::Duration;

use super::{Measured, Measurement, median_ratio, ratio};
use crate::support::timing::interleaved;

pub const CLAIMS: &[Measurement] = &[
    ("runtime-parallel", runtime_parallel),
    ("task-vs-thread-spawn", task_vs_thread_spawn),
    ("task-memory", task_memory),
    ("many-tasks", many_tasks),
];

fn runtime_parallel() -> Measured {
    let (one, many) = (runtimes::current_thread(), runtimes::multi_thread());
    // A fixed amount of work per task (not a fixed time: a task that spins
    // until a deadline finishes on time even without a core of its own).
    let (tasks, below) = (32, 16_000);
    let mut m = median_ratio(interleaved(
        3,
        ("32 tasks, current-thread runtime", || {
            runtimes::run_tasks(&one, tasks, below);
        }),
        ("32 tasks, multi-thread runtime", || {
            runtimes::run_tasks(&many, tasks, below);
        }),
    ));
    m.details = format!("each task counts the primes below {below}\n{}", m.details);
    m
}

fn task_vs_thread_spawn() -> Measured {
    // As `#[tokio::main]` builds it: a worker thread per core.
    let rt = runtimes::multi_thread();
    ratio(interleaved(
        3,
        ("10,000 threads", || spawn_cost::threads(10_000)),
        ("10,000 tasks", || rt.block_on(spawn_cost::tasks(10_000))),
    ))
}

fn task_memory() -> Measured {
    let n = 10_000;
    let mut threads = Vec::new();
    let mut tasks = Vec::new();
    for _ in 0..3 {
        threads.extend(memory_per_task::per_thread(n));
        tasks.extend(memory_per_task::per_task(n));
    }
    if threads.is_empty() || tasks.is_empty() {
        return Measured {
            values: vec![f64::NAN],
            details: "no /proc/self/statm on this system".into(),
        };
    }
    // The least favourable pairing of the three trials: the smallest
    // figure per thread against the largest per task.
    let thread = threads.iter().map(|t| t.1).fold(f64::MAX, f64::min);
    let task = tasks.iter().map(|t| t.1).fold(f64::MIN, f64::max);
    let kib = |v: &[(f64, f64)]| {
        v.iter()
            .map(|(virt, res)| {
                format!(
                    "{:.2} KiB resident, {:.1} KiB virtual",
                    res / 1024.0,
                    virt / 1024.0
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    Measured {
        values: vec![thread / task],
        details: format!(
            "{n} of each, three trials\nper parked thread: {}\nper pending task: {}",
            kib(&threads),
            kib(&tasks)
        ),
    }
}

fn many_tasks() -> Measured {
    let rt = runtimes::multi_thread();
    let wait = Duration::from_millis(100);
    ratio(interleaved(
        3,
        ("100,000 tasks sleeping 100 ms", || {
            rt.block_on(many_tasks::sleepers(100_000, wait))
        }),
        ("one task sleeping 100 ms", || {
            rt.block_on(many_tasks::sleepers(1, wait))
        }),
    ))
}
