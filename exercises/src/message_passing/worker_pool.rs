//! Exercise 9-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises worker_pool`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/message_passing/exercise_worker_pool.rs` (setup, `main`, tests) and the chapter `src/message-passing.md` (the
//! stub). To start again: `git checkout exercises/src/message_passing/worker_pool.rs`.
use crossbeam::channel;
use std::thread;
use std::time::{Duration, Instant};

/// A job: the square of `n`, after 10 ms of waiting (a stand-in for a
/// request, or a slow computation).
pub fn slow_square(n: u64) -> u64 {
    thread::sleep(Duration::from_millis(10));
    n * n
}

pub fn pool<F>(jobs: Vec<u64>, workers: usize, work: F) -> Vec<u64>
where
    F: Fn(u64) -> u64 + Sync,
{
    // Your code here: `workers` threads that take the jobs from one channel.
    let _ = (jobs, workers, work);
    Vec::new()
}

pub fn main() {
    let t0 = Instant::now();
    let squares = pool((0..20).collect(), 4, slow_square);
    println!("20 jobs of 10 ms on 4 workers: {:.1?}", t0.elapsed());
    println!("{squares:?}");
}

#[cfg(test)]
mod tests {
    use super::{pool, slow_square};
    use std::collections::HashSet;
    use std::sync::{Arc, Condvar, Mutex, mpsc};
    use std::thread;
    use std::time::Duration;

    /// How long a test waits for something that a correct pool makes
    /// happen at once.
    const PATIENCE: Duration = Duration::from_secs(5);

    /// Runs `pool(jobs, workers, work)` on a thread of its own, and fails
    /// if it has not returned within `PATIENCE`: a pool whose workers never
    /// stop would otherwise hang the test for ever.
    fn run_pool(
        jobs: Vec<u64>,
        workers: usize,
        work: impl Fn(u64) -> u64 + Send + Sync + 'static,
    ) -> Vec<u64> {
        let (done, result) = mpsc::channel();
        thread::spawn(move || done.send(pool(jobs, workers, work)));
        match result.recv_timeout(PATIENCE) {
            Ok(results) => results,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!(
                "pool did not return within {PATIENCE:?}: does every worker's loop end? \
                 (a channel closes only when every sender is dropped)"
            ),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("pool panicked"),
        }
    }

    /// A count that jobs can add to and wait on.
    #[derive(Default)]
    struct Count {
        n: Mutex<usize>,
        changed: Condvar,
    }

    impl Count {
        fn add(&self) {
            *self.n.lock().unwrap() += 1;
            self.changed.notify_all();
        }
        /// Waits until the count reaches `n`; false if it did not within
        /// `PATIENCE`.
        fn wait_for(&self, n: usize) -> bool {
            let count = self.n.lock().unwrap();
            let (count, _) = self
                .changed
                .wait_timeout_while(count, PATIENCE, |c| *c < n)
                .unwrap();
            *count >= n
        }
    }

    #[test]
    fn every_result_comes_back_in_the_order_of_the_jobs() {
        let jobs: Vec<u64> = (0..20).rev().collect();
        let want: Vec<u64> = jobs.iter().map(|n| n * n).collect();
        assert_eq!(run_pool(jobs, 4, slow_square), want);
        assert_eq!(run_pool(vec![], 3, slow_square), Vec::<u64>::new());
    }

    /// No more threads than `workers` run jobs: a pool, not a thread per job.
    #[test]
    fn no_more_threads_than_workers() {
        let threads = Arc::new(Mutex::new(HashSet::new()));
        let seen = threads.clone();
        let results = run_pool((0..30).collect(), 3, move |n| {
            seen.lock().unwrap().insert(thread::current().id());
            n + 1
        });
        assert_eq!(results, (1..31).collect::<Vec<_>>());
        let used = threads.lock().unwrap().len();
        assert!(used <= 3, "30 jobs ran on {used} threads, want at most 3");
    }

    /// With 4 workers and 4 jobs, the 4 jobs run at the same time: each
    /// waits until all 4 have started.
    #[test]
    fn all_workers_work_at_once() {
        let started = Arc::new(Count::default());
        let results = run_pool(vec![1, 2, 3, 4], 4, move |n| {
            started.add();
            assert!(
                started.wait_for(4),
                "job {n}: 4 workers never ran 4 jobs at once"
            );
            n
        });
        assert_eq!(results, [1, 2, 3, 4]);
    }

    /// Job 0 finishes only after all the others: a free worker takes the
    /// next job, whichever it is, so one slow job holds up no other.
    #[test]
    fn a_slow_job_holds_up_no_other() {
        let finished = Arc::new(Count::default());
        let results = run_pool((0..12).collect(), 3, move |n| {
            if n == 0 {
                assert!(
                    finished.wait_for(11),
                    "job 0 waited for the other 11 jobs, which never all ran"
                );
            } else {
                finished.add();
            }
            n
        });
        assert_eq!(results, (0..12).collect::<Vec<_>>());
    }
}
