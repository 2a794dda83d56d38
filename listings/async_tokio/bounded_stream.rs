//! At most `limit` jobs in flight, two ways: a stream of futures with
//! `buffer_unordered`, all polled inside one task, and a task per job that
//! waits for a permit of a `Semaphore`, in a `JoinSet`.
use futures::stream::{self, StreamExt};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// A job that waits `ms` milliseconds, as a call to a slow service would,
/// and answers its number.
pub async fn job(i: u64, ms: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    i
}

// ANCHOR: stream
/// Every job, at most `limit` at once: futures polled by the calling task.
pub async fn with_stream(n: u64, limit: usize, ms: u64) -> Vec<u64> {
    stream::iter(0..n)
        .map(|i| job(i, ms)) // a stream of futures, none started yet
        .buffer_unordered(limit) // polls at most `limit` of them at a time
        .collect() // the answers, in the order the jobs finish
        .await
}
// ANCHOR_END: stream

// ANCHOR: tasks
/// Every job, at most `limit` at once: a task each, spawned at once, each
/// waiting for one of `limit` permits before it starts its job.
pub async fn with_tasks(n: u64, limit: usize, ms: u64) -> Vec<u64> {
    let permits = Arc::new(Semaphore::new(limit));
    let mut set = JoinSet::new();
    for i in 0..n {
        let permits = permits.clone();
        set.spawn(async move {
            let _permit = permits.acquire().await.unwrap(); // given back at the end
            job(i, ms).await
        });
    }
    set.join_all().await
}
// ANCHOR_END: tasks

// ANCHOR: main
#[tokio::main]
pub async fn main() {
    let (n, limit, ms) = (20_u64, 4, 50);
    let rounds = n.div_ceil(limit as u64);
    println!(
        "{n} jobs of {ms} ms, at most {limit} at once: {rounds} rounds, {} ms",
        rounds * ms
    );
    let t0 = Instant::now();
    let mut answers = with_stream(n, limit, ms).await;
    println!("  buffer_unordered:     {} ms", t0.elapsed().as_millis());
    answers.sort();
    assert_eq!(answers, (0..n).collect::<Vec<_>>());

    let t0 = Instant::now();
    let mut answers = with_tasks(n, limit, ms).await;
    println!("  JoinSet + Semaphore:  {} ms", t0.elapsed().as_millis());
    answers.sort();
    assert_eq!(answers, (0..n).collect::<Vec<_>>());
}
// ANCHOR_END: main
