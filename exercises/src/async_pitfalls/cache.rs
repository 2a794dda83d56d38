//! Exercise 13-2, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises cache`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/async_pitfalls/exercise_cache.rs` (setup, `main`, tests) and the chapter `src/async-pitfalls.md` (the
//! stub). To start again: `git checkout exercises/src/async_pitfalls/cache.rs`.
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The values fetched so far, shared by every task.
#[derive(Default)]
pub struct Cache {
    map: Mutex<HashMap<u64, String>>,
}

static FETCHES: AtomicUsize = AtomicUsize::new(0);

/// A slow fetch: 50 ms of waiting on a server, say.
pub async fn slow_fetch(key: u64) -> String {
    FETCHES.fetch_add(1, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_millis(50)).await;
    format!("value {key}")
}

impl Cache {
    pub async fn get<F, Fut>(&self, key: u64, fetch: F) -> String
    where
        F: FnOnce(u64) -> Fut,
        Fut: Future<Output = String>,
    {
        // Your code here: look in `self.map`; on a miss, fetch and keep the value.
        let _ = (&self.map, key, fetch);
        String::new()
    }
}

#[tokio::main]
pub async fn main() {
    let cache = Arc::new(Cache::default());
    for wave in 1..=2 {
        let t0 = Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        for key in [1, 2, 3, 1, 2, 3] {
            let cache = cache.clone();
            // A spawned task may move between threads: its future must be
            // `Send`, which it is not while it holds a std `MutexGuard`.
            tasks.spawn(async move { cache.get(key, slow_fetch).await });
        }
        let values = tasks.join_all().await;
        let fetches = FETCHES.load(Ordering::Relaxed);
        println!(
            "wave {wave}: {} values in {:.1?}; fetched {fetches} times so far",
            values.len(),
            t0.elapsed()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::Cache;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    use tokio::sync::Notify;

    /// Fetches that count themselves.
    #[derive(Default)]
    struct Server {
        fetches: AtomicUsize,
        started: Mutex<usize>,
        changed: Notify,
    }

    impl Server {
        async fn fetch(&self, key: u64) -> String {
            self.fetches.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            format!("value {key}")
        }

        /// A fetch that waits until `n` fetches have started, at most 2 s:
        /// fetches of different keys must be able to overlap.
        async fn fetch_together(&self, key: u64, n: usize) -> String {
            *self.started.lock().unwrap() += 1;
            self.changed.notify_waiters();
            let all_started = async {
                loop {
                    let changed = self.changed.notified();
                    let mut changed = std::pin::pin!(changed);
                    changed.as_mut().enable();
                    if *self.started.lock().unwrap() >= n {
                        return;
                    }
                    changed.await;
                }
            };
            match tokio::time::timeout(Duration::from_secs(2), all_started).await {
                Ok(()) => format!("value {key}"),
                Err(_) => "alone: is the lock held across the fetch?".to_string(),
            }
        }
    }

    #[tokio::test]
    async fn a_value_is_fetched_once_then_served_from_the_cache() {
        let (cache, server) = (Cache::default(), Server::default());
        for round in 0..3 {
            for key in [7, 8] {
                let value = cache.get(key, |k| server.fetch(k)).await;
                assert_eq!(value, format!("value {key}"), "round {round}");
            }
        }
        assert_eq!(
            server.fetches.load(Ordering::SeqCst),
            2,
            "fetches of 2 keys"
        );
    }

    /// Two tasks on one thread: the fetch of key 1 waits until the fetch of
    /// key 2 has started, and the other way round.
    #[tokio::test]
    async fn fetches_of_different_keys_overlap() {
        let (cache, server) = (Cache::default(), Server::default());
        let a = cache.get(1, |k| server.fetch_together(k, 2));
        let b = cache.get(2, |k| server.fetch_together(k, 2));
        let (a, b) = tokio::join!(a, b);
        assert_eq!((a.as_str(), b.as_str()), ("value 1", "value 2"));
    }

    /// Many tasks on worker threads: `get`'s future must be `Send` (this
    /// test would not compile otherwise), and every caller of a key gets
    /// the same value.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn tasks_on_worker_threads_share_the_cache() {
        let cache = Arc::new(Cache::default());
        let server = Arc::new(Server::default());
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..40u64 {
            let (cache, server) = (cache.clone(), server.clone());
            tasks.spawn(async move {
                let key = i % 4;
                let value = cache
                    .get(key, |k| async move { server.fetch(k).await })
                    .await;
                (key, value)
            });
        }
        for (key, value) in tasks.join_all().await {
            assert_eq!(value, format!("value {key}"));
        }
        let fetches = server.fetches.load(Ordering::SeqCst);
        assert!((4..=40).contains(&fetches), "{fetches} fetches");
        let again = cache.get(3, |k| server.fetch(k)).await;
        assert_eq!(again, "value 3");
        assert_eq!(
            server.fetches.load(Ordering::SeqCst),
            fetches,
            "no new fetch"
        );
    }
}
