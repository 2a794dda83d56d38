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
    let units = 10_000_000;
    for threads in [cores, 8 * cores, 64 * cores] {
        let t0 = Instant::now();
        on_threads(units, threads);
        println!("{threads:>4} threads: {:>7.1?}", t0.elapsed());
    }
}
// ANCHOR_END: main
