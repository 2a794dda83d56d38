//! Timeouts and cancellation: a future that is dropped stops at the `.await`
//! where it was waiting, and runs no further.
use std::time::{Duration, Instant};
use tokio::time::{sleep, timeout};

// ANCHOR: guard
/// Prints when dropped, so we can see where a cancelled task stopped.
struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("  dropped: {}", self.0);
    }
}

pub async fn slow_job(ms: u64) -> &'static str {
    let _guard = Noisy("slow_job, at its .await");
    sleep(Duration::from_millis(ms)).await;
    println!("  slow_job finished"); // never printed when cancelled
    "done"
}
// ANCHOR_END: guard

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let t0 = Instant::now();
    println!("timeout of 50 ms around a 1 s job:");
    let result = timeout(Duration::from_millis(50), slow_job(1_000)).await;
    println!("  {result:?} after {} ms", t0.elapsed().as_millis());
    assert!(result.is_err());

    let t0 = Instant::now();
    println!("abort a spawned task after 50 ms:");
    let task = tokio::spawn(slow_job(1_000));
    sleep(Duration::from_millis(50)).await;
    task.abort();
    let err = task.await.unwrap_err();
    println!(
        "  cancelled: {} after {} ms",
        err.is_cancelled(),
        t0.elapsed().as_millis()
    );
    assert!(err.is_cancelled());
}
// ANCHOR_END: main
