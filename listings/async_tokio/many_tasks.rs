//! 100,000 tasks that each sleep 100 ms, all at once.
use std::time::{Duration, Instant};

// ANCHOR: many
pub async fn sleepers(n: usize, wait: Duration) {
    let handles: Vec<_> = (0..n)
        .map(|_| tokio::spawn(tokio::time::sleep(wait)))
        .collect();
    for h in handles {
        h.await.unwrap();
    }
}

#[tokio::main]
pub async fn main() {
    let wait = Duration::from_millis(100);
    let t0 = Instant::now();
    sleepers(100_000, wait).await;
    println!("100,000 tasks sleeping {wait:?} each: {:.2?}", t0.elapsed());
}
// ANCHOR_END: many
