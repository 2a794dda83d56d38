//! What an ordering costs on the processor: ten million stores to one
//! atomic with `Release` and with `SeqCst`, and as many loads with
//! `Acquire` and with `SeqCst`, on one thread.
use std::sync::atomic::{AtomicU64, Ordering::*};
use std::time::Instant;

// ANCHOR: stores
/// Stores 1..=n to `x`, each a `Release` store; returns the last.
pub fn release_stores(x: &AtomicU64, n: u64) -> u64 {
    for i in 1..=n {
        x.store(i, Release);
    }
    x.load(Relaxed)
}

/// The same stores, each `SeqCst`.
pub fn seqcst_stores(x: &AtomicU64, n: u64) -> u64 {
    for i in 1..=n {
        x.store(i, SeqCst);
    }
    x.load(Relaxed)
}
// ANCHOR_END: stores

// ANCHOR: loads
/// Loads `x` n times, each an `Acquire` load; returns the sum.
pub fn acquire_loads(x: &AtomicU64, n: u64) -> u64 {
    (0..n).map(|_| x.load(Acquire)).sum()
}

/// The same loads, each `SeqCst`.
pub fn seqcst_loads(x: &AtomicU64, n: u64) -> u64 {
    (0..n).map(|_| x.load(SeqCst)).sum()
}
// ANCHOR_END: loads

// ANCHOR: main
pub fn main() {
    let x = AtomicU64::new(1);
    let n = 10_000_000;
    for (name, run) in [
        (
            "Release stores",
            release_stores as fn(&AtomicU64, u64) -> u64,
        ),
        ("SeqCst stores ", seqcst_stores),
        ("Acquire loads ", acquire_loads),
        ("SeqCst loads  ", seqcst_loads),
    ] {
        let start = Instant::now();
        let result = run(&x, n);
        println!("{name}: {:.2?} (result {result})", start.elapsed());
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ordering_stores_and_loads_the_same_values() {
        let x = AtomicU64::new(0);
        assert_eq!(release_stores(&x, 1_000), 1_000);
        assert_eq!(seqcst_stores(&x, 2_000), 2_000);
        assert_eq!(acquire_loads(&x, 10), 20_000);
        assert_eq!(seqcst_loads(&x, 10), 20_000);
    }
}
