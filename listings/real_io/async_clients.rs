//! Fetching N resources from a slow server with async requests: a task per
//! request, all on one thread.
use std::time::{Duration, Instant};

// The server of Listing 12-1, from this book's crate.
use concurrency_measured::real_io::slow_server::SlowServer;

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
