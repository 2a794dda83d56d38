//! Claims of chapter 9, "Message passing".
use concurrency_measured::message_passing::overload::overload;
use concurrency_measured::message_passing::throughput::{locked_queue, std_channel};
use std::time::Duration;

use super::{ENOUGH_TRIALS, Measured, Measurement, median_ratio};
use crate::timing::until_decided;

pub const CLAIMS: &[Measurement] = &[
    ("condvar-queue", condvar_queue),
    ("overload-tail", overload_tail),
];

/// Messages from one thread to the other (Listing 9-5 sends 200,000).
const MESSAGES: u64 = 100_000;

fn condvar_queue(broken: bool) -> Measured {
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("Mutex<VecDeque> + Condvar", || {
            if broken {
                // Breaker: std's channel on this side too.
                std_channel(MESSAGES)
            } else {
                locked_queue(MESSAGES)
            }
        }),
        ("std mpsc channel", || std_channel(MESSAGES)),
    ));
    m.details = format!(
        "{MESSAGES} messages from one thread to another\n{}",
        m.details
    );
    m
}

/// Requests arrive every 0.5 ms; the consumer takes 1 ms over each: twice
/// the load it can take.
fn overload_tail(broken: bool) -> Measured {
    let (every, service) = (Duration::from_micros(500), Duration::from_millis(1));
    // Breaker: a bounded(8) queue on the unbounded side too.
    let unbounded = if broken { Some(8) } else { None };
    let most = std::cell::Cell::new([0_usize; 3]);
    let run = |side: usize, capacity: Option<usize>, n: u32| {
        let o = overload(capacity, n, every, service);
        let mut m = most.get();
        m[side] = m[side].max(o.most_waiting);
        most.set(m);
        o.waited
    };
    let sides = crate::latency::pooled(
        "requests",
        &[
            ("unbounded, 400 requests", &|| run(0, unbounded, 400)),
            ("unbounded, 800 requests", &|| run(1, unbounded, 800)),
            ("bounded(8), 400 requests", &|| run(2, Some(8), 400)),
        ],
        super::LATENCY_TRIALS,
    );
    let most = most.get();
    let mut m = crate::latency::measured(
        sides,
        &[(0.99, 0, 2), (0.99, 1, 0)],
        format!(
            "requests arrive every {every:?}, the consumer takes {service:?} over each; \
             the wait in the queue of each accepted request\n\
             at most waiting in the queue: unbounded {} (400 requests) and {} (800), bounded(8) {}",
            most[0], most[1], most[2]
        ),
    );
    m.values.push(most[0] as f64 / most[2] as f64);
    m
}
