//! Claims of chapter 12, "Real I/O: threads, pools and async".
use concurrency_measured::real_io::{async_clients, blocking_clients, slow_server::SlowServer};
use std::time::Duration;

use super::{Measured, Measurement};
use crate::registry::Estimator;
use crate::timing::interleaved;

pub const CLAIMS: &[Measurement] = &[("io-clients", io_clients)];

fn io_clients(broken: bool) -> Measured {
    use async_clients::tasks;
    use blocking_clients::{pool, thread_per_request};
    let server = SlowServer::start(Duration::from_millis(20));
    let urls: Vec<String> = (0..200).map(|id| server.url(id)).collect();
    let blocking = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = rt.block_on(async { reqwest::Client::builder().no_proxy().build().unwrap() });

    // One round first, untimed: it opens the connections, which the clients
    // then keep, and checks every answer.
    let expected: Vec<String> = (0..200).map(|id| format!("resource {id}")).collect();
    assert_eq!(pool(&blocking, &urls, 4), expected);
    assert_eq!(thread_per_request(&blocking, &urls), expected);
    assert_eq!(rt.block_on(tasks(&client, &urls)), expected);

    let as_tasks = || {
        if broken {
            // Breaker: the pool of 4 threads where the listing has a task
            // per request.
            pool(&blocking, &urls, 4)
        } else {
            rt.block_on(tasks(&client, &urls))
        }
    };
    let against_pool = interleaved(
        3,
        ("200 requests, pool of 4 threads", || {
            pool(&blocking, &urls, 4)
        }),
        ("200 requests, a task each", as_tasks),
    );
    let against_threads = interleaved(
        3,
        ("200 requests, a thread each", || {
            thread_per_request(&blocking, &urls)
        }),
        ("200 requests, a task each", as_tasks),
    );
    Measured {
        estimator: Some(Estimator::Best),
        values: vec![against_pool.ratio(), against_threads.ratio()],
        details: format!(
            "server delay 20 ms\n{}\n{}",
            against_pool.describe(),
            against_threads.describe()
        ),
        disagreement: against_pool
            .disagreement
            .clone()
            .or(against_threads.disagreement.clone()),
        ..Measured::default()
    }
}
