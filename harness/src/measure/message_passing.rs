//! Claims of chapter 9, "Message passing".
use concurrency_measured::message_passing::throughput::{locked_queue, std_channel};

use super::{ENOUGH_TRIALS, Measured, Measurement, median_ratio};
use crate::timing::on_all_cores;

pub const CLAIMS: &[Measurement] = &[("condvar-queue", condvar_queue)];

/// Messages from one thread to the other (Listing 9-5 sends 200,000).
const MESSAGES: u64 = 100_000;

fn condvar_queue(broken: bool) -> Measured {
    let mut m = median_ratio(on_all_cores(
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
