//! A pool of threads takes jobs from one queue behind a `Mutex`. Where the
//! guard that `lock` returns is dropped decides whether the jobs run at the
//! same time or one after another.
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::thread;
use std::time::Instant;

/// A job: count the primes in a block of 1,000 numbers, CPU-bound work of
/// its own that needs nothing from the queue.
pub fn job(block: u64) -> usize {
    (block * 1_000..(block + 1) * 1_000)
        .filter(|&n| {
            n >= 2
                && (2..)
                    .take_while(|d| d * d <= n)
                    .all(|d| !n.is_multiple_of(d))
        })
        .count()
}

// ANCHOR: held
/// Each worker pops jobs until the queue is empty. The guard is a temporary
/// of the `while let` condition, and such a temporary lives until the end
/// of the loop's body: the queue stays locked while the job runs, and the
/// other workers wait for it.
pub fn holding(queue: &Mutex<Vec<u64>>, workers: usize) -> usize {
    let found = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(block) = queue.lock().unwrap().pop() {
                    found.fetch_add(job(block), Relaxed);
                }
            });
        }
    });
    found.into_inner()
}
// ANCHOR_END: held

// ANCHOR: dropped
/// The same pool, with the job taken in a statement of its own: the guard
/// is dropped at the semicolon, before the job runs.
pub fn dropping(queue: &Mutex<Vec<u64>>, workers: usize) -> usize {
    let found = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let next = queue.lock().unwrap().pop(); // unlocked here
                    let Some(block) = next else { break };
                    found.fetch_add(job(block), Relaxed);
                }
            });
        }
    });
    found.into_inner()
}
// ANCHOR_END: dropped

// ANCHOR: main
pub fn main() {
    let workers = thread::available_parallelism().map_or(2, |n| n.get());
    let blocks: Vec<u64> = (0..200).collect();
    for (name, pool) in [
        (
            "guard held through each job ",
            holding as fn(&Mutex<Vec<u64>>, usize) -> usize,
        ),
        ("guard dropped before each job", dropping),
    ] {
        let queue = Mutex::new(blocks.clone());
        let start = Instant::now();
        let found = pool(&queue, workers);
        println!(
            "{name}: {found} primes, {workers} workers, {:.0?}",
            start.elapsed()
        );
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_pools_run_every_job_once() {
        let expected: usize = (0..50).map(job).sum();
        for pool in [holding, dropping] {
            let queue = Mutex::new((0..50).collect());
            assert_eq!(pool(&queue, 4), expected);
            assert!(queue.lock().unwrap().is_empty());
        }
    }
}
