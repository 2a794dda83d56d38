//! Fetching N resources from a slow server with blocking requests: one
//! after another, on a small pool of threads, and on a thread per request.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

// The server of Listing 12-1, from this book's crate.
use concurrency_measured::real_io::slow_server::SlowServer;

// ANCHOR: clients
use reqwest::blocking::Client;

fn fetch(client: &Client, url: &str) -> String {
    client.get(url).send().unwrap().text().unwrap()
}

/// One request at a time.
pub fn sequential(client: &Client, urls: &[String]) -> Vec<String> {
    urls.iter().map(|url| fetch(client, url)).collect()
}

/// A pool of `threads` threads; each takes the next URL until none is left.
/// At most `threads` requests are in flight at once.
pub fn pool(client: &Client, urls: &[String], threads: usize) -> Vec<String> {
    let next = AtomicUsize::new(0);
    let mut bodies = thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(url) = urls.get(i) else { break mine };
                        mine.push((i, fetch(client, url)));
                    }
                })
            })
            .collect();
        let all = workers.into_iter().flat_map(|w| w.join().unwrap());
        all.collect::<Vec<_>>()
    });
    bodies.sort(); // back in the order of `urls`
    bodies.into_iter().map(|(_, body)| body).collect()
}

/// A thread of its own for every request: all of them in flight at once.
pub fn thread_per_request(client: &Client, urls: &[String]) -> Vec<String> {
    thread::scope(|s| {
        let workers: Vec<_> = urls
            .iter()
            .map(|url| s.spawn(|| fetch(client, url)))
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    })
}
// ANCHOR_END: clients

// ANCHOR: main
pub fn main() {
    let server = SlowServer::start(Duration::from_millis(20));
    let urls: Vec<String> = (0..20).map(|id| server.url(id)).collect();
    // One client, shared by every thread: it keeps a pool of connections.
    let client = Client::builder().no_proxy().build().unwrap();

    let runs: [(&str, &dyn Fn() -> Vec<String>); 3] = [
        ("one after another", &|| sequential(&client, &urls)),
        ("pool of 4 threads", &|| pool(&client, &urls, 4)),
        ("thread per request", &|| thread_per_request(&client, &urls)),
    ];
    for (name, run) in runs {
        let t0 = Instant::now();
        let bodies = run();
        println!("20 requests, {name:<18}: {:>6.1?}", t0.elapsed());
        assert_eq!(bodies[19], "resource 19");
    }
}
// ANCHOR_END: main
