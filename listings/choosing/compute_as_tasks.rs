//! Computing is not waiting: four CPU-bound jobs as tokio tasks on one
//! thread, then the same four jobs on a thread each.
use std::thread;
use std::time::Instant;

fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

// ANCHOR: job
/// A CPU-bound job: count the primes below `below`. There is no `.await`
/// in it, so as an async task it runs from start to end without a pause.
pub fn job(id: usize, below: u64, t0: Instant) -> usize {
    let began = t0.elapsed();
    let count = (0..below).filter(|&n| is_prime(n)).count();
    println!(
        "task {id} on {:?}: {:>4} ms -> {:>4} ms",
        thread::current().id(),
        began.as_millis(),
        t0.elapsed().as_millis()
    );
    count
}
// ANCHOR_END: job

// ANCHOR: run
/// The jobs as tokio tasks on a runtime with one thread.
pub fn as_tasks(jobs: usize, below: u64, t0: Instant) -> usize {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for id in 0..jobs {
            tasks.spawn(async move { job(id, below, t0) });
        }
        tasks.join_all().await.into_iter().sum()
    })
}

/// The same jobs, each on a thread of its own.
pub fn on_threads(jobs: usize, below: u64, t0: Instant) -> usize {
    thread::scope(|s| {
        let handles: Vec<_> = (0..jobs)
            .map(|id| s.spawn(move || job(id, below, t0)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}
// ANCHOR_END: run

pub fn main() {
    let t0 = Instant::now();
    let a = as_tasks(4, 100_000, t0);
    println!("4 jobs as tokio tasks on 1 thread: {:.2?}", t0.elapsed());
    let t0 = Instant::now();
    let b = on_threads(4, 100_000, t0);
    println!("4 jobs on 4 threads: {:.2?}", t0.elapsed());
    assert_eq!(a, b);
}
