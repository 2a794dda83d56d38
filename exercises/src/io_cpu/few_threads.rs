//! Exercise 2-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises few_threads`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/io_cpu/exercise_few_threads.rs` (setup, `main`, tests) and the chapter `src/io-cpu.md` (the
//! stub). To start again: `git checkout exercises/src/io_cpu/few_threads.rs`.
use std::hint::black_box;
use std::thread;
use std::time::Instant;

/// A tiny job, as in Listing 2-3: a few microseconds of arithmetic.
pub fn tiny_job(seed: u64) -> u64 {
    (0..200).map(|i| black_box(seed + i) % 7).sum()
}

/// Runs `job(0)`, `job(1)`, ... `job(jobs - 1)` on `threads` threads and
/// returns the sum of what they return. Each thread gets an equal share of
/// the jobs, decided before it starts: the shares differ by one job at most.
pub fn on_few_threads(jobs: u64, threads: u64, job: impl Fn(u64) -> u64 + Sync) -> u64 {
    // Your code here: give each of `threads` scoped threads its share.
    let _ = (jobs, threads, job);
    0
}

pub fn main() {
    let cores = thread::available_parallelism().unwrap().get() as u64;

    let t0 = Instant::now();
    let one: u64 = (0..20_000).map(tiny_job).sum();
    println!("20,000 tiny jobs, one thread:   {:>9.2?}", t0.elapsed());

    let t0 = Instant::now();
    let few = on_few_threads(20_000, cores, tiny_job);
    println!(
        "20,000 tiny jobs, {cores:>2} threads:   {:>9.2?}",
        t0.elapsed()
    );
    println!("the same sum: {}", one == few);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::thread::ThreadId;

    /// Runs `on_few_threads` with a job that records which thread ran which
    /// job. Returns the sum and, for each thread, the jobs it ran.
    fn run(jobs: u64, threads: u64) -> (u64, HashMap<ThreadId, Vec<u64>>) {
        let ran = Mutex::new(HashMap::<ThreadId, Vec<u64>>::new());
        let sum = on_few_threads(jobs, threads, |j| {
            let me = thread::current().id();
            ran.lock().unwrap().entry(me).or_default().push(j);
            tiny_job(j)
        });
        (sum, ran.into_inner().unwrap())
    }

    #[test]
    fn the_sum_is_the_same_as_on_one_thread() {
        for (jobs, threads) in [(1_000, 4), (1_001, 3), (7, 2), (3, 8)] {
            let expected: u64 = (0..jobs).map(tiny_job).sum();
            let (sum, _) = run(jobs, threads);
            assert_eq!(sum, expected, "{jobs} jobs on {threads} threads");
        }
    }

    #[test]
    fn every_job_runs_exactly_once() {
        for (jobs, threads) in [(1_000, 4), (1_001, 3), (3, 8)] {
            let (_, ran) = run(jobs, threads);
            let mut all: Vec<u64> = ran.into_values().flatten().collect();
            all.sort();
            assert_eq!(
                all,
                (0..jobs).collect::<Vec<_>>(),
                "{jobs} jobs on {threads} threads"
            );
        }
    }

    #[test]
    fn as_many_threads_as_asked_with_even_shares() {
        for (jobs, threads) in [(1_000, 4), (1_001, 3), (10, 10)] {
            let (_, ran) = run(jobs, threads);
            assert_eq!(
                ran.len() as u64,
                threads,
                "{jobs} jobs should run on {threads} threads, not {}",
                ran.len()
            );
            let shares: Vec<usize> = ran.values().map(Vec::len).collect();
            let (least, most) = (shares.iter().min(), shares.iter().max());
            assert!(
                most.unwrap() - least.unwrap() <= 1,
                "uneven shares of {jobs} jobs on {threads} threads: {shares:?}"
            );
        }
    }
}
