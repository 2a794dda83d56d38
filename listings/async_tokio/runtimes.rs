//! tokio's two runtimes: the current-thread runtime runs every task on one
//! thread; the multi-thread runtime runs tasks on a worker thread per core.
use std::collections::HashSet;
use std::thread::{self, ThreadId};
use std::time::Instant;
use tokio::runtime::{Builder, Runtime};

// ANCHOR: work
/// CPU-bound work: a fixed amount of computing, with no `.await` in it.
pub fn count_primes(below: u64) -> usize {
    let is_prime = |n: u64| {
        n >= 2
            && (2..)
                .take_while(|d| d * d <= n)
                .all(|d| !n.is_multiple_of(d))
    };
    (0..below).filter(|&n| is_prime(n)).count()
}

/// Runs `tasks` tasks that each count the primes below `below`; returns
/// the threads they ran on.
pub fn run_tasks(rt: &Runtime, tasks: usize, below: u64) -> HashSet<ThreadId> {
    rt.block_on(async {
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..tasks {
            set.spawn(async move {
                assert!(count_primes(below) > 0);
                thread::current().id()
            });
        }
        set.join_all().await.into_iter().collect()
    })
}
// ANCHOR_END: work

// ANCHOR: runtimes
pub fn current_thread() -> Runtime {
    Builder::new_current_thread().enable_all().build().unwrap()
}

/// What `#[tokio::main]` builds: one worker thread per core.
pub fn multi_thread() -> Runtime {
    Builder::new_multi_thread().enable_all().build().unwrap()
}

pub fn main() {
    let cores = thread::available_parallelism().unwrap().get();
    for (name, rt) in [
        ("current-thread", current_thread()),
        ("multi-thread", multi_thread()),
    ] {
        let t0 = Instant::now();
        // Many small tasks, not a few big ones: the workers can share them
        // out evenly.
        let threads = run_tasks(&rt, 32, 16_000);
        println!(
            "{name:>14}: 32 tasks counting primes took {:>3} ms on {} thread(s)",
            t0.elapsed().as_millis(),
            threads.len()
        );
    }
    println!("({cores} cores)");
}
// ANCHOR_END: runtimes
