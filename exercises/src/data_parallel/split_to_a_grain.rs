//! Exercise 7-2, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises split_to_a_grain`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/data_parallel/exercise_split_to_a_grain.rs` (setup, `main`, tests) and the chapter `src/data-parallel.md` (the
//! stub). To start again: `git checkout exercises/src/data_parallel/split_to_a_grain.rs`.
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// How many steps the Collatz rule takes to bring `n` down to 1, as in
/// Listing 7-1.
pub fn collatz_steps(mut n: u64) -> u64 {
    let mut steps = 0;
    while n > 1 {
        n = if n.is_multiple_of(2) {
            n / 2
        } else {
            3 * n + 1
        };
        steps += 1;
    }
    steps
}

/// Adds up `leaf(piece)` over pieces that together hold every number of
/// `numbers` once, in parallel. A piece holds at most `grain` numbers, and
/// at least half as many (unless `numbers` itself is shorter).
pub fn split_sum<F>(numbers: &[u64], grain: usize, leaf: &F) -> u64
where
    F: Fn(&[u64]) -> u64 + Sync,
{
    // Your code here: halve with rayon::join until a piece fits the grain.
    let _ = (numbers, grain, leaf);
    0
}

pub fn main() {
    let numbers: Vec<u64> = (1..=100_000).collect();
    for grain in [1_000, 10_000] {
        let pieces = AtomicUsize::new(0);
        let leaf = |piece: &[u64]| {
            pieces.fetch_add(1, Relaxed);
            piece.iter().map(|&n| collatz_steps(n)).sum()
        };
        let t0 = Instant::now();
        let total = split_sum(&numbers, grain, &leaf);
        println!(
            "grain {grain:>6}: {total} steps in {:>3} pieces, {:.0?}",
            pieces.load(Relaxed),
            t0.elapsed()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::{Condvar, Mutex};
    use std::thread::{self, ThreadId};
    use std::time::Duration;

    /// The pieces `split_sum` hands to `leaf`: (first number, length).
    /// The numbers are `0..n`, so a piece's first number is where it starts.
    fn pieces(n: u64, grain: usize) -> (u64, Vec<(u64, usize)>) {
        let numbers: Vec<u64> = (0..n).collect();
        let seen = Mutex::new(Vec::new());
        let leaf = |piece: &[u64]| {
            let first = piece.first().copied().unwrap_or(n);
            seen.lock().unwrap().push((first, piece.len()));
            piece.iter().sum()
        };
        let total = split_sum(&numbers, grain, &leaf);
        let mut seen = seen.into_inner().unwrap();
        seen.sort();
        (total, seen)
    }

    #[test]
    fn the_sum_is_right() {
        let numbers: Vec<u64> = (1..=5_000).collect();
        let steps = |piece: &[u64]| piece.iter().map(|&n| collatz_steps(n)).sum();
        let expected: u64 = steps(&numbers);
        for grain in [1, 7, 100, 5_000, 10_000] {
            assert_eq!(
                split_sum(&numbers, grain, &steps),
                expected,
                "grain {grain}"
            );
        }
    }

    #[test]
    fn the_pieces_cover_every_number_once() {
        for (n, grain) in [(10_000, 100), (10_050, 100), (999, 10), (50, 64)] {
            let (total, pieces) = pieces(n, grain);
            assert_eq!(total, n * (n - 1) / 2, "the sum of 0..{n}");
            let mut next = 0;
            for (first, len) in pieces {
                assert_eq!(first, next, "a gap or an overlap at {next} (grain {grain})");
                next += len as u64;
            }
            assert_eq!(next, n, "the pieces end at {next}, not {n}");
        }
    }

    #[test]
    fn no_piece_is_larger_than_the_grain_or_smaller_than_half_of_it() {
        for (n, grain) in [(10_000, 100), (10_050, 100), (999, 10), (4_097, 64)] {
            let (_, pieces) = pieces(n, grain);
            for (first, len) in pieces {
                assert!(
                    len <= grain && 2 * len >= grain,
                    "the piece at {first} holds {len} numbers, grain {grain}"
                );
            }
        }
        // An input shorter than the grain is one piece.
        assert_eq!(pieces(50, 64).1, [(0, 50)]);
    }

    #[test]
    fn the_pieces_run_on_more_than_one_thread() {
        // The piece that holds 0 waits until another thread has run a
        // piece: one thread alone would wait here (for 5 s, then fail).
        let seen: Mutex<HashSet<ThreadId>> = Mutex::default();
        let changed = Condvar::new();
        let leaf = |piece: &[u64]| {
            let mut seen = seen.lock().unwrap();
            seen.insert(thread::current().id());
            changed.notify_all();
            if piece.contains(&0) {
                let _ = changed
                    .wait_timeout_while(seen, Duration::from_secs(5), |s| s.len() < 2)
                    .unwrap();
            }
            piece.iter().sum()
        };
        let numbers: Vec<u64> = (0..1_000).collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        assert_eq!(pool.install(|| split_sum(&numbers, 50, &leaf)), 499_500);
        assert!(
            seen.lock().unwrap().len() >= 2,
            "every piece ran on one thread: use rayon::join"
        );
    }
}
