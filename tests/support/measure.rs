//! How each claim in `tests/claims.toml` is measured: the listing's own
//! functions, run side by side. One function per claim; each returns one
//! value per check of the claim, in the registry's order.
use concurrency_measured::{io_cpu, sync_async};
use std::time::{Duration, Instant};

use super::timing::{Pair, interleaved, time};

pub struct Measured {
    pub values: Vec<f64>,
    /// The raw numbers behind the values, printed with every result.
    pub details: String,
}

/// Every claim id that has a measurement here.
pub const IDS: &[&str] = &[
    "io-threads",
    "io-tokio",
    "cpu-threads",
    "spawn-overhead",
    "cpu-vs-wall",
];

pub fn measure(id: &str) -> Measured {
    match id {
        "io-threads" => io_threads(),
        "io-tokio" => io_tokio(),
        "cpu-threads" => cpu_threads(),
        "spawn-overhead" => spawn_overhead(),
        "cpu-vs-wall" => cpu_vs_wall(),
        _ => panic!("no measurement for claim `{id}`: add one to tests/support/measure.rs"),
    }
}

fn ratio(pair: Pair) -> Measured {
    Measured {
        values: vec![pair.ratio()],
        details: pair.describe(),
    }
}

const WAIT: Duration = Duration::from_millis(100);

fn io_threads() -> Measured {
    use sync_async::{sleep_sequential::one_after_another, sleep_threads::on_threads};
    ratio(interleaved(
        3,
        ("one after another", || {
            one_after_another(10, WAIT, Instant::now())
        }),
        ("on ten threads", || on_threads(10, WAIT, Instant::now())),
    ))
}

fn io_tokio() -> Measured {
    use sync_async::{sleep_sequential::one_after_another, sleep_tokio::as_tasks};
    // As in the listing: a runtime with one thread, so the tasks take turns.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    ratio(interleaved(
        3,
        ("one after another", || {
            one_after_another(10, WAIT, Instant::now())
        }),
        ("tokio tasks on one thread", || {
            rt.block_on(as_tasks(10, WAIT, Instant::now()))
        }),
    ))
}

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

fn cpu_threads() -> Measured {
    use io_cpu::primes_threads::count_primes;
    let below = calibrated_limit(Duration::from_millis(200));
    let cores = super::registry::cores() as u64;
    let mut m = ratio(interleaved(
        5,
        ("1 thread", || {
            count_primes(below, 1);
        }),
        ("one thread per core", || {
            count_primes(below, cores);
        }),
    ));
    m.details = format!("primes below {below}, {cores} cores\n{}", m.details);
    m
}

fn spawn_overhead() -> Measured {
    use io_cpu::thread_per_job::{on_one_thread, thread_per_job};
    ratio(interleaved(
        5,
        ("1,000 jobs, a thread each", || {
            thread_per_job(1_000);
        }),
        ("1,000 jobs on one thread", || {
            on_one_thread(1_000);
        }),
    ))
}

fn cpu_vs_wall() -> Measured {
    use io_cpu::cpu_time::{count_primes, measure, wait_ten_times};
    let below = calibrated_limit(Duration::from_millis(200));
    let fraction = |(wall, cpu): (Duration, Duration)| cpu.as_secs_f64() / wall.as_secs_f64();
    let mut computing = Vec::new();
    let mut waiting = Vec::new();
    for _ in 0..3 {
        computing.push(fraction(measure(|| {
            count_primes(below);
        })));
        waiting.push(fraction(measure(wait_ten_times)));
    }
    // Noise on a shared machine takes the core away from the computing job
    // (lower fraction) and adds work to the waiting one (higher fraction):
    // the best trial is the highest for one and the lowest for the other.
    let best_computing = computing.iter().copied().fold(f64::MIN, f64::max);
    let best_waiting = waiting.iter().copied().fold(f64::MAX, f64::min);
    Measured {
        values: vec![best_computing, best_waiting],
        details: format!(
            "primes below {below}: CPU/wall {computing:.3?}\nten waits of 100 ms: CPU/wall {waiting:.3?}"
        ),
    }
}
