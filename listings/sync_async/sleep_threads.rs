//! The notes' `demo_concurrent_thread`: the same ten waiting tasks, each on a
//! thread of its own.
use std::thread;
use std::time::{Duration, Instant};

pub fn task(id: usize, wait: Duration, t0: Instant) {
    let began = t0.elapsed();
    thread::sleep(wait);
    println!(
        "task {id} on {:?}: {:>4} ms -> {:>4} ms",
        thread::current().id(),
        began.as_millis(),
        t0.elapsed().as_millis()
    );
}

// ANCHOR: run
pub fn on_threads(n: usize, wait: Duration, t0: Instant) {
    // New: every task gets a thread of its own. The scope does not return
    // until each thread it spawned has finished.
    thread::scope(|s| {
        for id in 0..n {
            s.spawn(move || task(id, wait, t0));
        }
    });
}
// ANCHOR_END: run

pub fn main() {
    let t0 = Instant::now();
    on_threads(10, Duration::from_millis(100), t0);
    println!("10 tasks on 10 threads: {:?}", t0.elapsed());
}
