//! Grain size: on a tiny input, going parallel costs more than it saves.
use rayon::prelude::*;
use std::hint::black_box;
use std::time::Instant;

// ANCHOR: tiny
pub fn sum(numbers: &[u64]) -> u64 {
    numbers.iter().sum()
}

pub fn par_sum(numbers: &[u64]) -> u64 {
    numbers.par_iter().sum()
}

/// The fix: go parallel only when there is enough work to share.
pub fn sum_adaptive(numbers: &[u64]) -> u64 {
    if numbers.len() < 100_000 {
        sum(numbers)
    } else {
        par_sum(numbers)
    }
}
// ANCHOR_END: tiny

// ANCHOR: main
pub fn main() {
    let numbers: Vec<u64> = (0..1_000).collect();
    let per_call = |f: fn(&[u64]) -> u64| {
        let t0 = Instant::now();
        for _ in 0..1_000 {
            assert_eq!(f(black_box(&numbers)), 499_500);
        }
        t0.elapsed() / 1_000
    };
    println!("sum of 1,000 numbers, per call:");
    println!("  iter          {:>9.2?}", per_call(sum));
    println!("  par_iter      {:>9.2?}", per_call(par_sum));
    println!("  sum_adaptive  {:>9.2?}", per_call(sum_adaptive));
}
// ANCHOR_END: main
