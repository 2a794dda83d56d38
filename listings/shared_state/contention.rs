//! What one update of a shared counter costs, alone and when two threads
//! update it at once: an atomic, a Mutex, an RwLock.
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: time
/// Runs `op` `times` times on each of `threads` threads at once. Returns
/// the wall-clock time divided by the number of operations.
pub fn time_per_op(threads: u32, times: u32, op: impl Fn() + Sync) -> Duration {
    let t0 = Instant::now();
    thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                for _ in 0..times {
                    op();
                }
            });
        }
    });
    t0.elapsed() / (threads * times)
}
// ANCHOR_END: time

// ANCHOR: kinds
/// The four ways to update (or read) a counter that this listing times.
pub struct Counters {
    pub atomic: AtomicU64,
    pub mutex: Mutex<u64>,
    pub rwlock: RwLock<u64>,
}

impl Counters {
    pub fn new() -> Self {
        Counters {
            atomic: AtomicU64::new(0),
            mutex: Mutex::new(0),
            rwlock: RwLock::new(0),
        }
    }
    pub fn atomic_add(&self) {
        self.atomic.fetch_add(1, Relaxed);
    }
    pub fn mutex_add(&self) {
        *self.mutex.lock().unwrap() += 1;
    }
    pub fn rwlock_add(&self) {
        *self.rwlock.write().unwrap() += 1;
    }
    pub fn rwlock_read(&self) -> u64 {
        *self.rwlock.read().unwrap()
    }
}
// ANCHOR_END: kinds

impl Default for Counters {
    fn default() -> Self {
        Self::new()
    }
}

// ANCHOR: main
pub fn main() {
    let times = 500_000;
    println!(
        "{:<20} {:>9} {:>10}",
        "per operation", "1 thread", "2 threads"
    );
    type Op = fn(&Counters);
    let kinds: [(&str, Op); 4] = [
        ("atomic fetch_add", |c| c.atomic_add()),
        ("Mutex, add", |c| c.mutex_add()),
        ("RwLock, write", |c| c.rwlock_add()),
        ("RwLock, read", |c| {
            c.rwlock_read();
        }),
    ];
    for (name, op) in kinds {
        let c = Counters::new();
        let one = time_per_op(1, times, || op(&c));
        let two = time_per_op(2, times, || op(&c));
        println!("{name:<20} {one:>9.1?} {two:>10.1?}");
    }
}
// ANCHOR_END: main
