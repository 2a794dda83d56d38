//! What stops a spawned task and what does not: dropping its `JoinHandle`
//! detaches it, `abort` cancels it at its `.await`, and a `spawn_blocking`
//! closure that has started runs to its end whatever the handle says.
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::time::sleep;

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    // Dropping the handle detaches the task: it runs on, unobserved.
    let handle = tokio::spawn(async {
        sleep(Duration::from_millis(50)).await;
        println!("detached task: finished anyway");
    });
    drop(handle);
    println!("handle of the detached task dropped");
    sleep(Duration::from_millis(100)).await;

    // abort() cancels the task where it waits, at its .await.
    let handle = tokio::spawn(async {
        sleep(Duration::from_millis(50)).await;
        println!("aborted task: finished"); // never printed
    });
    sleep(Duration::from_millis(10)).await; // it is waiting in its sleep now
    handle.abort();
    let err = handle.await.unwrap_err();
    println!("aborted task: cancelled = {}", err.is_cancelled());

    // A blocking closure has no .await to stop at.
    let (started, is_started) = oneshot::channel();
    let handle = tokio::task::spawn_blocking(move || {
        started.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(50));
        println!("blocking closure: finished anyway");
        42
    });
    is_started.await.unwrap();
    handle.abort();
    println!("blocking closure: abort() called while it runs");
    println!("blocking closure: handle gives {:?}", handle.await);
}
// ANCHOR_END: main
