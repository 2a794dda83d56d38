//! tokio's two runtimes: the current-thread runtime runs every task on one
//! thread; the multi-thread runtime runs tasks on a worker thread per core.
use std::collections::HashSet;
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};
use tokio::runtime::{Builder, Runtime};

// ANCHOR: work
/// CPU-bound work: keeps its thread busy for `busy`, never awaits.
pub fn spin(busy: Duration) {
    let t0 = Instant::now();
    while t0.elapsed() < busy {
        std::hint::spin_loop();
    }
}

/// Runs `tasks` tasks that each compute for `busy`; returns the threads
/// they ran on.
pub fn run_tasks(rt: &Runtime, tasks: usize, busy: Duration) -> HashSet<ThreadId> {
    rt.block_on(async {
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..tasks {
            set.spawn(async move {
                spin(busy);
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
        let threads = run_tasks(&rt, 4, Duration::from_millis(100));
        println!(
            "{name:>14}: 4 tasks of 100 ms computing took {:>3} ms on {} thread(s)",
            t0.elapsed().as_millis(),
            threads.len()
        );
    }
    println!("({cores} cores)");
}
// ANCHOR_END: runtimes
