//! Mixing models: tokio tasks do the waiting, rayon does the computing. A
//! task hands its computation to rayon's pool and awaits the answer on a
//! oneshot channel, so the runtime's thread stays free for tasks that wait.
use rayon::prelude::*;
use std::panic;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

pub fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

// ANCHOR: compute
/// Runs `job` on rayon's threads and awaits what it returns. The task does
/// not compute, so it holds no runtime thread meanwhile. A panic in `job`
/// comes back to the task, as one in `spawn_blocking` does: had it left the
/// `rayon::spawn` job, it would have aborted the whole process.
pub async fn on_rayon<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = oneshot::channel();
    rayon::spawn(move || {
        // AssertUnwindSafe: after a panic nothing sees the job's state again.
        let result = panic::catch_unwind(panic::AssertUnwindSafe(job));
        let _ = tx.send(result); // Err only if the task was cancelled
    });
    match rx
        .await
        .expect("the job sends, whether it returned or panicked")
    {
        Ok(value) => value,
        Err(panic) => panic::resume_unwind(panic),
    }
}

/// Counts the primes below `n` on rayon's threads.
pub async fn count_primes_on_rayon(n: u64) -> usize {
    on_rayon(move || (2..n).into_par_iter().filter(|&k| is_prime(k)).count()).await
}

/// One request: wait for it (a stand-in for reading it from a socket),
/// then compute the answer on rayon.
pub async fn handle(below: u64) -> usize {
    tokio::time::sleep(Duration::from_millis(50)).await;
    count_primes_on_rayon(below).await
}
// ANCHOR_END: compute

// ANCHOR: main
/// Handles a request for each bound, all at once, on a runtime with one
/// thread; returns the answers in the order of `bounds`.
pub fn serve(bounds: &[u64]) -> Vec<usize> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let tasks: Vec<_> = bounds.iter().map(|&b| tokio::spawn(handle(b))).collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        answers
    })
}

pub fn main() {
    let bounds = [50_000, 100_000, 150_000, 200_000];
    let t0 = Instant::now();
    let answers = serve(&bounds);
    for (below, primes) in bounds.iter().zip(&answers) {
        println!("{primes} primes below {below}");
    }
    println!("4 requests in {:.0?}", t0.elapsed());
    assert_eq!(answers, [5133, 9592, 13848, 17984]);
}
// ANCHOR_END: main
