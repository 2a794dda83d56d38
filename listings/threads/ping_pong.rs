//! A context switch, measured: two threads pass a number back and forth
//! over channels; then two tokio tasks on one thread do the same.
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: threads
/// `rounds` round trips between two threads. Each message wakes the other
/// thread, which the kernel must switch to.
pub fn threads(rounds: u64) -> u64 {
    let (to_echo, echo_in) = mpsc::channel::<u64>();
    let (echo_out, back) = mpsc::channel::<u64>();
    thread::scope(|s| {
        s.spawn(move || {
            for n in echo_in {
                echo_out.send(n + 1).unwrap();
            }
        });
        let mut n = 0;
        for _ in 0..rounds {
            to_echo.send(n).unwrap();
            n = back.recv().unwrap();
        }
        drop(to_echo); // ends the echo thread's loop
        n
    })
}
// ANCHOR_END: threads

// ANCHOR: tasks
/// The same round trips between two tokio tasks. On a single-threaded
/// runtime a switch is the runtime polling the other task: no kernel.
pub async fn tasks(rounds: u64) -> u64 {
    let (to_echo, mut echo_in) = tokio::sync::mpsc::unbounded_channel::<u64>();
    let (echo_out, mut back) = tokio::sync::mpsc::unbounded_channel::<u64>();
    let echo = tokio::spawn(async move {
        while let Some(n) = echo_in.recv().await {
            echo_out.send(n + 1).unwrap();
        }
    });
    let mut n = 0;
    for _ in 0..rounds {
        to_echo.send(n).unwrap();
        n = back.recv().await.unwrap();
    }
    drop(to_echo);
    echo.await.unwrap();
    n
}
// ANCHOR_END: tasks

/// The time of one round trip, from `rounds` of them.
pub fn per_round(rounds: u64, job: impl FnOnce() -> u64) -> Duration {
    let t0 = Instant::now();
    assert_eq!(job(), rounds);
    t0.elapsed() / rounds as u32
}

// ANCHOR: main
pub fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let thread = per_round(20_000, || threads(20_000));
    let task = per_round(20_000, || runtime.block_on(tasks(20_000)));
    println!("round trip between threads: {thread:>8.2?}");
    println!("round trip between tasks:   {task:>8.2?}");
    println!(
        "threads are {:.0}x slower",
        thread.as_secs_f64() / task.as_secs_f64()
    );
}
// ANCHOR_END: main
