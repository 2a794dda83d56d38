//! `join` hands back what the thread returned, or the panic that ended it.
use std::thread;

// ANCHOR: join
/// Sums `numbers` on a thread of its own and hands the sum back through
/// `join`. A thread that panics hands its panic back instead.
pub fn sum_on_a_thread(numbers: Vec<u64>) -> thread::Result<u64> {
    let handle = thread::spawn(move || {
        assert!(!numbers.is_empty(), "nothing to sum");
        numbers.iter().sum::<u64>()
    });
    handle.join()
}

pub fn main() {
    println!("{:?}", sum_on_a_thread(vec![1, 2, 3]));
    let failed = sum_on_a_thread(vec![]).unwrap_err();
    println!("Err({:?})", failed.downcast_ref::<&str>().unwrap());
}
// ANCHOR_END: join
