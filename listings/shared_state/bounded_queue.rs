//! A queue of a fixed size built from a `Mutex` and two `Condvar`s: a
//! sender waits while it is full, a receiver while it is empty. Under
//! `cargo test` the tests run it under loom, whose `Mutex`, `Condvar` and
//! threads then stand in for std's.
#[cfg(test)]
use loom::sync::{Condvar, Mutex};
use std::collections::VecDeque;
#[cfg(not(test))]
use std::sync::{Condvar, Mutex};

// ANCHOR: queue
pub struct BoundedQueue<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    not_empty: Condvar,
    not_full: Condvar,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> Self {
        BoundedQueue {
            items: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity,
            not_empty: Condvar::new(),
            not_full: Condvar::new(),
        }
    }

    pub fn send(&self, item: T) {
        let mut items = self.items.lock().unwrap();
        // `wait` unlocks, sleeps, and locks again before it returns. It may
        // return when nothing changed, or after another thread took what
        // changed: so `while`, never `if`.
        while items.len() == self.capacity {
            items = self.not_full.wait(items).unwrap();
        }
        items.push_back(item);
        drop(items);
        self.not_empty.notify_one();
    }

    pub fn recv(&self) -> T {
        let mut items = self.items.lock().unwrap();
        while items.is_empty() {
            items = self.not_empty.wait(items).unwrap();
        }
        let item = items.pop_front().unwrap();
        drop(items);
        self.not_full.notify_one();
        item
    }
}
// ANCHOR_END: queue

/// The number of items in the queue now.
pub fn len<T>(queue: &BoundedQueue<T>) -> usize {
    queue.items.lock().unwrap().len()
}

// ANCHOR: main
pub fn main() {
    use std::thread;
    let queue = BoundedQueue::new(4);
    let most = thread::scope(|s| {
        s.spawn(|| (1..=10_000u64).for_each(|i| queue.send(i)));
        let mut most = 0;
        let mut sum = 0;
        for _ in 0..10_000 {
            most = most.max(len(&queue));
            sum += queue.recv();
        }
        println!("received 10,000 numbers, sum {sum}");
        most
    });
    println!("the queue never held more than {most} of its 4 slots");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use loom::sync::Arc;
    use loom::thread;
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    /// `recv` as it would be written with `if`: it checks once, waits once,
    /// and takes what it finds.
    fn recv_checking_once<T>(queue: &BoundedQueue<T>) -> T {
        let mut items = queue.items.lock().unwrap();
        if items.is_empty() {
            items = queue.not_empty.wait(items).unwrap();
        }
        let item = items.pop_front().expect("woken, and the queue was empty");
        drop(items);
        queue.not_full.notify_one();
        item
    }

    /// One sender, two receivers, two items, a queue of one slot.
    fn two_receivers(recv: fn(&BoundedQueue<u32>) -> u32) -> u32 {
        let queue = Arc::new(BoundedQueue::new(1));
        let receivers: Vec<_> = (0..2)
            .map(|_| {
                let queue = Arc::clone(&queue);
                thread::spawn(move || recv(&queue))
            })
            .collect();
        queue.send(1);
        queue.send(2);
        receivers.into_iter().map(|r| r.join().unwrap()).sum()
    }

    // ANCHOR: if_model
    /// A receiver woken by a `notify_one` gets the lock back after another
    /// receiver, which never waited, has taken the item.
    #[test]
    #[should_panic(expected = "woken, and the queue was empty")]
    fn loom_finds_a_wait_in_an_if_broken() {
        loom::model(|| {
            two_receivers(recv_checking_once);
        });
    }
    // ANCHOR_END: if_model

    // ANCHOR: while_model
    #[test]
    fn loom_finds_every_interleaving_of_the_while_loop_whole() {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        loom::model(|| {
            RUNS.fetch_add(1, Relaxed);
            assert_eq!(two_receivers(BoundedQueue::recv), 3);
        });
        println!(
            "all {} interleavings received both items",
            RUNS.load(Relaxed)
        );
        // ANCHOR_END: while_model
        crate::page::shows(
            "listings/shared_state/bounded_queue.while.output.txt",
            &format!(
                "all {} interleavings received both items\n",
                RUNS.load(Relaxed)
            ),
        );
        // ANCHOR: while_model
    }
    // ANCHOR_END: while_model
}
