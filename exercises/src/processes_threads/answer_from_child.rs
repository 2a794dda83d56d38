//! Exercise 3-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises answer_from_child`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/processes_threads/exercise_answer_from_child.rs` (setup, `main`, tests) and the chapter `src/processes-threads.md` (the
//! stub). To start again: `git checkout exercises/src/processes_threads/answer_from_child.rs`.
use std::io;
use std::process;

/// A job for the child: the sum of the squares below `n`.
pub fn sum_of_squares(n: u64) -> u64 {
    (0..n).map(|i| i * i).sum()
}

/// Runs `job` in a child process, made with `fork`, and returns the number
/// it returned. Fails if the child ends without an answer.
#[cfg(unix)]
pub fn in_child(job: impl FnOnce() -> u64) -> io::Result<u64> {
    // Your code here: a pipe, a fork, and the answer through the pipe.
    let _ = job;
    Ok(0)
}

pub fn main() {
    #[cfg(unix)]
    {
        let mut seen_in = 0;
        let answer = in_child(|| {
            seen_in = process::id(); // sets the child's copy of `seen_in`
            sum_of_squares(1_000)
        });
        println!("the child's answer: {answer:?}");
        println!("the parent's `seen_in` is still {seen_in}");
        let child = in_child(|| process::id().into());
        println!(
            "a child's process id: {child:?}; the parent's: {}",
            process::id()
        );
    }
    #[cfg(not(unix))]
    println!("fork is Unix-only; skipping the child process");
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_answer_comes_back() {
        assert_eq!(in_child(|| sum_of_squares(1_000)).unwrap(), 332_833_500);
        // Eight bytes, not an exit code: an exit code holds 0 to 255 only.
        assert_eq!(in_child(|| u64::MAX - 1).unwrap(), u64::MAX - 1);
    }

    #[test]
    fn the_job_runs_in_another_process() {
        let child = in_child(|| process::id().into()).unwrap();
        assert!(child > 0, "no process id came back");
        assert_ne!(child, u64::from(process::id()), "the job ran in the parent");
    }

    #[test]
    fn the_child_changes_only_its_own_copy() {
        let mut value = 0;
        let answer = in_child(|| {
            value = 42;
            value
        });
        assert_eq!((answer.unwrap(), value), (42, 0));
    }

    #[test]
    fn a_child_that_ends_without_answering_is_an_error() {
        // Safety: `_exit` ends the child at once, as a crash would, and
        // writes nothing. (A panic is not used here: in a copy of this
        // multithreaded test process, printing a panic's message could
        // wait for a lock that another thread held at the fork.)
        let (done, result) = std::sync::mpsc::channel();
        std::thread::spawn(move || done.send(in_child(|| unsafe { libc::_exit(3) })));
        // A watchdog: a parent that still holds a writer waits forever.
        let result = result.recv_timeout(std::time::Duration::from_secs(10));
        let result = result.expect("no return within 10 s: does the parent drop its writer?");
        assert!(result.is_err(), "an answer from a child that gave none");
    }
}
