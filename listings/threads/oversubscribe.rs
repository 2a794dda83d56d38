//! More threads than cores do not make CPU-bound work faster.
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;
use std::time::Instant;

/// CPU-bound work: `units` rounds of arithmetic, never waiting.
pub fn compute(units: u64) -> u64 {
    (0..units).fold(0, |acc, i| black_box(acc.rotate_left(5) ^ i))
}

// ANCHOR: split
/// A chunk of work: about a millisecond of `compute` in a debug build.
const CHUNK: u64 = 50_000;

/// Does `units` of work on `threads` threads. The work is cut into chunks,
/// and each thread takes the next chunk from a shared counter until none is
/// left, so a thread that runs on a faster core simply does more chunks.
pub fn on_threads(units: u64, threads: u64) {
    let next = AtomicU64::new(0);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let start = next.fetch_add(CHUNK, Relaxed);
                    if start >= units {
                        break;
                    }
                    compute(CHUNK.min(units - start));
                }
            });
        }
    });
}
// ANCHOR_END: split

// ANCHOR: main
pub fn main() {
    let cores = thread::available_parallelism().unwrap().get() as u64;
    let units = 6_000_000;
    for threads in [cores, 8 * cores, 64 * cores] {
        // The best of three runs: other programs can only slow a run down.
        let best = (0..3)
            .map(|_| {
                let t0 = Instant::now();
                on_threads(units, threads);
                t0.elapsed()
            })
            .min()
            .unwrap();
        println!("{threads:>4} threads: {best:>7.1?}");
    }
}
// ANCHOR_END: main
