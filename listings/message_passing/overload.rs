//! Overload: requests arrive twice as fast as one consumer can take them.
//! An unbounded queue accepts them all and makes each wait longer than the
//! last; a bounded one turns the excess away and keeps the wait short.
use crossbeam::channel::{self, TrySendError};
use hdrhistogram::Histogram;
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: overload
/// What a run of `overload` saw.
pub struct Outcome {
    /// How long each accepted request waited in the queue, in nanoseconds.
    pub waited: Histogram<u64>,
    /// The most requests ever waiting in the queue at once.
    pub most_waiting: usize,
    /// Requests turned away because the queue was full.
    pub rejected: u32,
}

/// `n` requests arrive, one every `every`, into a queue of `capacity`
/// (`None`: unbounded); one consumer takes `service` over each.
pub fn overload(capacity: Option<usize>, n: u32, every: Duration, service: Duration) -> Outcome {
    let (tx, rx) = match capacity {
        Some(c) => channel::bounded(c),
        None => channel::unbounded(),
    };
    thread::scope(|s| {
        let consumer = s.spawn(move || {
            let mut waited = Histogram::new(3).unwrap();
            for arrived in rx {
                let arrived: Instant = arrived;
                waited.record(arrived.elapsed().as_nanos() as u64).unwrap();
                thread::sleep(service); // the work
            }
            waited
        });
        let (start, mut most_waiting, mut rejected) = (Instant::now(), 0, 0);
        for i in 1..=n {
            thread::sleep((start + every * i).saturating_duration_since(Instant::now()));
            match tx.try_send(Instant::now()) {
                Ok(()) => most_waiting = most_waiting.max(tx.len()),
                Err(TrySendError::Full(_)) => rejected += 1, // "503: try later"
                Err(TrySendError::Disconnected(_)) => unreachable!(),
            }
        }
        drop(tx);
        let waited = consumer.join().unwrap();
        Outcome {
            waited,
            most_waiting,
            rejected,
        }
    })
}
// ANCHOR_END: overload

// ANCHOR: main
pub fn main() {
    let (every, service) = (Duration::from_micros(500), Duration::from_millis(1));
    for n in [400, 800] {
        for capacity in [None, Some(8)] {
            let o = overload(capacity, n, every, service);
            let at = |q: f64| Duration::from_nanos(o.waited.value_at_quantile(q));
            println!(
                "{n} requests, {:<10} p50 {:>8.1?}  p99 {:>8.1?}  at most {:>3} waiting, {:>3} turned away",
                capacity.map_or("unbounded:".to_owned(), |c| format!("bounded({c}):")),
                at(0.5),
                at(0.99),
                o.most_waiting,
                o.rejected
            );
        }
    }
}
// ANCHOR_END: main
