//! The cost ladder: start and finish a process, a thread, a tokio task.
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: ladder
/// Runs the program `true`, which exits at once, `n` times, one after
/// another: each time a new process is created, started and waited for.
pub fn processes(n: u32) {
    for _ in 0..n {
        let status = Command::new("true").status().expect("run `true`");
        assert!(status.success());
    }
}

/// Spawns and joins `n` threads that do nothing, one after another.
pub fn threads(n: u32) {
    for _ in 0..n {
        thread::spawn(|| {}).join().unwrap();
    }
}

/// Spawns and awaits `n` tokio tasks that do nothing, one after another.
pub async fn tasks(n: u32) {
    for _ in 0..n {
        tokio::spawn(async {}).await.unwrap();
    }
}
// ANCHOR_END: ladder

/// The time `job` takes, divided by the `n` units it starts.
pub fn per_unit(n: u32, job: impl FnOnce()) -> Duration {
    let t0 = Instant::now();
    job();
    t0.elapsed() / n
}

// ANCHOR: main
pub fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let process = per_unit(100, || processes(100));
    let thread = per_unit(1_000, || threads(1_000));
    let task = per_unit(10_000, || runtime.block_on(tasks(10_000)));
    println!("a process: {process:>9.2?}");
    println!("a thread:  {thread:>9.2?}");
    println!("a task:    {task:>9.2?}");
    println!(
        "a process costs {:.0} threads; a thread costs {:.0} tasks",
        process.as_secs_f64() / thread.as_secs_f64(),
        thread.as_secs_f64() / task.as_secs_f64()
    );
}
// ANCHOR_END: main
