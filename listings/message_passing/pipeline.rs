//! A pipeline: each stage is a thread that takes items from one channel and
//! sends its results into the next. All stages work at the same time, on
//! different items.
use crossbeam::channel;
use std::thread;

// ANCHOR: pipeline
/// Numbers 1..=n flow through three stages: square them, keep those that
/// are odd, add them up. Bounded channels keep every stage at most 16 items
/// ahead of the next.
pub fn sum_of_odd_squares(n: u64) -> u64 {
    let (numbers, to_square) = channel::bounded(16);
    let (squares, to_filter) = channel::bounded(16);
    let (odd, to_sum) = channel::bounded(16);
    thread::scope(|s| {
        s.spawn(move || (1..=n).for_each(|x| numbers.send(x).unwrap()));
        s.spawn(move || to_square.iter().for_each(|x| squares.send(x * x).unwrap()));
        s.spawn(move || {
            for x in to_filter.iter().filter(|x| x % 2 == 1) {
                odd.send(x).unwrap();
            }
        });
        // Each stage's loop ends when the stage before it ends and drops
        // its sender; the last stage runs on this thread.
        to_sum.iter().sum()
    })
}
// ANCHOR_END: pipeline

pub fn main() {
    let n = 1_000;
    let piped = sum_of_odd_squares(n);
    let direct: u64 = (1..=n).map(|x| x * x).filter(|x| x % 2 == 1).sum();
    assert_eq!(piped, direct);
    println!("sum of the odd squares up to {n}²: {piped}");
}
