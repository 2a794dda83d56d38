//! Claims of chapter 11, "Async with tokio".
use concurrency_measured::async_tokio::{many_tasks, memory_per_task, runtimes, spawn_cost};
use std::time::Duration;

use super::{ENOUGH_TRIALS, Measured, Measurement, median_ratio, ratio};
use crate::registry::Estimator;
use crate::timing::{interleaved, until_decided};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

pub const CLAIMS: &[Measurement] = &[
    ("runtime-parallel", runtime_parallel),
    ("task-vs-thread-spawn", task_vs_thread_spawn),
    ("task-memory", task_memory),
    ("many-tasks", many_tasks),
    ("bounded-concurrency", bounded_concurrency),
];

fn runtime_parallel(broken: bool) -> Measured {
    let one = runtimes::current_thread();
    // Breaker: the current-thread runtime where the listing builds the
    // multi-thread one.
    let many = if broken {
        runtimes::current_thread()
    } else {
        runtimes::multi_thread()
    };
    // A fixed amount of work per task (not a fixed time: a task that spins
    // until a deadline finishes on time even without a core of its own).
    let (tasks, below) = (32, 16_000);
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
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

fn task_vs_thread_spawn(broken: bool) -> Measured {
    // As `#[tokio::main]` builds it: a worker thread per core.
    let rt = runtimes::multi_thread();
    ratio(interleaved(
        3,
        ("10,000 threads", || spawn_cost::threads(10_000)),
        ("10,000 tasks", || {
            if broken {
                // Breaker: threads where the listing spawns tasks.
                spawn_cost::threads(10_000)
            } else {
                rt.block_on(spawn_cost::tasks(10_000))
            }
        }),
    ))
}

fn task_memory(broken: bool) -> Measured {
    let n = 10_000;
    let mut threads = Vec::new();
    let mut tasks = Vec::new();
    for _ in 0..3 {
        threads.extend(memory_per_task::per_thread(n));
        // Breaker: parked threads where the listing has pending tasks.
        tasks.extend(if broken {
            memory_per_task::per_thread(n)
        } else {
            memory_per_task::per_task(n)
        });
    }
    if threads.is_empty() || tasks.is_empty() {
        return Measured {
            estimator: Some(Estimator::LeastFavourable),
            values: vec![f64::NAN],
            details: "no /proc/self/statm on this system".into(),
            ..Measured::default()
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
        estimator: Some(Estimator::LeastFavourable),
        values: vec![thread / task],
        details: format!(
            "{n} of each, three trials\nper parked thread: {}\nper pending task: {}",
            kib(&threads),
            kib(&tasks)
        ),
        ..Measured::default()
    }
}

/// The breaker of `many-tasks`: the 100,000 tasks sleep with
/// std::thread::sleep, which holds a worker thread for each sleep. That
/// would take hours on a few workers, so after ten sleeps' time the tasks
/// not yet started skip their sleep: the run takes at least ten sleeps,
/// twice the bound, and ends.
fn blocking_sleepers(rt: &tokio::runtime::Runtime, n: usize, wait: Duration) {
    let stop = Arc::new(AtomicBool::new(false));
    std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(10 * wait);
            stop.store(true, Relaxed);
        });
        rt.block_on(async {
            let handles: Vec<_> = (0..n)
                .map(|_| {
                    let stop = stop.clone();
                    tokio::spawn(async move {
                        if !stop.load(Relaxed) {
                            std::thread::sleep(wait);
                        }
                    })
                })
                .collect();
            for h in handles {
                h.await.unwrap();
            }
        });
    });
}

fn many_tasks(broken: bool) -> Measured {
    let rt = runtimes::multi_thread();
    let wait = Duration::from_millis(100);
    ratio(interleaved(
        3,
        ("100,000 tasks sleeping 100 ms", || {
            if broken {
                blocking_sleepers(&rt, 100_000, wait)
            } else {
                rt.block_on(many_tasks::sleepers(100_000, wait))
            }
        }),
        ("one task sleeping 100 ms", || {
            rt.block_on(many_tasks::sleepers(1, wait))
        }),
    ))
}

fn bounded_concurrency(broken: bool) -> Measured {
    use concurrency_measured::async_tokio::bounded_stream::{job, with_stream, with_tasks};
    let rt = runtimes::multi_thread();
    let (n, ms) = (20, 50);
    // Breaker: a limit of 1 where the listing allows 4.
    let limit = if broken { 1 } else { 4 };
    let all_answered = |mut answers: Vec<u64>| {
        answers.sort();
        answers == (0..n).collect::<Vec<_>>()
    };
    let one_job = || rt.block_on(job(0, ms)) == 0;
    let stream = interleaved(
        2,
        ("20 jobs of 50 ms, buffer_unordered", || {
            all_answered(rt.block_on(with_stream(n, limit, ms)))
        }),
        ("one job of 50 ms", one_job),
    );
    let tasks = interleaved(
        2,
        ("20 jobs of 50 ms, JoinSet + Semaphore", || {
            all_answered(rt.block_on(with_tasks(n, limit, ms)))
        }),
        ("one job of 50 ms", one_job),
    );
    Measured {
        estimator: Some(Estimator::Best),
        values: vec![stream.ratio(), tasks.ratio()],
        details: format!(
            "at most {limit} at once\n{}\n{}",
            stream.describe(),
            tasks.describe()
        ),
        disagreement: stream.disagreement.clone().or(tasks.disagreement.clone()),
        ..Measured::default()
    }
}
