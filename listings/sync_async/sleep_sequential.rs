//! The notes' `demo_sequential`: ten tasks that each wait 100 ms, run one
//! after another on one thread.
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: task
/// A task that spends its time waiting, not computing: a stand-in for a
/// disk read or a network reply. It reports which thread ran it, and when.
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
// ANCHOR_END: task

// ANCHOR: run
/// Synchronous: each task starts only when the one before it has finished.
pub fn one_after_another(n: usize, wait: Duration, t0: Instant) {
    for id in 0..n {
        task(id, wait, t0);
    }
}
// ANCHOR_END: run

pub fn main() {
    let t0 = Instant::now();
    one_after_another(10, Duration::from_millis(100), t0);
    println!("10 tasks, one after another: {:?}", t0.elapsed());
}
