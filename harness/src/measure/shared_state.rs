//! Claims of chapter 8, "Shared state: races, atomics, locks and deadlock".
use concurrency_measured::shared_state::{
    counter_atomic, counter_mutex, counter_race, false_sharing, guard_lifetime,
};
use std::sync::Mutex;

use super::{ENOUGH_TRIALS, Measured, Measurement, median_ratio};
use crate::registry::Estimator;
use crate::timing::on_all_cores;

pub const CLAIMS: &[Measurement] = &[
    ("lost-updates", lost_updates),
    ("atomic-exact", atomic_exact),
    ("guard-held", guard_held),
    ("false-sharing", false_sharing),
];

const TIMES: u64 = 1_000_000;

fn lost_updates(broken: bool) -> Measured {
    // Breaker: one lock for the whole increment (counter_mutex.rs).
    let count = if broken {
        counter_mutex::count
    } else {
        counter_race::count
    };
    // A run in which the two threads happen not to overlap loses nothing,
    // so up to five runs, stopping at the first that loses an update.
    let mut lost = Vec::new();
    for _ in 0..5 {
        lost.push(2 * TIMES - count(TIMES));
        if lost[lost.len() - 1] > 0 {
            break;
        }
    }
    Measured {
        estimator: Some(Estimator::Exact),
        values: vec![*lost.last().unwrap() as f64],
        details: format!("updates lost in each run, of {}: {lost:?}", 2 * TIMES),
        ..Measured::default()
    }
}

/// `counter_atomic::count` with the breaker's change: `fetch_add` split
/// into a load and a store.
fn count_with_load_and_store(times: u64) -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    let counter = AtomicU64::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..times {
                    let seen = counter.load(Relaxed);
                    counter.store(seen + 1, Relaxed);
                }
            });
        }
    });
    counter.load(Relaxed)
}

fn atomic_exact(broken: bool) -> Measured {
    // Breaker: fetch_add split into a load and a store, and the lock taken
    // for the read and again for the write (counter_race.rs).
    let (atomic, mutex) = if broken {
        (count_with_load_and_store(TIMES), counter_race::count(TIMES))
    } else {
        (counter_atomic::count(TIMES), counter_mutex::count(TIMES))
    };
    Measured {
        estimator: Some(Estimator::Exact),
        values: vec![(2 * TIMES - atomic) as f64, (2 * TIMES - mutex) as f64],
        details: format!(
            "expected {}: fetch_add counted {atomic}, Mutex counted {mutex}",
            2 * TIMES
        ),
        ..Measured::default()
    }
}

/// Jobs of 1,000 numbers each: about 100 ms of them on one core.
const BLOCKS: u64 = 80;

fn guard_held(broken: bool) -> Measured {
    use guard_lifetime::{dropping, holding};
    let cores = crate::registry::cores();
    let queue = || Mutex::new((0..BLOCKS).collect::<Vec<u64>>());
    let mut m = median_ratio(on_all_cores(
        ENOUGH_TRIALS,
        ("guard held through each job", || holding(&queue(), cores)),
        ("guard dropped before each job", || {
            if broken {
                // Breaker: the fixed pool takes its jobs with the same
                // `while let`, and keeps the guard through each job too.
                holding(&queue(), cores)
            } else {
                dropping(&queue(), cores)
            }
        }),
    ));
    m.details = format!(
        "{BLOCKS} jobs of counting the primes among 1,000 numbers, {cores} workers\n{}",
        m.details
    );
    m
}

/// Increments per thread: about 30 ms of them padded, on this machine.
const INCREMENTS: u64 = 2_000_000;

fn false_sharing(broken: bool) -> Measured {
    use false_sharing::{packed, padded};
    let cores = crate::registry::cores();
    let mut m = median_ratio(on_all_cores(
        ENOUGH_TRIALS,
        ("counters packed into one line", || {
            if broken {
                // Breaker: the packed counters padded too.
                padded(cores, INCREMENTS)
            } else {
                packed(cores, INCREMENTS)
            }
        }),
        ("each counter on a line of its own", || {
            padded(cores, INCREMENTS)
        }),
    ));
    m.details = format!(
        "{INCREMENTS} increments on each of {cores} threads, one per core\n{}",
        m.details
    );
    m
}
