//! Blocking the event loop: `std::thread::sleep` inside a task stops the
//! whole thread, and on a current-thread runtime every other task with it.
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

// ANCHOR: both
/// Waits by blocking the thread: no other task can run meanwhile.
pub async fn blocking_wait(wait: Duration) {
    std::thread::sleep(wait);
}

/// Waits by awaiting a timer: the thread runs other tasks meanwhile.
pub async fn async_wait(wait: Duration) {
    tokio::time::sleep(wait).await;
}

/// Runs `n` tasks made by `task` side by side, and waits for all of them.
pub async fn run<F>(n: usize, wait: Duration, task: fn(Duration) -> F)
where
    F: Future<Output = ()> + Send + 'static,
{
    let mut set = JoinSet::new();
    for _ in 0..n {
        set.spawn(task(wait));
    }
    set.join_all().await;
}
// ANCHOR_END: both

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let wait = Duration::from_millis(100);

    let t0 = Instant::now();
    run(10, wait, blocking_wait).await;
    println!("10 tasks, std::thread::sleep:  {:.2?}", t0.elapsed());

    let t0 = Instant::now();
    run(10, wait, async_wait).await;
    println!("10 tasks, tokio::time::sleep: {:.2?}", t0.elapsed());
}
// ANCHOR_END: main
