//! Two threads add one to a shared counter, a million times each. Every
//! read and every write of the counter takes its lock, so the program is
//! safe Rust. But an increment is two steps, a read and a write, each under
//! the lock on its own: updates are lost.
// ANCHOR: imports
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
// ANCHOR_END: imports

// ANCHOR: increment
/// Adds one to `counter` in two steps: read it, then write back what was
/// read plus one. A write by another thread between the two is lost.
pub fn increment(counter: &Mutex<u64>) {
    let seen = *counter.lock().unwrap(); // lock, read, unlock
    *counter.lock().unwrap() = seen + 1; // lock, write, unlock
}
// ANCHOR_END: increment

// ANCHOR: count
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
// ANCHOR_END: count

// ANCHOR: main
pub fn main() {
    let times = 1_000_000;
    let total = count(times);
    println!("expected {}, counted {total}", 2 * times);
    println!("{} updates were lost", 2 * times - total);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    // ANCHOR: model
    /// loom runs `count(2)` once for each way in which the two threads'
    /// steps can interleave, until one of them loses an update.
    #[test]
    #[should_panic(expected = "an update was lost")]
    fn loom_finds_a_lost_update() {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        loom::model(|| {
            let run = RUNS.fetch_add(1, Relaxed) + 1;
            let total = super::count(2);
            assert_eq!(total, 4, "an update was lost in interleaving {run}");
        });
    }
    // ANCHOR_END: model
}
