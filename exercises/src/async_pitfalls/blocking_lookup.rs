//! Exercise 13-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises blocking_lookup`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/async_pitfalls/exercise_blocking_lookup.rs` (setup, `main`, tests) and the chapter `src/async-pitfalls.md` (the
//! stub). To start again: `git checkout exercises/src/async_pitfalls/blocking_lookup.rs`.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A call into a blocking library with no async twin: it holds its thread
/// for 100 ms (a stand-in for a database driver, or a C library).
pub fn blocking_lookup(id: u64) -> String {
    std::thread::sleep(Duration::from_millis(100));
    format!("user {id}")
}

pub async fn lookup_all<F>(ids: Vec<u64>, lookup: F) -> Vec<String>
where
    F: Fn(u64) -> String + Send + Sync + 'static,
{
    // Your code here: every lookup at once, on threads where blocking is allowed.
    let _ = (ids, lookup);
    Vec::new()
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    // Another task on the same thread: it beats every 10 ms, if it can.
    let beats = Arc::new(AtomicU64::new(0));
    let counter = beats.clone();
    let heartbeat = tokio::spawn(async move {
        loop {
            counter.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    });
    let t0 = Instant::now();
    let users = lookup_all((0..10).collect(), blocking_lookup).await;
    let elapsed = t0.elapsed();
    heartbeat.abort();
    println!("10 lookups of 100 ms: {elapsed:.1?}");
    let beats = beats.load(Ordering::Relaxed);
    println!("the heartbeat beat {beats} times meanwhile");
    println!("{users:?}");
}

#[cfg(test)]
mod tests {
    use super::{blocking_lookup, lookup_all};
    use std::sync::{Arc, Condvar, Mutex};
    use std::time::Duration;

    /// How long a lookup waits for something that happens at once when the
    /// runtime is free and the lookups run side by side.
    const PATIENCE: Duration = Duration::from_secs(2);

    /// A count that tasks and threads can add to and wait on.
    #[derive(Default)]
    struct Count {
        n: Mutex<u64>,
        changed: Condvar,
    }

    impl Count {
        fn add(&self) {
            *self.n.lock().unwrap() += 1;
            self.changed.notify_all();
        }
        fn get(&self) -> u64 {
            *self.n.lock().unwrap()
        }
        /// Blocks until the count reaches `n`; false if it did not within
        /// `PATIENCE`.
        fn wait_for(&self, n: u64) -> bool {
            let count = self.n.lock().unwrap();
            let (count, _) = self
                .changed
                .wait_timeout_while(count, PATIENCE, |c| *c < n)
                .unwrap();
            *count >= n
        }
    }

    #[tokio::test]
    async fn every_answer_in_the_order_of_the_ids() {
        let ids: Vec<u64> = (0..8).rev().collect();
        let want: Vec<String> = ids.iter().map(|id| format!("user {id}")).collect();
        assert_eq!(lookup_all(ids, blocking_lookup).await, want);
        assert_eq!(
            lookup_all(vec![], blocking_lookup).await,
            Vec::<String>::new()
        );
    }

    /// Each lookup blocks until a task on the runtime's one thread has run
    /// since the lookup began. A lookup that blocks that thread waits in
    /// vain, and answers "stalled".
    #[tokio::test] // a current-thread runtime: one thread for every task
    async fn the_runtime_keeps_running_other_tasks() {
        let beats = Arc::new(Count::default());
        let counter = beats.clone();
        let heartbeat = tokio::spawn(async move {
            loop {
                counter.add();
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        });
        let answers = lookup_all((0..4).collect(), move |id| {
            let seen = beats.get();
            if beats.wait_for(seen + 1) {
                format!("user {id}")
            } else {
                "stalled: no other task ran while this lookup blocked".to_string()
            }
        })
        .await;
        heartbeat.abort();
        assert_eq!(answers, ["user 0", "user 1", "user 2", "user 3"]);
    }

    /// Each lookup blocks until all six have begun: they must run at the
    /// same time, not one after another.
    #[tokio::test]
    async fn the_lookups_run_side_by_side() {
        let started = Arc::new(Count::default());
        let answers = lookup_all((0..6).collect(), move |id| {
            started.add();
            if started.wait_for(6) {
                format!("user {id}")
            } else {
                "alone: the other lookups did not run at the same time".to_string()
            }
        })
        .await;
        let want: Vec<String> = (0..6).map(|id| format!("user {id}")).collect();
        assert_eq!(answers, want);
    }
}
