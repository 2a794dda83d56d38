//! Producer and consumer with a bounded channel: when the channel is full,
//! the producer waits, so it can never run far ahead of the consumer. This
//! is the notes' `queue.Queue(maxsize)`.
use crossbeam::channel::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: run
/// A producer sends `items` items as fast as it can; a consumer takes one
/// every `pace`. Returns when the producer finished sending, and the most
/// items that were ever waiting in the channel.
pub fn produce_consume(
    (tx, rx): (Sender<u32>, Receiver<u32>),
    items: u32,
    pace: Duration,
) -> (Duration, usize) {
    let t0 = Instant::now();
    thread::scope(|s| {
        s.spawn(move || {
            for _item in rx {
                thread::sleep(pace); // the consumer is slow
            }
        });
        let mut most_waiting = 0;
        for item in 0..items {
            tx.send(item).unwrap(); // waits while a bounded channel is full
            most_waiting = most_waiting.max(tx.len());
        }
        let sent = t0.elapsed();
        drop(tx); // the consumer's loop ends once it has taken every item
        (sent, most_waiting)
    })
}
// ANCHOR_END: run

// ANCHOR: main
pub fn main() {
    let pace = Duration::from_millis(2);
    let (sent, most) = produce_consume(channel::bounded(4), 20, pace);
    println!("bounded(4): producer done after {sent:>8.1?}, at most {most:>2} waiting");
    let (sent, most) = produce_consume(channel::unbounded(), 20, pace);
    println!("unbounded:  producer done after {sent:>8.1?}, at most {most:>2} waiting");
}
// ANCHOR_END: main
