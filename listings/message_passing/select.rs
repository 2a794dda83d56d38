//! One thread waits on two channels at once with crossbeam's `select!`,
//! taking whichever message is ready first, until a deadline.
use crossbeam::channel::{self, Receiver, after, never, select};
use std::thread::{self, Scope};
use std::time::Duration;

/// Starts a thread that sends `count` numbers, one every `every`.
pub fn ticker<'s>(s: &'s Scope<'s, '_>, count: u32, every: Duration) -> Receiver<u32> {
    let (tx, rx) = channel::unbounded();
    s.spawn(move || {
        for n in 0..count {
            thread::sleep(every);
            if tx.send(n).is_err() {
                return; // the receiver is gone: nobody is listening
            }
        }
    });
    rx
}

// ANCHOR: merge
/// Takes messages from `fast` and `slow` as they come, until both are
/// closed or `deadline` has passed. Returns them in the order taken.
pub fn merge(
    mut fast: Receiver<u32>,
    mut slow: Receiver<u32>,
    deadline: Duration,
) -> Vec<(&'static str, u32)> {
    let timeout = after(deadline); // a channel that delivers once, at the deadline
    let (mut open, mut taken) = (2, Vec::new());
    while open > 0 {
        select! {
            recv(fast) -> msg => match msg {
                Ok(n) => taken.push(("fast", n)),
                Err(_) => (fast, open) = (never(), open - 1), // closed: never again
            },
            recv(slow) -> msg => match msg {
                Ok(n) => taken.push(("slow", n)),
                Err(_) => (slow, open) = (never(), open - 1),
            },
            recv(timeout) -> _ => break,
        }
    }
    taken
}
// ANCHOR_END: merge

// ANCHOR: main
pub fn main() {
    thread::scope(|s| {
        let fast = ticker(s, 5, Duration::from_millis(10));
        let slow = ticker(s, 5, Duration::from_millis(35));
        for (from, n) in merge(fast, slow, Duration::from_millis(150)) {
            println!("{from} {n}");
        }
    }); // waits for the slow ticker, which stops at its next send
}
// ANCHOR_END: main
