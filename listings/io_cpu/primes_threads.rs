//! A CPU-bound job split over threads: count the primes below a limit.
use std::thread;
use std::time::Instant;

fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

// ANCHOR: split
/// Numbers are dealt to the threads in blocks, like cards: thread `t` takes
/// blocks t, t + threads, t + 2 * threads, ... so each thread gets small and
/// large numbers alike, and about the same amount of work.
const BLOCK: u64 = 1_000;

pub fn count_primes(below: u64, threads: u64) -> usize {
    thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    let mut count = 0;
                    let mut start = t * BLOCK;
                    while start < below {
                        let block = start..(start + BLOCK).min(below);
                        count += block.filter(|&n| is_prime(n)).count();
                        start += threads * BLOCK;
                    }
                    count
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    })
}
// ANCHOR_END: split

// ANCHOR: main
pub fn main() {
    let cores = thread::available_parallelism().unwrap().get() as u64;

    let t0 = Instant::now();
    let one = count_primes(300_000, 1);
    let on_one = t0.elapsed();

    let t0 = Instant::now();
    let all = count_primes(300_000, cores);
    let on_all = t0.elapsed();

    assert_eq!(one, all);
    println!("{one} primes: 1 thread {on_one:.2?}, {cores} threads {on_all:.2?}");
    println!(
        "speedup {:.2}x on {cores} cores",
        on_one.as_secs_f64() / on_all.as_secs_f64()
    );
}
// ANCHOR_END: main
