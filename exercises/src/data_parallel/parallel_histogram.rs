//! Exercise 7-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises parallel_histogram`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/data_parallel/exercise_parallel_histogram.rs` (setup, `main`, tests) and the chapter `src/data-parallel.md` (the
//! stub). To start again: `git checkout exercises/src/data_parallel/parallel_histogram.rs`.
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

/// The sequential histogram: `counts[b]` is how many of `numbers` fall in
/// bucket `b`. `bucket_of` must return a bucket below `buckets`.
pub fn histogram_sequential(
    numbers: &[u64],
    buckets: usize,
    bucket_of: impl Fn(u64) -> usize,
) -> Vec<usize> {
    let mut counts = vec![0; buckets];
    for &n in numbers {
        counts[bucket_of(n)] += 1;
    }
    counts
}

/// The same histogram, on all of rayon's threads.
pub fn histogram(
    numbers: &[u64],
    buckets: usize,
    bucket_of: impl Fn(u64) -> usize + Sync,
) -> Vec<usize> {
    // Your code here: count each piece on its own, then add up the pieces.
    let _ = (numbers, buckets, bucket_of);
    Vec::new()
}

pub fn main() {
    // How many of the numbers up to 100,000 take 0-24 steps, 25-49, ...
    let numbers: Vec<u64> = (1..=100_000).collect();
    let bucket_of = |n| (collatz_steps(n) / 25).min(15) as usize;
    let sequential = histogram_sequential(&numbers, 16, bucket_of);
    let parallel = histogram(&numbers, 16, bucket_of);
    println!("iter:     {sequential:?}");
    println!("par_iter: {parallel:?}");
    println!(
        "the same? {}; {} threads",
        sequential == parallel,
        rayon::current_num_threads()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::sync::{Condvar, Mutex};
    use std::thread::{self, ThreadId};
    use std::time::Duration;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    #[test]
    fn the_counts_are_those_of_the_sequential_histogram() {
        let numbers: Vec<u64> = (1..=20_000).collect();
        let bucket_of = |n| (collatz_steps(n) / 10).min(19) as usize;
        let expected = histogram_sequential(&numbers, 20, bucket_of);
        assert_eq!(expected.iter().sum::<usize>(), 20_000);
        // rayon splits the input differently for different numbers of
        // threads; every split must add up to the same histogram.
        for threads in [1, 2, 3, 8] {
            let counts = pool(threads).install(|| histogram(&numbers, 20, bucket_of));
            assert_eq!(counts, expected, "on a pool of {threads} threads");
        }
    }

    #[test]
    fn every_bucket_is_there_even_when_empty() {
        assert_eq!(histogram(&[], 4, |_| 0), vec![0; 4]);
        assert_eq!(histogram(&[5, 6, 7], 3, |n| (n % 2) as usize), [1, 2, 0]);
    }

    #[test]
    fn the_numbers_are_shared_between_threads() {
        // The number 0 is not counted until another thread has counted a
        // number: a loop on one thread would wait here (for 5 s, then fail).
        let seen: Mutex<HashSet<ThreadId>> = Mutex::default();
        let changed = Condvar::new();
        let bucket_of = |n: u64| {
            let mut seen = seen.lock().unwrap();
            seen.insert(thread::current().id());
            changed.notify_all();
            if n == 0 {
                let _ = changed
                    .wait_timeout_while(seen, Duration::from_secs(5), |s| s.len() < 2)
                    .unwrap();
            }
            (n % 2) as usize
        };
        let numbers: Vec<u64> = (0..1_000).collect();
        let counts = pool(4).install(|| histogram(&numbers, 2, bucket_of));
        assert_eq!(counts, [500, 500]);
        let threads = seen.lock().unwrap().len();
        assert!(
            threads >= 2,
            "every number was counted on one thread: use a parallel iterator"
        );
    }
}
