//! Exercise 11-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises limited`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/async_tokio/exercise_limited.rs` (setup, `main`, tests) and the chapter `src/async-tokio.md` (the
//! stub). To start again: `git checkout exercises/src/async_tokio/limited.rs`.
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tokio::task::{JoinError, JoinSet};

/// A job: the square of `n`, after 50 ms of waiting (a stand-in for a
/// request to a server that takes at most a few at a time).
pub async fn slow_square(n: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(50)).await;
    n * n
}

pub async fn limited<F, Fut>(jobs: Vec<u64>, limit: usize, work: F) -> Vec<u64>
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = u64> + Send + 'static,
{
    // Your code here: a task per job, at most `limit` of them running at once.
    let _ = (jobs, limit, work);
    Vec::new()
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let t0 = Instant::now();
    let squares = limited((0..20).collect(), 4, slow_square).await;
    println!("20 jobs of 50 ms, at most 4 at once: {:.1?}", t0.elapsed());
    println!("{squares:?}");
}

#[cfg(test)]
mod tests {
    use super::{limited, slow_square};
    use std::future::Future;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    use tokio::sync::Notify;

    /// Fails the test if `limited` has not returned within 5 s, where a
    /// correct version takes milliseconds.
    async fn within_patience<T>(run: impl Future<Output = T>) -> T {
        match tokio::time::timeout(Duration::from_secs(5), run).await {
            Ok(value) => value,
            Err(_) => panic!(
                "limited did not return within 5 s: do `limit` jobs run at once, \
                 or does one job wait for the others?"
            ),
        }
    }

    #[derive(Default)]
    struct Counts {
        running: usize,
        most: usize,
        finished: usize,
    }

    /// Jobs that hold each other back until as many run at once as should:
    /// `limit`, or all that are left when fewer are, then step aside once
    /// before they finish. So a version that runs fewer at once never
    /// finishes, and one that runs more starts an extra job while they
    /// step aside, which `most` records. No timing is involved.
    struct Gate {
        limit: usize,
        jobs: usize,
        counts: Mutex<Counts>,
        changed: Notify,
    }

    impl Gate {
        fn new(limit: usize, jobs: usize) -> Arc<Gate> {
            let counts = Mutex::default();
            let changed = Notify::new();
            Arc::new(Gate {
                limit,
                jobs,
                counts,
                changed,
            })
        }

        async fn job(&self, n: u64) -> u64 {
            {
                let mut c = self.counts.lock().unwrap();
                c.running += 1;
                c.most = c.most.max(c.running);
            }
            self.changed.notify_waiters();
            loop {
                let changed = self.changed.notified();
                let mut changed = std::pin::pin!(changed);
                changed.as_mut().enable(); // from now on, no wake-up is missed
                {
                    let c = self.counts.lock().unwrap();
                    if c.running >= self.limit.min(self.jobs - c.finished) {
                        break;
                    }
                }
                changed.await;
            }
            // Step aside once before leaving: a version that starts more
            // jobs than `limit` gets the chance to start one now.
            tokio::task::yield_now().await;
            {
                let mut c = self.counts.lock().unwrap();
                c.running -= 1;
                c.finished += 1;
            }
            self.changed.notify_waiters();
            n + 1000
        }

        async fn run(self: &Arc<Gate>) -> usize {
            let gate = self.clone();
            let results = within_patience(limited(
                (0..self.jobs as u64).collect(),
                self.limit,
                move |n| {
                    let gate = gate.clone();
                    async move { gate.job(n).await }
                },
            ))
            .await;
            let want: Vec<u64> = (1000..1000 + self.jobs as u64).collect();
            assert_eq!(results, want);
            self.counts.lock().unwrap().most
        }
    }

    #[tokio::test]
    async fn every_result_comes_back_in_the_order_of_the_jobs() {
        let jobs: Vec<u64> = (0..12).rev().collect();
        let want: Vec<u64> = jobs.iter().map(|n| n * n).collect();
        assert_eq!(within_patience(limited(jobs, 4, slow_square)).await, want);
        let none = within_patience(limited(vec![], 4, slow_square)).await;
        assert_eq!(none, Vec::<u64>::new());
    }

    #[tokio::test]
    async fn exactly_limit_jobs_run_at_once() {
        assert_eq!(Gate::new(3, 12).run().await, 3, "12 jobs, limit 3");
        assert_eq!(Gate::new(1, 4).run().await, 1, "4 jobs, limit 1");
    }

    #[tokio::test]
    async fn fewer_jobs_than_the_limit_all_run_at_once() {
        assert_eq!(Gate::new(10, 5).run().await, 5, "5 jobs, limit 10");
    }

    /// The same on worker threads: the tasks run in parallel there.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn exactly_limit_jobs_run_at_once_on_two_workers() {
        for _ in 0..20 {
            assert_eq!(Gate::new(4, 30).run().await, 4, "30 jobs, limit 4");
        }
    }
}
