//! A lock built from one atomic flag: a thread that finds it taken spins,
//! asking again and again, where std's `Mutex` puts the thread to sleep.
use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering::*};
use std::thread;
use std::time::Instant;

// ANCHOR: lock
pub struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// Safety: the flag lets one thread at a time reach the value.
unsafe impl<T: Send> Sync for SpinLock<T> {}

impl<T> SpinLock<T> {
    pub const fn new(value: T) -> Self {
        SpinLock {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(value),
        }
    }

    pub fn lock(&self) -> SpinGuard<'_, T> {
        // `swap` sets the flag and returns what it was: false means ours.
        // Acquire: what the last holder wrote before its Release is
        // visible from here on.
        while self.locked.swap(true, Acquire) {
            std::hint::spin_loop();
        }
        SpinGuard { lock: self }
    }
}

pub struct SpinGuard<'a, T> {
    lock: &'a SpinLock<T>,
}

impl<T> Drop for SpinGuard<'_, T> {
    fn drop(&mut self) {
        self.lock.locked.store(false, Release);
    }
}
// ANCHOR_END: lock

impl<T> SpinLock<T> {
    /// The value, from a lock that no thread can hold any more.
    pub fn into_inner(self) -> T {
        self.value.into_inner()
    }
}

impl<T> Deref for SpinGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // Safety: the guard exists only while the flag is ours.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for SpinGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // Safety: as in `deref`, and `&mut self` makes this the only
        // reference through the guard.
        unsafe { &mut *self.lock.value.get() }
    }
}

// ANCHOR: contest
/// Work done while holding the lock: a few hundred nanoseconds.
fn update(values: &mut [u64; 64]) {
    for (i, v) in values.iter_mut().enumerate() {
        *v = v.wrapping_mul(31).wrapping_add(i as u64 + 1);
    }
}

/// `threads` threads each make `times` updates under a `SpinLock`.
pub fn spinning(threads: usize, times: usize) -> [u64; 64] {
    let lock = SpinLock::new([0; 64]);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| (0..times).for_each(|_| update(&mut lock.lock())));
        }
    });
    lock.into_inner()
}

/// The same with std's `Mutex`.
pub fn sleeping(threads: usize, times: usize) -> [u64; 64] {
    let lock = Mutex::new([0; 64]);
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| (0..times).for_each(|_| update(&mut lock.lock().unwrap())));
        }
    });
    lock.into_inner().unwrap()
}
// ANCHOR_END: contest

// ANCHOR: main
pub fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let times = 5_000;
    for threads in [cores, 8 * cores] {
        let start = Instant::now();
        let spun = spinning(threads, times);
        let spin_time = start.elapsed();
        let start = Instant::now();
        let slept = sleeping(threads, times);
        let mutex_time = start.elapsed();
        assert_eq!(spun, slept, "the two locks let different updates through");
        println!(
            "{threads} threads, {times} updates each: SpinLock {spin_time:.0?}, Mutex {mutex_time:.0?}"
        );
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spin_lock_lets_one_thread_at_a_time_update() {
        // Every update reads all 64 values and writes them back: two
        // threads inside at once would lose updates, and the two locks
        // would end with different values.
        assert_eq!(spinning(4, 2_000), sleeping(4, 2_000));
    }

    #[test]
    fn a_guard_unlocks_when_dropped() {
        let lock = SpinLock::new(0);
        *lock.lock() += 1;
        *lock.lock() += 1; // would spin for ever if the first guard kept it
        assert_eq!(*lock.lock(), 2);
    }
}
