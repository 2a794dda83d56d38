//! Exercise 12-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises async_pool`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/real_io/exercise_async_pool.rs` (setup, `main`, tests) and the chapter `src/real-io.md` (the
//! stub). To start again: `git checkout exercises/src/real_io/async_pool.rs`.
use reqwest::Client;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

pub async fn fetch_limited(client: &Client, urls: &[String], limit: usize) -> Vec<String> {
    // Your code here: `limit` tasks, each fetching the next URL until none is left.
    let _ = (client, urls, limit);
    Vec::new()
}

pub fn main() {
    let server = BusyServer::start(4, Duration::from_millis(20));
    let urls: Vec<String> = (0..20).map(|id| server.url(id)).collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let client = Client::builder().no_proxy().build().unwrap();
        let t0 = Instant::now();
        let bodies = fetch_limited(&client, &urls, 4).await;
        let busy = bodies.iter().filter(|b| *b == "busy").count();
        println!("20 requests, 4 tasks: {:.1?}", t0.elapsed());
        println!("{} answers, {busy} of them \"busy\"", bodies.len());
    });
    println!("most requests in flight at once: {}", server.most());
}

// New: the server of Listing 12-1, with a capacity. A request that comes
// while `capacity` others are in flight is refused at once: 503, "busy".
use axum::{Router, extract::Path, http::StatusCode, routing::get};
use std::net::SocketAddr;
use std::thread::{self, JoinHandle};
use tokio::sync::oneshot;

#[derive(Default)]
struct Load {
    now: AtomicUsize,
    most: AtomicUsize,
}

pub struct BusyServer {
    addr: SocketAddr,
    load: Arc<Load>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl BusyServer {
    pub fn start(capacity: usize, delay: Duration) -> BusyServer {
        let (load, (stop, stopped)) = (Arc::new(Load::default()), oneshot::channel::<()>());
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = std_listener.local_addr().unwrap();
        std_listener.set_nonblocking(true).unwrap();
        let counts = load.clone();
        let app = Router::new().route(
            "/{id}",
            get(move |Path(id): Path<u32>| async move {
                let now = counts.now.fetch_add(1, Ordering::SeqCst) + 1;
                counts.most.fetch_max(now, Ordering::SeqCst);
                let reply = if now > capacity {
                    (StatusCode::SERVICE_UNAVAILABLE, "busy".to_string())
                } else {
                    tokio::time::sleep(delay).await;
                    (StatusCode::OK, format!("resource {id}"))
                };
                counts.now.fetch_sub(1, Ordering::SeqCst);
                reply
            }),
        );
        let thread = thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(std_listener).unwrap();
                axum::serve(listener, app)
                    .with_graceful_shutdown(async { stopped.await.unwrap_or(()) })
                    .await
                    .unwrap();
            });
        });
        let (stop, thread) = (Some(stop), Some(thread));
        BusyServer {
            addr,
            load,
            stop,
            thread,
        }
    }

    pub fn url(&self, id: u32) -> String {
        format!("http://{}/{id}", self.addr)
    }

    /// The most requests that were ever in flight at once.
    pub fn most(&self) -> usize {
        self.load.most.load(Ordering::SeqCst)
    }
}

impl Drop for BusyServer {
    fn drop(&mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.thread.take().unwrap().join().unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::{BusyServer, fetch_limited};
    use axum::{Router, extract::Path, routing::get};
    use reqwest::Client;
    use std::future::Future;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    use tokio::sync::Notify;

    fn client() -> Client {
        Client::builder().no_proxy().build().unwrap()
    }

    /// Fails the test if `fetch_limited` has not returned within 5 s, where
    /// a correct version takes a fraction of a second.
    async fn within_patience<T>(run: impl Future<Output = T>) -> T {
        match tokio::time::timeout(Duration::from_secs(5), run).await {
            Ok(value) => value,
            Err(_) => panic!(
                "fetch_limited did not return within 5 s: are `limit` requests \
                 in flight at once?"
            ),
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_answer_in_order_and_the_server_never_busy() {
        let server = BusyServer::start(4, Duration::from_millis(20));
        let urls: Vec<String> = (0..20).map(|id| server.url(id)).collect();
        let bodies = within_patience(fetch_limited(&client(), &urls, 4)).await;
        let want: Vec<String> = (0..20).map(|id| format!("resource {id}")).collect();
        assert_eq!(bodies, want);
        assert!(server.most() <= 4, "{} requests at once", server.most());
        let none = within_patience(fetch_limited(&client(), &[], 4)).await;
        assert_eq!(none, Vec::<String>::new());
        drop(server);
    }

    #[derive(Default)]
    struct Counts {
        running: usize,
        most: usize,
        finished: usize,
    }

    /// A server whose requests hold each other back until as many are in
    /// flight as should be: `limit`, or all that are left when fewer are.
    /// So a client that keeps fewer in flight never finishes, and one that
    /// sends more has them counted in `most`. No timing is involved.
    struct Gate {
        limit: usize,
        total: usize,
        counts: Mutex<Counts>,
        changed: Notify,
    }

    impl Gate {
        async fn request(&self, id: u32) -> String {
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
                    if c.running >= self.limit.min(self.total - c.finished) {
                        break;
                    }
                }
                changed.await;
            }
            {
                let mut c = self.counts.lock().unwrap();
                c.running -= 1;
                c.finished += 1;
            }
            self.changed.notify_waiters();
            format!("resource {id}")
        }
    }

    /// Serves `total` requests through a gate on this test's runtime, and
    /// returns the most that were in flight at once.
    async fn most_in_flight(limit: usize, total: u32) -> usize {
        let gate = Arc::new(Gate {
            limit,
            total: total as usize,
            counts: Mutex::default(),
            changed: Notify::new(),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let g = gate.clone();
        let app = Router::new().route(
            "/{id}",
            get(move |Path(id): Path<u32>| async move { g.request(id).await }),
        );
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let urls: Vec<String> = (0..total).map(|id| format!("http://{addr}/{id}")).collect();
        let bodies = within_patience(fetch_limited(&client(), &urls, limit)).await;
        server.abort();
        let want: Vec<String> = (0..total).map(|id| format!("resource {id}")).collect();
        assert_eq!(bodies, want);
        gate.counts.lock().unwrap().most
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn exactly_limit_requests_in_flight() {
        assert_eq!(most_in_flight(3, 12).await, 3, "12 requests, limit 3");
        assert_eq!(most_in_flight(1, 4).await, 1, "4 requests, limit 1");
        assert_eq!(most_in_flight(8, 5).await, 5, "5 requests, limit 8");
    }
}
