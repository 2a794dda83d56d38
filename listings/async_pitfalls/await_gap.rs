//! Tail latency: a task that computes holds its thread from one `.await`
//! to the next, and a request that arrives meanwhile waits for the rest of
//! that stretch. The gap between awaits is the tail it adds.
use concurrency_measured::async_pitfalls::blocking_tail::{SlowCall, client, serve};
use std::thread;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

// ANCHOR: compute
/// Computes until `total` has passed, awaiting `yield_now` after each
/// `gap` of computing.
pub async fn compute(total: Duration, gap: Duration) {
    let start = Instant::now();
    while start.elapsed() < total {
        let slice = Instant::now();
        let mut x = 0_u64;
        while slice.elapsed() < gap {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        tokio::task::yield_now().await;
    }
}
// ANCHOR_END: compute

// ANCHOR: run
/// 500 requests, one a millisecond on average, served on the thread where a task
/// computes for the whole time, awaiting after every `gap`.
pub fn run(gap: Duration) -> hdrhistogram::Histogram<u64> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (n, every) = (500, Duration::from_millis(1));
    let (tx, rx) = mpsc::unbounded_channel();
    let sender = thread::spawn(move || client(tx, n, every, None));
    let computing = runtime.spawn(compute(every * n, gap));
    let server = runtime.spawn(serve(rx, SlowCall::Blocking, Duration::ZERO));
    let latencies = runtime.block_on(server).unwrap();
    runtime.block_on(computing).unwrap();
    sender.join().unwrap();
    latencies
}
// ANCHOR_END: run

// ANCHOR: main
pub fn main() {
    for gap in [10_000, 1_000, 100].map(Duration::from_micros) {
        let h = run(gap);
        let at = |q: f64| Duration::from_nanos(h.value_at_quantile(q));
        println!(
            "await every {:>7.1?}: p50 {:>9.1?}  p99 {:>9.1?}  max {:>9.1?}",
            gap,
            at(0.5),
            at(0.99),
            Duration::from_nanos(h.max())
        );
    }
}
// ANCHOR_END: main
