//! A small HTTP server for the clients of this chapter: it answers every
//! request after a fixed delay, a stand-in for a slow database or API. It
//! listens on 127.0.0.1 only, on a port the operating system picks, and
//! stops when it is dropped.
use std::time::{Duration, Instant};

// ANCHOR: server
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
// ANCHOR_END: server

// ANCHOR: main
pub fn main() {
    let server = SlowServer::start(Duration::from_millis(20));
    // No proxy: the request goes straight to 127.0.0.1.
    let client = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    let t0 = Instant::now();
    let response = client.get(server.url(7)).send().unwrap();
    let status = response.status();
    let body = response.text().unwrap();
    println!(
        "GET {} -> {status} {body:?} in {:.1?}",
        server.url(7),
        t0.elapsed()
    );
    assert_eq!(body, "resource 7");
}
// ANCHOR_END: main
