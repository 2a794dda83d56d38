//! Exercise 6-2, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises deadline_for_workers`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/processes/exercise_deadline_for_workers.rs` (setup, `main`, tests) and the chapter `src/processes.md` (the
//! stub). To start again: `git checkout exercises/src/processes/deadline_for_workers.rs`.
use std::env;
use std::io::{Read, Write};
use std::process::ExitStatus;
use std::thread;
use std::time::{Duration, Instant};

// The worker and the launcher of Exercise 6-1, from this book's crate. Job 13
// crashes its worker; job 99 hangs it.
use concurrency_measured::processes::exercise_collect_from_workers::{Launcher, serve_if_worker};

/// Runs each job on a worker of its own, all the workers at the same time,
/// and waits for them until `deadline` has passed. Returns the results in
/// the order of the jobs: the answer, or the exit status of a worker that
/// gave none, killed if it was still running at the deadline.
pub fn run_all_by(
    launcher: &Launcher,
    jobs: &[u64],
    deadline: Duration,
) -> Vec<Result<u64, ExitStatus>> {
    // Your code here: start every worker, wait until all have ended or the
    // deadline has passed, kill the rest, then collect the answers.
    let _ = (launcher, jobs, deadline);
    Vec::new()
}

pub fn main() {
    serve_if_worker(); // a worker never gets past this line
    let launcher = Launcher::new(&env::current_exe().unwrap());
    let jobs = [10, 99, 13, 1_000];
    let t0 = Instant::now();
    let results = run_all_by(&launcher, &jobs, Duration::from_millis(500));
    let took = t0.elapsed();
    for (job, result) in jobs.iter().zip(&results) {
        match result {
            Ok(answer) => println!("job {job}: {answer}"),
            Err(status) => println!("job {job}: the worker gave no answer ({status})"),
        }
    }
    println!(
        "{} results in {took:.1?}; {} left running",
        results.len(),
        launcher.running()
    );
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use concurrency_measured::processes::exercise_collect_from_workers::sum_of_squares;
    use std::os::unix::process::ExitStatusExt;
    use std::sync::mpsc;

    // The workers are `crate::worker_program()`, as in Exercise 6-1's tests.

    type Results = Vec<Result<u64, ExitStatus>>;

    /// Runs the jobs with `deadline` and returns the results and the
    /// workers left running; fails if that takes more than 5 s.
    fn run(jobs: &'static [u64], deadline: Duration) -> (Results, usize) {
        let (done, result) = mpsc::channel();
        thread::spawn(move || {
            let launcher = Launcher::new(&crate::worker_program());
            let results = run_all_by(&launcher, jobs, deadline);
            done.send((results, launcher.running()))
        });
        result
            .recv_timeout(Duration::from_secs(5))
            .expect("no results within 5 s, or a panic: does the parent wait past the deadline?")
    }

    #[test]
    fn answers_come_back_without_waiting_for_the_deadline() {
        // The deadline is a minute away: finished workers must not wait
        // for it.
        let (results, running) = run(&[3, 1_000, 0], Duration::from_secs(60));
        let expected: Results = [3, 1_000, 0].map(|n| Ok(sum_of_squares(n))).into();
        assert_eq!(results, expected);
        assert_eq!(running, 0, "a worker was not reaped");
    }

    #[test]
    fn workers_still_running_at_the_deadline_are_killed() {
        let (results, running) = run(&[99, 99, 99], Duration::from_millis(200));
        assert_eq!(results.len(), 3, "one result per job");
        for result in results {
            let status = result.expect_err("an answer from a worker that never answers");
            assert_eq!(
                status.signal(),
                Some(libc::SIGKILL),
                "killed at the deadline?"
            );
        }
        assert_eq!(running, 0, "a worker was not reaped");
    }

    #[test]
    fn a_crash_is_reported_and_the_others_still_answer() {
        let (results, running) = run(&[13, 5], Duration::from_secs(60));
        let status = results[0].expect_err("an answer from a worker that crashed");
        assert_eq!(status.signal(), Some(libc::SIGABRT));
        assert_eq!(results[1..], [Ok(sum_of_squares(5))]);
        assert_eq!(running, 0, "a worker was not reaped");
    }
}
