//! More threads than cores do not make CPU-bound work faster.
use std::hint::black_box;
use std::thread;
use std::time::Instant;

/// CPU-bound work: `units` rounds of arithmetic, never waiting.
pub fn compute(units: u64) -> u64 {
    (0..units).fold(0, |acc, i| black_box(acc.rotate_left(5) ^ i))
}

// ANCHOR: split
/// Splits `units` of work into `threads` equal shares, one per thread.
pub fn on_threads(units: u64, threads: u64) {
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(move || compute(units / threads));
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
