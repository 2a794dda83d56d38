//! Claims of chapter 4, "Threads in Rust: preemptive scheduling and context
//! switches".
use concurrency_measured::threads::{oversubscribe, ping_pong, time_slicing};
use std::time::Duration;

use super::{ENOUGH_TRIALS, Measured, Measurement, median_ratio};
use crate::registry::Estimator;
use crate::timing::{on_all_cores, time, until_decided};

pub const CLAIMS: &[Measurement] = &[
    ("pinned-no-speedup", pinned_no_speedup),
    ("unpinned-speedup", unpinned_speedup),
    ("switch-cost", switch_cost),
    ("oversubscribe", oversubscribe),
];

/// Units of `compute` that take at least `target` on one thread.
fn calibrated_units(target: Duration) -> u64 {
    let mut units = 1_000_000;
    while time(&mut || {
        time_slicing::compute(units);
    }) < target
    {
        units *= 2;
    }
    units
}

fn pinned_no_speedup(broken: bool) -> Measured {
    use time_slicing::{first_allowed_cpu, one_thread, two_threads};
    let cpu = first_allowed_cpu();
    if let Err(e) = can_pin(cpu) {
        return Measured {
            estimator: Some(Estimator::MedianWithin),
            values: vec![f64::NAN],
            details: format!("skipped: {e}"),
            ..Measured::default()
        };
    }
    let units = calibrated_units(Duration::from_millis(60));
    // Breaker: the two threads not pinned.
    let two_on = if broken { None } else { Some(cpu) };
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("both jobs on one thread, on one core", || {
            one_thread(units, Some(cpu)).unwrap();
        }),
        ("two threads, on the same core", || {
            two_threads(units, two_on).unwrap();
        }),
    ));
    m.details = format!("{units} units per job, CPU {cpu}\n{}", m.details);
    m
}

/// Whether this system can pin a thread to a core: tried on a thread of its
/// own, so the thread that measures is never pinned.
fn can_pin(cpu: usize) -> std::io::Result<()> {
    std::thread::scope(|s| s.spawn(move || time_slicing::pin_to(cpu)).join().unwrap())
}

fn unpinned_speedup(broken: bool) -> Measured {
    use time_slicing::{first_allowed_cpu, one_thread, two_threads};
    let units = calibrated_units(Duration::from_millis(60));
    // Breaker: the two threads pinned to one core.
    let two_on = broken.then(first_allowed_cpu);
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("both jobs on one thread", || {
            one_thread(units, None).unwrap();
        }),
        ("two free threads", || {
            two_threads(units, two_on).unwrap();
        }),
    ));
    m.details = format!("{units} units per job\n{}", m.details);
    m
}

fn switch_cost(broken: bool) -> Measured {
    const THREAD_ROUNDS: u64 = 4_000;
    const TASK_ROUNDS: u64 = 20_000;
    // As in the listing: both tasks on a runtime with one thread.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    // Two threads on two cores: the trials are probed.
    let pair = on_all_cores(
        ENOUGH_TRIALS,
        ("4,000 round trips between threads", || {
            let rounds = if broken {
                // Breaker: two tasks on the runtime's one thread where the
                // listing has two threads.
                runtime.block_on(ping_pong::tasks(THREAD_ROUNDS))
            } else {
                ping_pong::threads(THREAD_ROUNDS)
            };
            assert_eq!(rounds, THREAD_ROUNDS);
        }),
        ("20,000 round trips between tasks", || {
            assert_eq!(runtime.block_on(ping_pong::tasks(TASK_ROUNDS)), TASK_ROUNDS);
        }),
    );
    let thread = pair.a.best().as_secs_f64() / THREAD_ROUNDS as f64;
    let task = pair.b.best().as_secs_f64() / TASK_ROUNDS as f64;
    // Per round trip: the trial's ratio of times, times the ratio of rounds.
    let per_round = (TASK_ROUNDS / THREAD_ROUNDS) as f64;
    let mut m = median_ratio(pair);
    m.values = m.values.iter().map(|r| r * per_round).collect();
    m.any_machine = m.any_machine.iter().map(|r| r * per_round).collect();
    m.counted = vec![m.counted[0].iter().map(|r| r * per_round).collect()];
    m.details = format!(
        "best per round trip: threads {:.2} µs, tasks {:.2} µs; the value is the median, \
         over the trials, of the ratio per round trip\n{}",
        thread * 1e6,
        task * 1e6,
        m.details
    );
    m
}

fn oversubscribe(broken: bool) -> Measured {
    use oversubscribe::on_threads;
    let cores = crate::registry::cores() as u64;
    // About 100 ms of work for each core.
    let units = calibrated_units(Duration::from_millis(100)) * cores;
    // Breaker: one thread in all where the listing starts one per core.
    let fewest = if broken { 1 } else { cores };
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("one thread per core", || on_threads(units, fewest)),
        ("eight threads per core", || on_threads(units, 8 * cores)),
    ));
    m.details = format!("{units} units, {cores} cores\n{}", m.details);
    m
}
