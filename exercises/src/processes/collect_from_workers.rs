//! Exercise 6-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises collect_from_workers`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/processes/exercise_collect_from_workers.rs` (setup, `main`, tests) and the chapter `src/processes.md` (the
//! stub). To start again: `git checkout exercises/src/processes/collect_from_workers.rs`.
use std::env;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{self, Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::thread;
use std::time::Duration;

/// Set in a worker's environment: "you are a worker, not the parent".
const WORKER: &str = "SQUARES_WORKER";

/// The job: the sum of the squares below `n`.
pub fn sum_of_squares(n: u64) -> u64 {
    (0..n).map(|i| i * i).sum()
}

/// Called first thing in `main`. In a worker: read a job (8 bytes) from
/// stdin, write its answer (8 bytes) to stdout, and exit. Job 13 hits a bug
/// that kills the worker's process before it answers; job 99 (for Exercise
/// 6-2) hits one that makes it wait for ever, as a worker stuck on a lock or
/// a dead server would.
pub fn serve_if_worker() {
    if env::var_os(WORKER).is_none() {
        return;
    }
    let mut job = [0; 8];
    io::stdin().read_exact(&mut job).unwrap();
    let job = u64::from_le_bytes(job);
    if job == 13 {
        process::abort();
    }
    // Job 99 never ends, unless its parent does: a worker left behind
    // by a parent that forgot it must not run for ever.
    let parent = std::os::unix::process::parent_id();
    while job == 99 && std::os::unix::process::parent_id() == parent {
        thread::sleep(Duration::from_millis(10));
    }
    let answer = sum_of_squares(job);
    io::stdout().write_all(&answer.to_le_bytes()).unwrap();
    process::exit(0);
}

/// Starts workers, copies of `program`, and keeps count of them.
pub struct Launcher {
    program: PathBuf,
    running: AtomicUsize,
    most: AtomicUsize,
}

impl Launcher {
    pub fn new(program: &Path) -> Launcher {
        Launcher {
            program: program.to_owned(),
            running: AtomicUsize::new(0),
            most: AtomicUsize::new(0),
        }
    }

    /// Starts a worker, with its stdin and stdout piped to this process.
    pub fn start(&self) -> io::Result<Worker<'_>> {
        let child = Command::new(&self.program)
            .env(WORKER, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let now = self.running.fetch_add(1, SeqCst) + 1;
        self.most.fetch_max(now, SeqCst);
        Ok(Worker {
            child,
            launcher: self,
        })
    }

    /// The most workers that were running at the same moment.
    pub fn most_at_once(&self) -> usize {
        self.most.load(SeqCst)
    }

    /// The workers started and not yet reaped.
    pub fn running(&self) -> usize {
        self.running.load(SeqCst)
    }
}

/// A running worker, as in Listing 6-1: dropping it kills the process if it
/// is still running and waits for it, so that it is always reaped.
pub struct Worker<'a> {
    pub child: Child,
    launcher: &'a Launcher,
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.launcher.running.fetch_sub(1, SeqCst);
    }
}

/// Runs each job on a worker of its own, all the workers at the same time,
/// and returns the results in the order of the jobs: the answer, or the
/// exit status of a worker that gave none.
pub fn run_all(launcher: &Launcher, jobs: &[u64]) -> Vec<Result<u64, ExitStatus>> {
    // Your code here: start every worker, then collect every answer.
    let _ = (launcher, jobs);
    Vec::new()
}

pub fn main() {
    serve_if_worker(); // a worker never gets past this line
    let launcher = Launcher::new(&env::current_exe().unwrap());
    let jobs = [10, 13, 1_000, 20];
    let results = run_all(&launcher, &jobs);
    for (job, result) in jobs.iter().zip(&results) {
        match result {
            Ok(answer) => println!("job {job}: {answer}"),
            Err(status) => println!("job {job}: the worker gave no answer ({status})"),
        }
    }
    println!(
        "{} results; at most {} workers at once; {} left running",
        results.len(),
        launcher.most_at_once(),
        launcher.running()
    );
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    // The workers cannot be copies of the test binary, whose `main` is the
    // test harness's: they run `crate::worker_program()`, a program whose
    // `main` calls `serve_if_worker` first (the book's `listing` program, or
    // the `exercises` crate's `exercise-worker`).

    type Results = Vec<Result<u64, ExitStatus>>;

    /// Runs the jobs on copies of `program`, under a watchdog, and returns
    /// the results, the most workers at once and the workers left running.
    fn run(program: PathBuf, jobs: &'static [u64]) -> (Results, usize, usize) {
        let (done, result) = mpsc::channel();
        thread::spawn(move || {
            let launcher = Launcher::new(&program);
            let results = run_all(&launcher, jobs);
            done.send((results, launcher.most_at_once(), launcher.running()))
        });
        result
            .recv_timeout(Duration::from_secs(10))
            .expect("no results within 10 s, or a panic: is a read waiting for a job never sent?")
    }

    #[test]
    fn the_answers_come_in_the_order_of_the_jobs() {
        let (results, most, running) = run(crate::worker_program(), &[3, 1_000, 0, 10]);
        let expected: Results = [3, 1_000, 0, 10].map(|n| Ok(sum_of_squares(n))).into();
        assert_eq!(results, expected);
        assert_eq!(most, 4, "the workers did not all run at the same time");
        assert_eq!(running, 0, "a worker was not reaped");
    }

    #[test]
    fn a_crash_is_reported_and_the_others_still_answer() {
        let (results, most, running) = run(crate::worker_program(), &[13, 5, 13, 7]);
        assert_eq!(results.len(), 4, "one result per job");
        for i in [0, 2] {
            let status = results[i].expect_err("an answer from a worker that crashed");
            assert_eq!(status.signal(), Some(libc::SIGABRT), "job {i}'s status");
        }
        assert_eq!(results[1], Ok(sum_of_squares(5)));
        assert_eq!(results[3], Ok(sum_of_squares(7)));
        assert_eq!((most, running), (4, 0), "(most at once, left running)");
    }

    #[test]
    fn a_worker_that_dies_before_reading_its_job_is_an_error() {
        // `false` exits at once, with status 1, and reads nothing: writing
        // the job may find the pipe already closed.
        let (results, _, running) = run(PathBuf::from("false"), &[1, 2, 3]);
        assert_eq!(results.len(), 3, "one result per job");
        for result in results {
            let status = result.expect_err("an answer from `false`");
            assert_eq!(status.code(), Some(1));
        }
        assert_eq!(running, 0, "a worker was not reaped");
    }
}
