//! Claims of chapter 8, "Shared state: races, atomics, locks and deadlock".
use concurrency_measured::shared_state::{counter_atomic, counter_mutex, counter_race};

use super::{Measured, Measurement};

pub const CLAIMS: &[Measurement] = &[
    ("lost-updates", lost_updates),
    ("atomic-exact", atomic_exact),
];

const TIMES: u64 = 1_000_000;

fn lost_updates() -> Measured {
    // A run in which the two threads happen not to overlap loses nothing,
    // so up to five runs, stopping at the first that loses an update.
    let mut lost = Vec::new();
    for _ in 0..5 {
        lost.push(2 * TIMES - counter_race::count(TIMES));
        if lost[lost.len() - 1] > 0 {
            break;
        }
    }
    Measured {
        values: vec![*lost.last().unwrap() as f64],
        details: format!("updates lost in each run, of {}: {lost:?}", 2 * TIMES),
    }
}

fn atomic_exact() -> Measured {
    let atomic = counter_atomic::count(TIMES);
    let mutex = counter_mutex::count(TIMES);
    Measured {
        values: vec![(2 * TIMES - atomic) as f64, (2 * TIMES - mutex) as f64],
        details: format!(
            "expected {}: fetch_add counted {atomic}, Mutex counted {mutex}",
            2 * TIMES
        ),
    }
}
