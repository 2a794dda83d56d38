//! Three ways to make a blocking call from a task on a multi-thread
//! runtime with one worker thread, beside a heartbeat task that beats every
//! 10 ms while it gets a thread: straight from the task, in
//! `block_in_place`, and in `spawn_blocking`.
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Duration;
use tokio::task;

/// A blocking call: holds its thread for 100 ms.
pub fn blocking_call() -> u64 {
    std::thread::sleep(Duration::from_millis(100));
    42
}

/// Runs `work` as a task beside a heartbeat, and counts the beats that
/// happened before `work` was done.
pub async fn beats_during(work: impl Future<Output = u64> + Send + 'static) -> usize {
    let beats = Arc::new(AtomicUsize::new(0));
    let counter = beats.clone();
    let heartbeat = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(10)).await;
            counter.fetch_add(1, Relaxed);
        }
    });
    let task = tokio::spawn(async move {
        assert_eq!(work.await, 42);
        beats.load(Relaxed) // read the moment the call returns
    });
    let during = task.await.unwrap();
    heartbeat.abort();
    during
}

// ANCHOR: main
#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
pub async fn main() {
    println!("heartbeats during a 100 ms blocking call, one worker thread:");
    // Holds the only worker: the heartbeat cannot run.
    let straight = beats_during(async { blocking_call() }).await;
    println!("  straight from the task: {straight}");
    // The worker hands its other tasks to a new worker thread, then blocks.
    let in_place = beats_during(async { task::block_in_place(blocking_call) }).await;
    println!("  block_in_place:         {in_place}");
    // The call runs on the blocking pool; the task awaits it.
    let pool = beats_during(async { task::spawn_blocking(blocking_call).await.unwrap() }).await;
    println!("  spawn_blocking:         {pool}");
}
// ANCHOR_END: main
