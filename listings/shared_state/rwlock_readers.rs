//! Threads that only read shared numbers, under a `Mutex` and under a
//! `RwLock`: whether the readers run at once depends on how long each read
//! holds the lock.
use std::sync::{Mutex, RwLock};
use std::thread;
use std::time::Instant;

// ANCHOR: readers
/// `threads` threads each make `reads` reads of the numbers behind `lock`,
/// each with `read`, which holds the lock while it sums them. Returns the
/// sum of every read's sum.
pub fn readers<L: Sync>(lock: &L, threads: usize, reads: usize, read: fn(&L) -> u64) -> u64 {
    thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| s.spawn(move || (0..reads).map(|_| read(lock)).sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

/// A read under a `Mutex`: one thread at a time, readers or not.
pub fn sum_locked(numbers: &Mutex<Vec<u64>>) -> u64 {
    numbers.lock().unwrap().iter().sum()
}

/// A read under a `RwLock`'s read lock, which any number of threads may
/// hold at once.
pub fn sum_read_locked(numbers: &RwLock<Vec<u64>>) -> u64 {
    numbers.read().unwrap().iter().sum()
}
// ANCHOR_END: readers

// ANCHOR: main
pub fn main() {
    let threads = thread::available_parallelism().map_or(2, |n| n.get());
    // A long read, 4,000 numbers, and a short one, a single number.
    for (len, reads) in [(4_000, 2_000), (1, 200_000)] {
        let numbers: Vec<u64> = (0..len).collect();
        let (mutex, rwlock) = (Mutex::new(numbers.clone()), RwLock::new(numbers));
        let start = Instant::now();
        let locked = readers(&mutex, threads, reads, sum_locked);
        let mutex_time = start.elapsed();
        let start = Instant::now();
        let read_locked = readers(&rwlock, threads, reads, sum_read_locked);
        let rwlock_time = start.elapsed();
        assert_eq!(locked, read_locked, "the two locks read different numbers");
        println!(
            "{threads} readers, {reads} reads each of a Vec of {len}: \
             Mutex {mutex_time:.0?}, RwLock {rwlock_time:.0?}"
        );
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_locks_let_every_reader_read_every_number() {
        let numbers: Vec<u64> = (1..=100).collect();
        let expected = 3 * 10 * 5050;
        assert_eq!(
            readers(&Mutex::new(numbers.clone()), 3, 10, sum_locked),
            expected
        );
        assert_eq!(
            readers(&RwLock::new(numbers), 3, 10, sum_read_locked),
            expected
        );
    }
}
