//! A plain sum of a large array: memory, not arithmetic, sets its speed.
use rayon::prelude::*;
use std::time::Instant;

// ANCHOR: sum
/// One addition per 8 bytes read: far too little work to keep a core busy
/// while it waits for memory.
pub fn sum(numbers: &[u64]) -> u64 {
    numbers.iter().sum()
}

pub fn par_sum(numbers: &[u64]) -> u64 {
    numbers.par_iter().sum()
}
// ANCHOR_END: sum

/// 256 MiB of u64: far larger than any cache, so every byte comes from memory.
pub const LEN: usize = 32 << 20;

// ANCHOR: main
pub fn main() {
    let numbers = vec![1u64; LEN];

    let t0 = Instant::now();
    let one = sum(&numbers);
    let on_one = t0.elapsed();

    let t0 = Instant::now();
    let all = par_sum(&numbers);
    let on_all = t0.elapsed();

    assert_eq!((one, all), (LEN as u64, LEN as u64));
    let gb = (LEN * 8) as f64 / 1e9;
    println!(
        "sum of 256 MiB: iter {on_one:.2?} ({:.1} GB/s), par_iter {on_all:.2?} ({:.1} GB/s)",
        gb / on_one.as_secs_f64(),
        gb / on_all.as_secs_f64()
    );
}
// ANCHOR_END: main
