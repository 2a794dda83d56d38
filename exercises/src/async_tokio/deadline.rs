//! Exercise 11-2, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises deadline`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/async_tokio/exercise_deadline.rs` (setup, `main`, tests) and the chapter `src/async-tokio.md` (the
//! stub). To start again: `git checkout exercises/src/async_tokio/deadline.rs`.
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// A job that answers `ms` after `ms` milliseconds.
pub async fn answer_after(ms: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    ms
}

pub async fn within<F>(jobs: Vec<F>, deadline: Duration) -> Vec<Option<u64>>
where
    F: Future<Output = u64> + Send + 'static,
{
    // Your code here: a task per job; keep what answers before the deadline.
    let _ = (jobs, deadline);
    Vec::new()
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let jobs: Vec<_> = (1..=6).map(|i| answer_after(i * 50)).collect();
    let t0 = Instant::now();
    let answers = within(jobs, Duration::from_millis(175)).await;
    println!(
        "jobs of 50 to 300 ms, deadline 175 ms, after {:.0?}:",
        t0.elapsed()
    );
    println!("{answers:?}");
}

#[cfg(test)]
mod tests {
    use super::within;
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    type Job = Pin<Box<dyn Future<Output = u64> + Send>>;

    /// Counts the jobs that are still alive: each holds one of these.
    struct Alive(Arc<AtomicUsize>);

    impl Alive {
        fn new(count: &Arc<AtomicUsize>) -> Alive {
            count.fetch_add(1, Ordering::SeqCst);
            Alive(count.clone())
        }
    }

    impl Drop for Alive {
        fn drop(&mut self) {
            self.0.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// A job that answers at once (after one step aside).
    fn quick(n: u64, alive: &Arc<AtomicUsize>) -> Job {
        let guard = Alive::new(alive);
        Box::pin(async move {
            tokio::task::yield_now().await;
            drop(guard);
            n
        })
    }

    /// A job that never answers.
    fn never(alive: &Arc<AtomicUsize>) -> Job {
        let guard = Alive::new(alive);
        Box::pin(async move {
            let _guard = guard;
            std::future::pending::<u64>().await
        })
    }

    /// Fails the test if `within` has not returned within 5 s.
    async fn within_patience<T>(run: impl Future<Output = T>) -> T {
        match tokio::time::timeout(Duration::from_secs(5), run).await {
            Ok(value) => value,
            Err(_) => panic!("within did not return within 5 s"),
        }
    }

    #[tokio::test]
    async fn answers_in_time_are_kept_and_late_jobs_are_gone() {
        let alive = Arc::new(AtomicUsize::new(0));
        let jobs = vec![
            quick(10, &alive),
            never(&alive),
            quick(30, &alive),
            never(&alive),
            quick(50, &alive),
        ];
        let deadline = Duration::from_millis(400);
        let answers = within_patience(within(jobs, deadline)).await;
        assert_eq!(answers, [Some(10), None, Some(30), None, Some(50)]);
        let left = alive.load(Ordering::SeqCst);
        assert_eq!(left, 0, "{left} jobs still alive after within returned");
    }

    /// When every job has answered, `within` returns at once, not at the
    /// deadline (an hour away here).
    #[tokio::test]
    async fn returns_as_soon_as_every_job_has_answered() {
        let alive = Arc::new(AtomicUsize::new(0));
        let jobs: Vec<Job> = (0..20).map(|n| quick(n, &alive)).collect();
        let hour = Duration::from_secs(3600);
        let answers = within_patience(within(jobs, hour)).await;
        let want: Vec<Option<u64>> = (0..20).map(Some).collect();
        assert_eq!(answers, want);
        let none = within_patience(within(Vec::<Job>::new(), hour)).await;
        assert_eq!(none, []);
    }

    /// The same on worker threads, where the late jobs run in parallel
    /// with `within` while it cancels them.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn late_jobs_are_gone_on_worker_threads_too() {
        let alive = Arc::new(AtomicUsize::new(0));
        let mut jobs: Vec<Job> = (0..8).map(|_| never(&alive)).collect();
        jobs.push(quick(7, &alive));
        let answers = within_patience(within(jobs, Duration::from_millis(200))).await;
        assert_eq!(answers.iter().flatten().collect::<Vec<_>>(), [&7]);
        assert_eq!(alive.load(Ordering::SeqCst), 0, "jobs still alive");
    }
}
