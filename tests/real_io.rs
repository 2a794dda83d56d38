//! Chapter 12, "Real I/O": the listings' server stops by itself, and the
//! listings leave no thread behind. One test only, so that no other test's
//! threads come and go while it counts.
use concurrency_measured::real_io::{async_clients, blocking_clients, slow_server};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Threads of this process, from the kernel's list (Linux only).
fn threads() -> Option<usize> {
    Some(std::fs::read_dir("/proc/self/task").ok()?.count())
}

/// A joined thread leaves the kernel's list a moment after `join` returns.
fn settles_to(before: usize) -> bool {
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(2) {
        if threads() == Some(before) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn servers_stop_and_no_thread_is_left_behind() {
    let before = threads();

    let server = slow_server::SlowServer::start(Duration::from_millis(20));
    let addr = server.url(0);
    let addr = addr
        .trim_start_matches("http://")
        .trim_end_matches("/0")
        .to_owned();
    assert!(TcpStream::connect(&addr).is_ok(), "the server listens");
    drop(server);
    assert!(
        TcpStream::connect(&addr).is_err(),
        "the server still accepts connections after it was dropped"
    );

    slow_server::main();
    blocking_clients::main();
    async_clients::main();

    if let Some(before) = before {
        assert!(
            settles_to(before),
            "{before} threads before the listings ran, {:?} after",
            threads()
        );
    }
}
