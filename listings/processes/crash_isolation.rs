//! A worker process that crashes does not take the parent down.
use std::env;
use std::path::Path;
use std::process::{self, Command, ExitStatus};

const WORKER: &str = "CRASHING_WORKER";

// ANCHOR: worker
/// In a worker: do job number `WORKER`. Job 2 hits a bug that kills its
/// process outright, as a segfault in C code, a stack overflow or the
/// kernel's out-of-memory killer would.
pub fn serve_if_worker() {
    let Some(job) = env::var_os(WORKER) else {
        return;
    };
    let job: u64 = job.to_str().unwrap().parse().unwrap();
    if job == 2 {
        process::abort();
    }
    println!("{}", job * job);
    process::exit(0);
}
// ANCHOR_END: worker

// ANCHOR: parent
/// Runs each job in a worker process of its own. `output` waits for the
/// worker to end, so every worker is reaped, whatever happened to it.
pub fn run_jobs(program: &Path, jobs: &[u64]) -> Vec<Result<u64, ExitStatus>> {
    jobs.iter()
        .map(|job| {
            let out = Command::new(program)
                .env(WORKER, job.to_string())
                .output()
                .unwrap();
            if out.status.success() {
                Ok(String::from_utf8(out.stdout)
                    .unwrap()
                    .trim()
                    .parse()
                    .unwrap())
            } else {
                Err(out.status)
            }
        })
        .collect()
}
// ANCHOR_END: parent

// ANCHOR: main
pub fn main() {
    serve_if_worker();
    let results = run_jobs(&env::current_exe().unwrap(), &[1, 2, 3]);
    for (job, result) in [1, 2, 3].iter().zip(&results) {
        match result {
            Ok(square) => println!("job {job}: {square}"),
            Err(status) => println!("job {job}: the worker crashed ({status})"),
        }
    }
    assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
    println!("the parent is still running");
}
// ANCHOR_END: main
