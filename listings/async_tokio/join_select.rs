//! Two ways to wait for several futures inside one task: `join!` waits for
//! all of them, `select!` for the first, and drops the rest.
use std::time::{Duration, Instant};
use tokio::time::sleep;

// ANCHOR: all
/// A stand-in for a request: waits `ms` milliseconds, then answers.
pub async fn fetch(name: &'static str, ms: u64) -> &'static str {
    sleep(Duration::from_millis(ms)).await;
    name
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let t0 = Instant::now();
    // Both futures make progress at once, in this one task.
    let (a, b) = tokio::join!(fetch("a", 50), fetch("b", 80));
    println!("join!:   {a} and {b} after {} ms", t0.elapsed().as_millis());
    // ANCHOR_END: all

    // ANCHOR: first
    let t0 = Instant::now();
    // The first future to finish wins; the other is dropped, unfinished.
    let winner = tokio::select! {
        a = fetch("a", 50) => a,
        b = fetch("b", 80) => b,
    };
    println!("select!: {winner} after {} ms", t0.elapsed().as_millis());
    assert_eq!(winner, "a");
}
// ANCHOR_END: first
