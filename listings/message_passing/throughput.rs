//! How many messages per second get from one thread to another: crossbeam's
//! channel, std's mpsc channel, and a queue made of a Mutex and a Condvar.
use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: queue
/// The simplest blocking queue: a `VecDeque` behind a `Mutex`, and a
/// `Condvar` on which the receiver sleeps while the queue is empty.
#[derive(Default)]
pub struct LockedQueue {
    items: Mutex<VecDeque<Option<u64>>>, // `None` marks the end
    not_empty: Condvar,
}

impl LockedQueue {
    pub fn send(&self, item: Option<u64>) {
        self.items.lock().unwrap().push_back(item);
        self.not_empty.notify_one();
    }
    pub fn recv(&self) -> Option<u64> {
        let mut items = self.items.lock().unwrap();
        loop {
            match items.pop_front() {
                Some(item) => return item,
                // Releases the lock while asleep; holds it again on waking.
                None => items = self.not_empty.wait(items).unwrap(),
            }
        }
    }
}
// ANCHOR_END: queue

// ANCHOR: runs
/// Sends 0..n from one thread to another; returns the receiver's sum.
pub fn crossbeam_channel(n: u64) -> u64 {
    let (tx, rx) = crossbeam::channel::unbounded();
    thread::scope(|s| {
        s.spawn(move || (0..n).for_each(|i| tx.send(i).unwrap()));
        rx.iter().sum()
    })
}

pub fn std_channel(n: u64) -> u64 {
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        s.spawn(move || (0..n).for_each(|i| tx.send(i).unwrap()));
        rx.iter().sum()
    })
}

pub fn locked_queue(n: u64) -> u64 {
    let queue = LockedQueue::default();
    thread::scope(|s| {
        s.spawn(|| {
            (0..n).for_each(|i| queue.send(Some(i)));
            queue.send(None);
        });
        std::iter::from_fn(|| queue.recv()).sum()
    })
}
// ANCHOR_END: runs

/// Messages per second, best of `trials`.
pub fn rate(n: u64, trials: u32, run: fn(u64) -> u64) -> f64 {
    let best = (0..trials)
        .map(|_| {
            let t0 = Instant::now();
            assert_eq!(run(n), n * (n - 1) / 2, "a message was lost");
            t0.elapsed()
        })
        .min()
        .unwrap_or(Duration::MAX);
    n as f64 / best.as_secs_f64()
}

// ANCHOR: main
pub fn main() {
    let n = 200_000;
    type Run = fn(u64) -> u64;
    let runs: [(&str, Run); 3] = [
        ("crossbeam channel", crossbeam_channel),
        ("std mpsc channel", std_channel),
        ("Mutex<VecDeque> + Condvar", locked_queue),
    ];
    for (name, run) in runs {
        let rate = rate(n, 5, run);
        println!("{name:<26} {:>6.1} million messages/s", rate / 1e6);
    }
}
// ANCHOR_END: main
