//! Fetching N resources from a slow server with async requests: a task per
//! request, all on one thread.
use std::time::{Duration, Instant};

// ANCHOR: clients
use reqwest::Client;

/// A task for every request: all of them in flight at once.
pub async fn tasks(client: &Client, urls: &[String]) -> Vec<String> {
    let mut set = tokio::task::JoinSet::new();
    for (i, url) in urls.iter().enumerate() {
        // A `Client` is a handle to a shared pool: cloning it is cheap.
        let (client, url) = (client.clone(), url.clone());
        set.spawn(async move {
            let body = client.get(url).send().await?.text().await?;
            Ok::<_, reqwest::Error>((i, body))
        });
    }
    let mut bodies = Vec::new();
    while let Some(done) = set.join_next().await {
        bodies.push(done.unwrap().unwrap());
    }
    bodies.sort(); // back in the order of `urls`
    bodies.into_iter().map(|(_, body)| body).collect()
}
// ANCHOR_END: clients

// ANCHOR: main
pub fn main() {
    let server = SlowServer::start(Duration::from_millis(20));
    let urls: Vec<String> = (0..20).map(|id| server.url(id)).collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let bodies = rt.block_on(async {
        let client = Client::builder().no_proxy().build().unwrap();
        let t0 = Instant::now();
        let bodies = tasks(&client, &urls).await;
        println!("20 requests, a task each, 1 thread: {:>6.1?}", t0.elapsed());
        bodies
    });
    assert_eq!(bodies[19], "resource 19");
}
// ANCHOR_END: main

// The server of Listing 12-1 (`slow_server.rs`), unchanged.
use axum::{Router, extract::Path, routing::get};
use std::net::SocketAddr;
use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use tokio::sync::oneshot;

pub struct SlowServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl SlowServer {
    /// Starts the server on a thread of its own, with its own runtime.
    pub fn start(delay: Duration) -> SlowServer {
        let (addr_tx, addr_rx) = mpsc::channel();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                // Port 0: the OS picks a free port. Loopback: no one else
                // can connect.
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                let app = Router::new().route(
                    "/{id}",
                    get(move |Path(id): Path<u32>| async move {
                        tokio::time::sleep(delay).await;
                        format!("resource {id}")
                    }),
                );
                axum::serve(listener, app)
                    .with_graceful_shutdown(async { stopped.await.unwrap_or(()) })
                    .await
                    .unwrap();
            });
        });
        let addr = addr_rx.recv().unwrap();
        SlowServer {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// The address of resource `id`.
    pub fn url(&self, id: u32) -> String {
        format!("http://{}/{id}", self.addr)
    }
}

impl Drop for SlowServer {
    /// Stops the server: it finishes the requests in flight, closes its
    /// connections, and its thread ends before `drop` returns.
    fn drop(&mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.thread.take().unwrap().join().unwrap();
    }
}
