//! What it costs to start and finish 10,000 threads, and 10,000 tasks.
use std::thread;
use std::time::Instant;

// ANCHOR: both
/// Starts `n` threads that do nothing, then waits for each to finish.
pub fn threads(n: usize) {
    let handles: Vec<_> = (0..n).map(|_| thread::spawn(|| {})).collect();
    for h in handles {
        h.join().unwrap();
    }
}

/// Starts `n` tasks that do nothing, then waits for each to finish.
pub async fn tasks(n: usize) {
    let handles: Vec<_> = (0..n).map(|_| tokio::spawn(async {})).collect();
    for h in handles {
        h.await.unwrap();
    }
}
// ANCHOR_END: both

// ANCHOR: main
#[tokio::main]
pub async fn main() {
    let t0 = Instant::now();
    // `threads` blocks its thread, so it runs where blocking is allowed.
    tokio::task::spawn_blocking(|| threads(10_000))
        .await
        .unwrap();
    let on_threads = t0.elapsed();

    let t0 = Instant::now();
    tasks(10_000).await;
    let as_tasks = t0.elapsed();

    println!(
        "10,000 threads: {on_threads:>9.2?}, {:>5.1} µs each",
        per(on_threads)
    );
    println!(
        "10,000 tasks:   {as_tasks:>9.2?}, {:>5.1} µs each",
        per(as_tasks)
    );
    println!(
        "threads took {:.0}x as long",
        on_threads.as_secs_f64() / as_tasks.as_secs_f64()
    );
}

fn per(t: std::time::Duration) -> f64 {
    t.as_secs_f64() * 1e6 / 10_000.0
}
// ANCHOR_END: main
