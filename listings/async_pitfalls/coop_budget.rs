//! tokio's cooperative budget: a task whose channel is always ready still
//! yields, after 128 operations, so that the task beside it gets the
//! thread; wrapped in `tokio::task::unconstrained`, it keeps the thread
//! until the channel is empty.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

// ANCHOR: drain
/// Receives until the channel is closed and empty, counting as it goes.
/// Every `recv().await` finds a message waiting, so none of them waits.
pub async fn drain(mut rx: mpsc::UnboundedReceiver<u64>, received: Arc<AtomicU64>) -> u64 {
    let mut sum = 0;
    while let Some(x) = rx.recv().await {
        sum += x;
        received.fetch_add(1, Relaxed);
    }
    sum
}

/// Spawns `drain` over `messages` waiting messages, then another task.
/// Returns how long that other task waited for the thread, how many
/// messages the drain had received when it got it, and the drain's sum.
pub async fn wait_beside_drain(messages: u64, unconstrained: bool) -> (Duration, u64, u64) {
    let (tx, rx) = mpsc::unbounded_channel();
    for i in 0..messages {
        tx.send(i).unwrap();
    }
    drop(tx);
    let received = Arc::new(AtomicU64::new(0));
    let consumer = if unconstrained {
        tokio::spawn(tokio::task::unconstrained(drain(rx, received.clone()))) // New: no budget
    } else {
        tokio::spawn(drain(rx, received.clone()))
    };
    let t0 = Instant::now();
    let other = tokio::spawn(async move { (t0.elapsed(), received.load(Relaxed)) });
    let (waited, received_then) = other.await.unwrap();
    (waited, received_then, consumer.await.unwrap())
}
// ANCHOR_END: drain

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let messages = 128_000;
    for unconstrained in [false, true] {
        let (waited, received, sum) = wait_beside_drain(messages, unconstrained).await;
        let how = if unconstrained {
            "unconstrained"
        } else {
            "with the budget"
        };
        println!("{how}: the other task ran after {received} of {messages} receives");
        println!("  it waited {waited:?}; the drain's sum: {sum}");
    }
}
// ANCHOR_END: main
