//! Exercise 8-3: a semaphore from a `Mutex` and a `Condvar`, which lets at
//! most a fixed number of threads at a time into a section of code. The
//! chapter shows the starter (the `setup` and `main` anchors around a stub
//! written on the page) and, folded, the solution.
// ANCHOR: setup
// Under `cargo test` the tests at the bottom of this file run your code
// under loom, which tries every interleaving: loom's `Mutex`, `Condvar`
// and threads then stand in for std's.
#[cfg(test)]
use loom::{
    sync::{Arc, Condvar, Mutex, atomic::AtomicUsize},
    thread,
};
use std::sync::atomic::Ordering::SeqCst;
#[cfg(not(test))]
use std::{
    sync::{Arc, Condvar, Mutex, atomic::AtomicUsize},
    thread,
};

/// Lets at most `permits` threads at a time between `acquire` and
/// `release`.
pub struct Semaphore {
    free: Mutex<usize>, // permits not taken now
    released: Condvar,
}

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            free: Mutex::new(permits),
            released: Condvar::new(),
        }
    }
}

/// `threads` threads each pass `rounds` times through a section guarded by
/// a semaphore of `permits`; returns the most threads that were inside at
/// once.
pub fn crowd(permits: usize, threads: usize, rounds: usize) -> usize {
    let semaphore = Arc::new(Semaphore::new(permits));
    let inside = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (semaphore, inside, most) = (semaphore.clone(), inside.clone(), most.clone());
            thread::spawn(move || {
                for _ in 0..rounds {
                    semaphore.acquire();
                    most.fetch_max(inside.fetch_add(1, SeqCst) + 1, SeqCst);
                    thread::yield_now(); // let the others try to come in
                    inside.fetch_sub(1, SeqCst);
                    semaphore.release();
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    most.load(SeqCst)
}
// ANCHOR_END: setup

// ANCHOR: solution
impl Semaphore {
    /// Waits until a permit is free, and takes it.
    pub fn acquire(&self) {
        let mut free = self.free.lock().unwrap();
        while *free == 0 {
            free = self.released.wait(free).unwrap();
        }
        *free -= 1;
    }

    /// Gives a permit back, and wakes one thread waiting for it.
    pub fn release(&self) {
        *self.free.lock().unwrap() += 1;
        self.released.notify_one();
    }
}
// ANCHOR_END: solution

// ANCHOR: main
pub fn main() {
    let most = crowd(3, 8, 1_000);
    println!("8 threads passed 1,000 times each through a semaphore of 3 permits");
    println!("the most inside at once: {most}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::crowd;

    /// Two threads, one permit: in every interleaving, one thread at a
    /// time is inside.
    #[test]
    fn one_permit_lets_one_thread_in_at_a_time() {
        loom::model(|| {
            assert_eq!(crowd(1, 2, 1), 1, "two threads inside a semaphore of 1");
        });
    }

    /// loom's search with at most `bound` preemptions: a thread stopped
    /// against its will at most that many times in a run. Fewer runs to try,
    /// and loom's documentation finds that 2 or 3 catch most bugs.
    fn model_bounded(bound: usize, f: impl Fn() + Sync + Send + 'static) {
        let mut builder = loom::model::Builder::new();
        builder.preemption_bound = Some(bound);
        builder.check(f);
    }

    /// Three threads, two permits, each passing once: never three inside,
    /// and no thread left waiting for a permit that was given back (loom
    /// reports a deadlock when every thread waits).
    #[test]
    fn two_permits_never_let_three_in() {
        model_bounded(2, || {
            assert!(crowd(2, 3, 1) <= 2, "three threads inside a semaphore of 2");
        });
    }

    /// Two threads passing twice each through one permit: a release that
    /// wakes no one must still leave the permit for the next acquire.
    #[test]
    fn every_released_permit_can_be_taken_again() {
        model_bounded(2, || {
            assert_eq!(crowd(1, 2, 2), 1);
        });
    }
}
