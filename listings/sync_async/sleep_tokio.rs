//! The same ten waiting tasks as tokio tasks, all on one thread.
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: task
pub async fn task(id: usize, wait: Duration, t0: Instant) {
    let began = t0.elapsed();
    // New: an asynchronous wait. The task steps aside at `.await` and the
    // thread runs another task until the timer fires.
    tokio::time::sleep(wait).await;
    println!(
        "task {id} on {:?}: {:>4} ms -> {:>4} ms",
        thread::current().id(),
        began.as_millis(),
        t0.elapsed().as_millis()
    );
}
// ANCHOR_END: task

// ANCHOR: run
pub async fn as_tasks(n: usize, wait: Duration, t0: Instant) {
    let mut tasks = tokio::task::JoinSet::new();
    for id in 0..n {
        tasks.spawn(task(id, wait, t0));
    }
    tasks.join_all().await;
}

// New: a runtime with a single thread. Every task takes turns on it.
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let t0 = Instant::now();
    as_tasks(10, Duration::from_millis(100), t0).await;
    println!("10 tasks on 1 thread: {:?}", t0.elapsed());
}
// ANCHOR_END: run
