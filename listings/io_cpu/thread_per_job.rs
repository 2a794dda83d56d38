//! When the work is tiny, starting a thread costs more than the work.
use std::hint::black_box;
use std::thread;
use std::time::Instant;

/// A tiny job: a few microseconds of arithmetic.
pub fn tiny_job(seed: u64) -> u64 {
    (0..200).map(|i| black_box(seed + i) % 7).sum()
}

// ANCHOR: both
/// All the jobs, one after another, on the calling thread.
pub fn on_one_thread(jobs: u64) -> u64 {
    (0..jobs).map(tiny_job).sum()
}

/// Each job on a new thread of its own, created and joined for that job.
pub fn thread_per_job(jobs: u64) -> u64 {
    thread::scope(|s| {
        let handles: Vec<_> = (0..jobs).map(|j| s.spawn(move || tiny_job(j))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
// ANCHOR_END: both

pub fn main() {
    let t0 = Instant::now();
    let a = on_one_thread(1_000);
    let one = t0.elapsed();

    let t0 = Instant::now();
    let b = thread_per_job(1_000);
    let many = t0.elapsed();

    assert_eq!(a, b);
    println!("1,000 tiny jobs on one thread:   {one:>9.2?}");
    println!("1,000 tiny jobs, a thread each:  {many:>9.2?}");
    println!(
        "threads are {:.0}x slower",
        many.as_secs_f64() / one.as_secs_f64()
    );
}
