//! A value made once, by the first thread that needs it, and then shared
//! by every thread: `LazyLock` (and `OnceLock`, which it is built on).
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::thread;

/// How many times the table below was made.
pub static MADE: AtomicUsize = AtomicUsize::new(0);

// ANCHOR: lazy
/// The primes below 10,000, made by the first thread that reads them;
/// a thread that reads them meanwhile waits for that one, and after that
/// every read is a load.
pub static PRIMES: LazyLock<Vec<u32>> = LazyLock::new(|| {
    MADE.fetch_add(1, Relaxed);
    (2..10_000)
        .filter(|&n| (2..n).take_while(|d| d * d <= n).all(|d| n % d != 0))
        .collect()
});

pub fn main() {
    let seen: Vec<usize> = thread::scope(|s| {
        let readers: Vec<_> = (0..4).map(|_| s.spawn(|| PRIMES.len())).collect();
        readers.into_iter().map(|r| r.join().unwrap()).collect()
    });
    println!("four threads saw {seen:?} primes");
    println!("the table was made {} time(s)", MADE.load(Relaxed));
}
// ANCHOR_END: lazy

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_made_once_however_many_threads_ask() {
        thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| assert_eq!(PRIMES.len(), 1_229));
            }
        });
        assert_eq!(MADE.load(Relaxed), 1);
    }
}
