//! Claims of chapter 8, "Shared state: races, atomics, locks and deadlock".
use concurrency_measured::shared_state::{counter_atomic, counter_mutex, counter_race};

use super::{Measured, Measurement};
use crate::registry::Estimator;

pub const CLAIMS: &[Measurement] = &[
    ("lost-updates", lost_updates),
    ("atomic-exact", atomic_exact),
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
