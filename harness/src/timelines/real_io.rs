//! Timelines of chapter 12, "Real I/O: threads, pools and async".
use super::{Figure, Panel, record};
use concurrency_measured::real_io::{async_clients, blocking_clients, slow_server::SlowServer};
use std::time::Duration;

pub const FIGURES: &[Figure] = &[Figure {
    id: "clients-threads-vs-tasks",
    chapter: "real-io.md",
    number: "12-1",
    caption: "Twenty requests to Listing 12-1's server, which answers each after 20 ms: on a \
              pool of four threads and on a thread per request (Listing 12-2), then as async \
              tasks on one thread (Listing 12-3), on one time axis. A lane is a thread of the \
              process, from the first to the last time it was seen; solid where its CPU clock \
              advanced (sampled every millisecond), pale where it was off the processor. Not \
              drawn: the server's thread, and the thread on which reqwest's blocking client \
              runs its connections, both started before the runs. Each client made one \
              untimed round of requests first, to open its connections.",
    listings: &[
        "listings/real_io/slow_server.rs",
        "listings/real_io/blocking_clients.rs",
        "listings/real_io/async_clients.rs",
    ],
    draw: clients,
    expect: || {
        let threads = |n: usize| {
            let mut lanes = vec!["calling thread".to_owned()];
            lanes.extend((1..=n).map(|i| format!("thread {i}")));
            lanes
        };
        vec![
            ("Listing 12-2, pool of 4 threads", threads(4)),
            ("Listing 12-2, thread per request", threads(20)),
            ("Listing 12-3, a task each, 1 thread", threads(0)),
        ]
    },
}];

fn clients() -> Vec<Panel> {
    let server = SlowServer::start(Duration::from_millis(20));
    let urls: Vec<String> = (0..20).map(|id| server.url(id)).collect();
    let blocking = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = rt.block_on(async { reqwest::Client::builder().no_proxy().build().unwrap() });
    // One untimed round each, which opens the connections the clients keep.
    blocking_clients::thread_per_request(&blocking, &urls);
    rt.block_on(async_clients::tasks(&client, &urls));
    let check = |bodies: Vec<String>| assert_eq!(bodies[19], "resource 19");
    vec![
        record::on_cores("Listing 12-2, pool of 4 threads", || {
            check(blocking_clients::pool(&blocking, &urls, 4))
        }),
        record::on_cores("Listing 12-2, thread per request", || {
            check(blocking_clients::thread_per_request(&blocking, &urls))
        }),
        record::on_cores("Listing 12-3, a task each, 1 thread", || {
            check(rt.block_on(async_clients::tasks(&client, &urls)))
        }),
    ]
}
