//! Exercise 8-2, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises philosophers`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/shared_state/exercise_philosophers.rs` (setup, `main`, tests) and the chapter `src/shared-state.md` (the
//! stub). To start again: `git checkout exercises/src/shared_state/philosophers.rs`.
// Under `cargo test` the tests at the bottom of this file run your code
// under loom, which tries every interleaving: loom's Mutex and threads then
// stand in for std's. (The table is shared with std's `Arc` even then: loom's
// own `Arc` aborts the test when a model deadlocks, a loom bug.)
#[cfg(test)]
use loom::{sync::Mutex, thread};
use std::sync::{Arc, mpsc};
use std::time::Duration;
#[cfg(not(test))]
use std::{sync::Mutex, thread};

/// `seats` philosophers round a table each eat `meals` times. Philosopher
/// `seat` eats with fork `seat`, on the left, and fork `(seat + 1) % seats`,
/// on the right. Returns how many meals each fork served.
pub fn dinner(seats: usize, meals: u32) -> Vec<u32> {
    let forks: Arc<Vec<Mutex<u32>>> = Arc::new((0..seats).map(|_| Mutex::new(0)).collect());
    let philosophers: Vec<_> = (0..seats)
        .map(|seat| {
            let forks = forks.clone();
            thread::spawn(move || {
                for _ in 0..meals {
                    eat(&forks, seat);
                }
            })
        })
        .collect();
    for p in philosophers {
        p.join().unwrap();
    }
    forks.iter().map(|fork| *fork.lock().unwrap()).collect()
}

pub fn eat(forks: &[Mutex<u32>], seat: usize) {
    // Your code here: pick up both forks, add one to each, put them down.
    let _ = (forks, seat);
}

/// Runs the dinner under a watchdog: a deadlocked dinner never ends, so
/// `main` waits 2 s for it at most.
pub fn main() {
    let (done, watchdog) = mpsc::channel();
    std::thread::spawn(move || done.send(dinner(5, 10_000)));
    match watchdog.recv_timeout(Duration::from_secs(2)) {
        Ok(served) => println!("every fork served 20000 meals? {served:?}"),
        Err(_) => println!("deadlock: the dinner did not end in 2 s"),
    } // a stuck dinner ends when the process does
}

#[cfg(test)]
mod tests {
    use super::dinner;

    /// Three philosophers eat once each. In every interleaving loom tries,
    /// the dinner ends (a deadlock makes loom panic) and each fork serves
    /// both of its neighbours.
    #[test]
    fn three_philosophers_never_deadlock() {
        loom::model(|| assert_eq!(dinner(3, 1), [2, 2, 2]));
    }

    /// Two philosophers share both forks: the two bank transfers of the
    /// chapter, in a new guise.
    #[test]
    fn two_philosophers_never_deadlock() {
        loom::model(|| assert_eq!(dinner(2, 2), [4, 4]));
    }
}
