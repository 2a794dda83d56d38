//! Exercise 6-2: a deadline for the workers. The chapter shows the starter
//! (the `setup` and `main` anchors around a stub written on the page) and,
//! folded, the solution.
// ANCHOR: setup
use std::env;
use std::io::{Read, Write};
use std::process::ExitStatus;
use std::thread;
use std::time::{Duration, Instant};

// The worker and the launcher of Exercise 6-1, from this book's crate. Job 13
// crashes its worker; job 99 hangs it.
use concurrency_measured::processes::exercise_collect_from_workers::{Launcher, serve_if_worker};
// ANCHOR_END: setup

// ANCHOR: solution
/// Runs each job on a worker of its own, all the workers at the same time,
/// and waits for them until `deadline` has passed. Returns the results in
/// the order of the jobs: the answer, or the exit status of a worker that
/// gave none, killed if it was still running at the deadline.
pub fn run_all_by(
    launcher: &Launcher,
    jobs: &[u64],
    deadline: Duration,
) -> Vec<Result<u64, ExitStatus>> {
    let end = Instant::now() + deadline;
    let mut workers = Vec::new();
    for &job in jobs {
        let mut worker = launcher.start().unwrap();
        let mut stdin = worker.child.stdin.take().unwrap();
        let _ = stdin.write_all(&job.to_le_bytes()); // a dead worker's status says why
        workers.push(worker);
    }
    // Wait for the workers to end, but not past the deadline. `try_wait`
    // never blocks: it returns the exit status if the worker has ended,
    // and `None` if it is still running.
    let mut ended: Vec<Option<ExitStatus>> = vec![None; workers.len()];
    while ended.contains(&None) && Instant::now() < end {
        for (worker, status) in workers.iter_mut().zip(&mut ended) {
            if status.is_none() {
                *status = worker.child.try_wait().unwrap();
            }
        }
        thread::sleep(Duration::from_millis(1));
    }
    workers
        .into_iter()
        .zip(ended)
        .map(|(mut worker, status)| {
            // Past the deadline: kill the worker, then reap it.
            let status = status.unwrap_or_else(|| {
                let _ = worker.child.kill();
                worker.child.wait().unwrap()
            });
            // An answer of 8 bytes fits in the pipe, so it waits there for
            // us even though the worker has ended.
            let mut answer = [0; 8];
            let read = worker.child.stdout.take().unwrap().read_exact(&mut answer);
            match read {
                Ok(()) if status.success() => Ok(u64::from_le_bytes(answer)),
                _ => Err(status),
            }
        })
        .collect()
}
// ANCHOR_END: solution

// ANCHOR: main
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
// ANCHOR_END: main

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
