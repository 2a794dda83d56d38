//! Three threads, each printing four lines with some work in between. The
//! scheduler decides who runs when, so the lines come out in a different
//! order from one run to the next.
use std::hint::black_box;
use std::sync::{Barrier, Mutex};
use std::thread;

/// About a tenth of a millisecond of arithmetic: enough for the other
/// threads to reach their next line meanwhile.
fn work() {
    let mut x = 0u64;
    for i in 0..20_000 {
        x = black_box(x ^ i);
    }
}

// ANCHOR: run
/// Runs `threads` threads of `steps` steps each. Every step prints a line
/// and records (thread, step) in the order the lines were printed.
pub fn run(threads: usize, steps: usize) -> Vec<(usize, usize)> {
    let order = Mutex::new(Vec::new());
    let start = Barrier::new(threads); // all threads start at the same time
    thread::scope(|s| {
        for t in 0..threads {
            let (order, start) = (&order, &start);
            s.spawn(move || {
                start.wait();
                for step in 0..steps {
                    work();
                    let mut order = order.lock().unwrap();
                    order.push((t, step));
                    println!("thread {t}: step {step}");
                }
            });
        }
    });
    order.into_inner().unwrap()
}
// ANCHOR_END: run

pub fn main() {
    run(3, 4);
}
