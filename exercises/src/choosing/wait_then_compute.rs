//! Exercise 14-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises wait_then_compute`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/choosing/exercise_wait_then_compute.rs` (setup, `main`, tests) and the chapter `src/choosing.md` (the
//! stub). To start again: `git checkout exercises/src/choosing/wait_then_compute.rs`.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Waiting: a request over the network, simulated by 100 ms of sleep, that
/// returns the request's data, here a number.
pub async fn fetch(id: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(100)).await;
    20_000 + id * 1_000
}

/// Computing: the number of primes below `below`. No `.await` in it.
pub fn count_primes(below: u64) -> u64 {
    let is_prime = |n: u64| {
        n >= 2
            && (2..)
                .take_while(|d| d * d <= n)
                .all(|d| !n.is_multiple_of(d))
    };
    (0..below).filter(|&n| is_prime(n)).count() as u64
}

/// For each id, fetches its data and then runs `compute` on it. Returns the
/// results in the order of `ids`. The fetches wait all at once on the
/// runtime; `compute` runs on rayon's threads, so that the runtime's own
/// thread stays free for other tasks while it computes.
pub async fn fetch_and_compute<F>(ids: &[u64], compute: F) -> Vec<u64>
where
    F: Fn(u64) -> u64 + Send + Sync + 'static,
{
    // Your code here: a task per id, waiting on tokio, computing on rayon.
    let _ = (ids, compute);
    Vec::new()
}

pub fn main() {
    // One thread for the runtime, as in Listing 14-2.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let t0 = Instant::now();
    let ticks = Arc::new(AtomicU64::new(0));
    let results = runtime.block_on(async {
        // Another task on the runtime's thread: a tick every 10 ms.
        let counter = Arc::clone(&ticks);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(10)).await;
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        fetch_and_compute(&[0, 1, 2, 3, 4, 5, 6, 7], count_primes).await
    });
    let took = t0.elapsed();
    println!("8 requests, fetched and computed: {results:?}");
    println!("in {took:.2?}");
    println!(
        "meanwhile the runtime's thread ticked {} times (at most {})",
        ticks.load(Ordering::Relaxed),
        took.as_millis() / 10
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::thread;

    /// Runs `fetch_and_compute` on a runtime with one thread, as `main` does.
    fn run<F>(ids: &[u64], compute: F) -> (Vec<u64>, Duration)
    where
        F: Fn(u64) -> u64 + Send + Sync + 'static,
    {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let t0 = Instant::now();
        let results = runtime.block_on(fetch_and_compute(ids, compute));
        (results, t0.elapsed())
    }

    #[test]
    fn every_result_in_the_order_of_the_ids() {
        let ids = [3, 0, 2, 1, 5];
        let (results, _) = run(&ids, |data| data * 2 + 1);
        let expected: Vec<u64> = ids.iter().map(|id| (20_000 + id * 1_000) * 2 + 1).collect();
        assert_eq!(results, expected);
    }

    #[test]
    fn the_fetches_wait_at_once() {
        // Ten fetches of 100 ms each: one after another, they take 1 s.
        let ids: Vec<u64> = (0..10).collect();
        let (results, took) = run(&ids, |data| data);
        assert_eq!(results.len(), 10);
        assert!(
            took < Duration::from_millis(500),
            "10 fetches of 100 ms took {took:.2?}: they did not wait at once"
        );
    }

    #[test]
    fn the_runtime_thread_stays_free_while_computing() {
        // While each computation runs, it asks a task on the runtime for an
        // answer. The task can answer only if the runtime's thread is free;
        // if the computation holds that thread, it waits 1 s and gives up.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let runtime_thread = thread::current().id();
        let results = runtime.block_on(async {
            let (ask, mut asked) = tokio::sync::mpsc::unbounded_channel::<mpsc::Sender<()>>();
            tokio::spawn(async move {
                while let Some(reply) = asked.recv().await {
                    let _ = reply.send(());
                }
            });
            fetch_and_compute(&[0, 1, 2], move |data| {
                assert_ne!(thread::current().id(), runtime_thread);
                let (reply, answer) = mpsc::channel();
                ask.send(reply).unwrap();
                match answer.recv_timeout(Duration::from_secs(1)) {
                    Ok(()) => data,
                    Err(_) => 0, // the runtime's thread never answered
                }
            })
            .await
        });
        assert_eq!(results, vec![20_000, 21_000, 22_000]);
    }
}
