//! Several threads send their results to one receiver over a channel:
//! no shared variable, no lock in sight.
use std::sync::mpsc;
use std::thread;

// ANCHOR: workers
/// `workers` threads each square `each` numbers and send the results to one
/// receiver, which collects them in the order they arrive.
pub fn squares(workers: u64, each: u64) -> Vec<(u64, u64, u64)> {
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        for w in 0..workers {
            let tx = tx.clone(); // a sender of its own for each worker
            s.spawn(move || {
                for n in w * each..(w + 1) * each {
                    tx.send((w, n, n * n)).unwrap();
                }
            }); // the worker's sender is dropped when its thread ends
        }
        drop(tx); // now only the workers hold senders
        // The loop ends when every sender has been dropped.
        rx.iter().collect()
    })
}
// ANCHOR_END: workers

pub fn main() {
    for (worker, n, square) in squares(3, 3) {
        println!("worker {worker}: {n}² = {square}");
    }
}
