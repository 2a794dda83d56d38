//! The counter of `counter_race.rs` as an atomic integer, whose `fetch_add`
//! reads, adds and writes in one indivisible step. No update is lost.
// Under `cargo test` this file's own tests run it under loom, a model
// checker: loom's atomics, Arc and threads then stand in for std's.
#[cfg(test)]
use loom::{
    sync::Arc,
    sync::atomic::{AtomicU64, Ordering::Relaxed},
    thread,
};
#[cfg(not(test))]
use std::{
    sync::Arc,
    sync::atomic::{AtomicU64, Ordering::Relaxed},
    thread,
};

// ANCHOR: increment
/// Adds one to `counter` in one step that no other thread can split.
pub fn increment(counter: &AtomicU64) {
    // New: an atomic integer instead of a locked one, and `fetch_add`,
    // which reads, adds and writes as one atomic operation.
    counter.fetch_add(1, Relaxed);
}
// ANCHOR_END: increment

/// Two threads each call `increment` `times` times on one counter.
/// Returns the final count: 2 × `times` if no update was lost.
pub fn count(times: u64) -> u64 {
    let counter = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..times {
                    increment(&counter);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    counter.load(Relaxed)
}

pub fn main() {
    let times = 1_000_000;
    let total = count(times);
    println!("expected {}, counted {total}", 2 * times);
    println!("{} updates were lost", 2 * times - total);
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    // ANCHOR: model
    /// The same model as for `counter_race.rs`: now every interleaving
    /// counts to 4.
    #[test]
    fn loom_finds_no_lost_update() {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        loom::model(|| {
            let run = RUNS.fetch_add(1, Relaxed) + 1;
            let total = super::count(2);
            assert_eq!(total, 4, "an update was lost in interleaving {run}");
        });
        println!("all {} interleavings counted 4", RUNS.load(Relaxed));
        // ANCHOR_END: model
        // The page shows the line a run printed (`cargo xtask outputs`).
        crate::page::shows(
            "listings/shared_state/counter_atomic.model.output.txt",
            &format!("all {} interleavings counted 4\n", RUNS.load(Relaxed)),
        );
        // ANCHOR: model
    }
    // ANCHOR_END: model
}
