//! Claims of chapter 2, "I/O-bound and CPU-bound work".
use concurrency_measured::io_cpu;
use std::time::Duration;

use super::{ENOUGH_TRIALS, Measured, Measurement, median_ratio, ratio};
use crate::registry::Estimator;
use crate::timing::{interleaved, time, until_decided};

pub const CLAIMS: &[Measurement] = &[
    ("cpu-threads", cpu_threads),
    ("spawn-overhead", spawn_overhead),
    ("cpu-vs-wall", cpu_vs_wall),
];

/// A limit for counting primes that takes at least `target` on one thread,
/// so the job is long enough to time whatever the machine's speed.
fn calibrated_limit(target: Duration) -> u64 {
    let mut below = 20_000;
    while time(&mut || {
        io_cpu::primes_threads::count_primes(below, 1);
    }) < target
    {
        below *= 2;
    }
    below
}

fn cpu_threads(broken: bool) -> Measured {
    use io_cpu::primes_threads::count_primes;
    let below = calibrated_limit(Duration::from_millis(200));
    let cores = crate::registry::cores() as u64;
    // Breaker: the count split over one thread, not one per core.
    let threads = if broken { 1 } else { cores };
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("1 thread", || count_primes(below, 1)),
        ("one thread per core", || count_primes(below, threads)),
    ));
    m.details = format!("primes below {below}, {cores} cores\n{}", m.details);
    m
}

fn spawn_overhead(broken: bool) -> Measured {
    use io_cpu::thread_per_job::{on_one_thread, thread_per_job};
    ratio(interleaved(
        5,
        ("1,000 jobs, a thread each", || {
            if broken {
                // Breaker: every job on the calling thread, none spawned.
                on_one_thread(1_000)
            } else {
                thread_per_job(1_000)
            }
        }),
        ("1,000 jobs on one thread", || on_one_thread(1_000)),
    ))
}

fn cpu_vs_wall(broken: bool) -> Measured {
    use io_cpu::cpu_time::{count_primes, measure, wait_ten_times};
    let below = calibrated_limit(Duration::from_millis(200));
    let fraction = |(wall, cpu): (Duration, Duration)| cpu.as_secs_f64() / wall.as_secs_f64();
    let compute = || {
        count_primes(below);
    };
    // Breaker: the two jobs swapped.
    let (first, second): (&dyn Fn(), &dyn Fn()) = if broken {
        (&wait_ten_times, &compute)
    } else {
        (&compute, &wait_ten_times)
    };
    // Noise on a shared machine takes the core away from the computing job
    // (a lower fraction): the best of three trials is the highest. The
    // waiting job's CPU time is its own thread's, which other programs do
    // not add to: one trial of its second of waits is enough.
    let computing: Vec<f64> = (0..3).map(|_| fraction(measure(first))).collect();
    let waiting = vec![fraction(measure(second))];
    let best_computing = computing.iter().copied().fold(f64::MIN, f64::max);
    let best_waiting = waiting.iter().copied().fold(f64::MAX, f64::min);
    Measured {
        estimator: Some(Estimator::Best),
        values: vec![best_computing, best_waiting],
        details: format!(
            "primes below {below}: CPU/wall {computing:.3?}\nten waits of 100 ms: CPU/wall {waiting:.3?}"
        ),
        ..Measured::default()
    }
}
