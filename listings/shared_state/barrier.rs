//! Threads that work in phases: a `Barrier` holds each thread until all of
//! them have reached it, so no thread starts the next phase early.
use std::sync::{Barrier, Mutex};
use std::thread;

// ANCHOR: barrier
/// Each of `threads` threads logs its phase 1, waits at the barrier, then
/// logs its phase 2; returns the phases in the order they were logged.
pub fn phases(threads: usize) -> Vec<u32> {
    let barrier = Barrier::new(threads);
    let log = Mutex::new(Vec::new());
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                log.lock().unwrap().push(1);
                // Returns once `threads` threads have called it.
                barrier.wait();
                log.lock().unwrap().push(2);
            });
        }
    });
    log.into_inner().unwrap()
}

pub fn main() {
    println!(
        "phases, in the order the threads logged them: {:?}",
        phases(4)
    );
}
// ANCHOR_END: barrier

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_thread_starts_phase_two_before_every_thread_ends_phase_one() {
        for _ in 0..100 {
            assert_eq!(phases(4), [1, 1, 1, 1, 2, 2, 2, 2]);
        }
    }
}
