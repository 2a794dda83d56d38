//! Exercise 8-2: dining philosophers. Philosophers sit round a table with
//! a fork between each two neighbours, and each needs both forks beside
//! them to eat. If every one picks up the left fork, then the right, they
//! can all hold one fork and wait for ever. The chapter shows the starter
//! (the `setup` and `main` anchors around a stub written on the page) and,
//! folded, the solution.
// ANCHOR: setup
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
// ANCHOR_END: setup

// ANCHOR: solution
/// Philosopher `seat` picks up both forks beside them, eats (adds one to
/// each fork's count of meals), and puts the forks down.
pub fn eat(forks: &[Mutex<u32>], seat: usize) {
    let (left, right) = (seat, (seat + 1) % forks.len());
    // One global order: the fork with the lower number first. The last
    // philosopher, whose right fork is fork 0, picks it up before the left
    // one, and no cycle of philosophers waiting on each other can form.
    let (first, second) = (left.min(right), left.max(right));
    let mut first = forks[first].lock().unwrap();
    let mut second = forks[second].lock().unwrap();
    *first += 1;
    *second += 1;
} // both forks are put down here, as the guards are dropped
// ANCHOR_END: solution

// ANCHOR: main
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
// ANCHOR_END: main

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
