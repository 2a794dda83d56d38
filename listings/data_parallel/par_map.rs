//! Data parallelism with rayon: the same map, on one thread and on all cores.
use rayon::prelude::*;
use std::time::Instant;

// ANCHOR: collatz
/// Compute-heavy: how many steps the Collatz rule (halve an even number,
/// triple an odd one and add 1) takes to bring `n` down to 1. It touches no
/// memory at all, and some numbers take far more steps than others.
pub fn collatz_steps(mut n: u64) -> u64 {
    let mut steps = 0;
    while n != 1 {
        n = if n.is_multiple_of(2) {
            n / 2
        } else {
            3 * n + 1
        };
        steps += 1;
    }
    steps
}

pub fn sequential(numbers: &[u64]) -> u64 {
    numbers.iter().map(|&n| collatz_steps(n)).sum()
}

/// New: `par_iter` instead of `iter`. rayon splits the slice between its
/// threads, one per core, and adds up their partial sums.
pub fn parallel(numbers: &[u64]) -> u64 {
    numbers.par_iter().map(|&n| collatz_steps(n)).sum()
}
// ANCHOR_END: collatz

// ANCHOR: main
pub fn main() {
    let numbers: Vec<u64> = (1..=200_000).collect();

    let t0 = Instant::now();
    let one = sequential(&numbers);
    let on_one = t0.elapsed();

    let t0 = Instant::now();
    let all = parallel(&numbers);
    let on_all = t0.elapsed();

    assert_eq!(one, all);
    let threads = rayon::current_num_threads();
    println!("{one} steps: iter {on_one:.2?}, par_iter on {threads} threads {on_all:.2?}");
    println!(
        "speedup {:.2}x",
        on_one.as_secs_f64() / on_all.as_secs_f64()
    );
}
// ANCHOR_END: main
