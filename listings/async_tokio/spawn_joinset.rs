//! Tasks: `tokio::spawn` starts a future as a task of its own and returns a
//! handle to its result; a `JoinSet` hands results back as tasks finish.
use std::time::{Duration, Instant};
use tokio::task::JoinSet;
use tokio::time::sleep;

pub async fn fetch(name: &'static str, ms: u64) -> &'static str {
    sleep(Duration::from_millis(ms)).await;
    name
}

// ANCHOR: spawn
#[tokio::main]
pub async fn main() {
    let t0 = Instant::now();
    // The task starts running now, whether or not anyone awaits it.
    let handle = tokio::spawn(fetch("spawned", 50));
    sleep(Duration::from_millis(50)).await;
    // Awaiting the handle waits for the task's result; it is long done.
    let name = handle.await.unwrap();
    println!("{name}: result after {} ms", t0.elapsed().as_millis());

    let t0 = Instant::now();
    let mut set = JoinSet::new();
    for (name, ms) in [("slow", 90), ("fast", 30), ("medium", 60)] {
        set.spawn(fetch(name, ms));
    }
    let mut order = Vec::new();
    while let Some(result) = set.join_next().await {
        let name = result.unwrap();
        println!("{name:>6} after {:>2} ms", t0.elapsed().as_millis());
        order.push(name);
    }
    assert_eq!(order, ["fast", "medium", "slow"]);
}
// ANCHOR_END: spawn
