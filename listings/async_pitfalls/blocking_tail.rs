//! Tail latency: one handler that blocks its thread delays every request
//! that arrives meanwhile. The median request never sees it; the slowest
//! ones see little else.
use hdrhistogram::Histogram;
use std::thread;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio::task::JoinSet;

// ANCHOR: client
/// A request: when it was sent, and whether its handler makes a slow call
/// (a blocking library, a file, a DNS lookup...).
pub struct Request {
    pub sent: Instant,
    pub slow: bool,
}

/// Sends `n` requests from a thread of its own, at random moments, one
/// every `every` on average (the gaps between them drawn from an
/// exponential distribution, as independent clients' requests arrive),
/// whatever the server does; every `slow_every`-th is slow.
pub fn client(
    tx: mpsc::UnboundedSender<Request>,
    n: u32,
    every: Duration,
    slow_every: Option<u32>,
) {
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64; // the same moments in every run
    let mut due = Instant::now();
    for i in 1..=n {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17; // xorshift: a uniform random number
        let uniform = (seed >> 11) as f64 / (1_u64 << 53) as f64;
        due += every.mul_f64(-(1.0 - uniform).ln());
        thread::sleep(due.saturating_duration_since(Instant::now()));
        let slow = slow_every.is_some_and(|k| i % k == 0);
        tx.send(Request {
            sent: Instant::now(),
            slow,
        })
        .unwrap();
    }
}
// ANCHOR_END: client

// ANCHOR: serve
/// How a handler makes its slow call.
#[derive(Clone, Copy, Debug)]
pub enum SlowCall {
    /// Called in the task: it holds the runtime's thread for the whole call.
    Blocking,
    /// Moved to tokio's blocking pool, and awaited.
    SpawnBlocking,
}

/// Serves each request in a task of its own, until the client hangs up.
/// Returns how long each fast request took, from sending to its answer,
/// in nanoseconds.
pub async fn serve(
    mut requests: mpsc::UnboundedReceiver<Request>,
    call: SlowCall,
    slow: Duration,
) -> Histogram<u64> {
    let mut handlers = JoinSet::new();
    while let Some(request) = requests.recv().await {
        handlers.spawn(async move {
            if !request.slow {
                return Some(request.sent.elapsed()); // the answer, at once
            }
            match call {
                SlowCall::Blocking => thread::sleep(slow),
                SlowCall::SpawnBlocking => {
                    tokio::task::spawn_blocking(move || thread::sleep(slow))
                        .await
                        .unwrap();
                }
            }
            None
        });
    }
    let mut latencies = Histogram::new(3).unwrap();
    for answered in handlers.join_all().await.into_iter().flatten() {
        latencies.record(answered.as_nanos() as u64).unwrap();
    }
    latencies
}
// ANCHOR_END: serve

// ANCHOR: run
/// 1,000 requests, one a millisecond on average; every 50th makes a 10 ms
/// call.
pub fn run(call: SlowCall) -> Histogram<u64> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (tx, rx) = mpsc::unbounded_channel();
    let every = Duration::from_millis(1);
    let sender = thread::spawn(move || client(tx, 1000, every, Some(50)));
    let server = runtime.spawn(serve(rx, call, Duration::from_millis(10)));
    let latencies = runtime.block_on(server).unwrap();
    sender.join().unwrap();
    latencies
}
// ANCHOR_END: run

// ANCHOR: main
pub fn main() {
    for call in [SlowCall::Blocking, SlowCall::SpawnBlocking] {
        let h = run(call);
        let at = |q: f64| Duration::from_nanos(h.value_at_quantile(q));
        println!(
            "{:<14} p50 {:>9.1?}  p99 {:>9.1?}  max {:>9.1?}",
            format!("{call:?}:"),
            at(0.5),
            at(0.99),
            Duration::from_nanos(h.max())
        );
    }
}
// ANCHOR_END: main
