//! Two ways to share a counter between tasks that also await: a std
//! `Mutex` whose guard is dropped before the `.await`, and a tokio `Mutex`
//! whose guard may be held across it.
use std::sync::Arc;
use std::time::Duration;

// ANCHOR: std
/// The lock is released at the end of the block, before the `.await`, so
/// the future holds no guard while it waits and stays `Send`.
pub async fn std_mutex_task(counter: Arc<std::sync::Mutex<u32>>) {
    {
        let mut n = counter.lock().unwrap();
        *n += 1;
    }
    tokio::time::sleep(Duration::from_millis(10)).await;
}
// ANCHOR_END: std

// ANCHOR: tokio
/// A tokio `Mutex` may be held across an `.await`: waiting for it is itself
/// an `.await`, so a task blocked on the lock lets other tasks run.
pub async fn tokio_mutex_task(counter: Arc<tokio::sync::Mutex<u32>>) {
    let mut n = counter.lock().await;
    tokio::time::sleep(Duration::from_millis(10)).await; // still holding it
    *n += 1;
}
// ANCHOR_END: tokio

// ANCHOR: main
#[tokio::main]
pub async fn main() {
    let std_counter = Arc::new(std::sync::Mutex::new(0));
    let tokio_counter = Arc::new(tokio::sync::Mutex::new(0));
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..10 {
        set.spawn(std_mutex_task(std_counter.clone()));
        set.spawn(tokio_mutex_task(tokio_counter.clone()));
    }
    set.join_all().await;
    let a = *std_counter.lock().unwrap(); // the guard is dropped at the `;`
    let b = *tokio_counter.lock().await;
    println!("std Mutex: {a}, tokio Mutex: {b}");
    assert_eq!((a, b), (10, 10));
}
// ANCHOR_END: main
