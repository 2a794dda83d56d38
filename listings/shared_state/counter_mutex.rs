//! The counter of `counter_race.rs`, with one lock for the whole increment:
//! the read and the write happen while the thread holds the lock, so no
//! other thread comes between them.
// Under `cargo test` this file's own tests run it under loom, a model
// checker: loom's Mutex, Arc and threads then stand in for std's.
#[cfg(test)]
use loom::{
    sync::{Arc, Mutex},
    thread,
};
#[cfg(not(test))]
use std::{
    sync::{Arc, Mutex},
    thread,
};

// ANCHOR: increment
/// Adds one to `counter` while holding its lock.
pub fn increment(counter: &Mutex<u64>) {
    // New: one lock for both steps. Another thread's `lock` waits until
    // `value`, the guard, is dropped.
    let mut value = counter.lock().unwrap();
    let seen = *value;
    *value = seen + 1;
} // the lock is released here, when `value` goes out of scope
// ANCHOR_END: increment

/// Two threads each call `increment` `times` times on one counter.
/// Returns the final count: 2 × `times` if no update was lost.
pub fn count(times: u64) -> u64 {
    let counter = Arc::new(Mutex::new(0));
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
    let total = counter.lock().unwrap();
    *total
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
    /// The same model again: every interleaving counts to 4.
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
            "listings/shared_state/counter_mutex.model.output.txt",
            &format!("all {} interleavings counted 4\n", RUNS.load(Relaxed)),
        );
        // ANCHOR: model
    }
    // ANCHOR_END: model
}
