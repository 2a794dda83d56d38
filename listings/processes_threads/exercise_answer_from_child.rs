//! Exercise 3-1: an answer from a child process. The chapter shows the
//! starter (the `setup` and `main` anchors around a stub written on the
//! page) and, folded, the solution.
// ANCHOR: setup
use std::io;
use std::process;

/// A job for the child: the sum of the squares below `n`.
pub fn sum_of_squares(n: u64) -> u64 {
    (0..n).map(|i| i * i).sum()
}
// ANCHOR_END: setup

// ANCHOR: solution
use std::io::{Read, Write};
use std::panic::{self, AssertUnwindSafe};

/// Runs `job` in a child process, made with `fork`, and returns the number
/// it returned. Fails if the child ends without an answer.
#[cfg(unix)]
pub fn in_child(job: impl FnOnce() -> u64) -> io::Result<u64> {
    // The pipe is made before the fork, so that both processes hold its
    // two ends: the child keeps the writer, the parent the reader.
    let (mut reader, mut writer) = io::pipe()?;
    // Safety: the child is a copy of this process with only this thread. The
    // test harness is multithreaded, so until `_exit` the child may make only
    // async-signal-safe calls (`write`, `_exit`): no locks, no `println!`.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(io::Error::last_os_error());
    }
    if pid == 0 {
        // A panic must not unwind out of the child into that copied code.
        let sent = panic::catch_unwind(AssertUnwindSafe(job))
            .is_ok_and(|answer| writer.write_all(&answer.to_le_bytes()).is_ok());
        unsafe { libc::_exit(if sent { 0 } else { 1 }) };
    }
    // Drop the parent's writer: a read returns once bytes arrive, but a
    // silent child's end-of-file comes only when no writer is left at all.
    drop(writer);
    let mut answer = [0; 8];
    let read = reader.read_exact(&mut answer);
    let mut status = 0;
    // Safety: waits for our own child, which also frees its process entry.
    if unsafe { libc::waitpid(pid, &mut status, 0) } != pid {
        return Err(io::Error::last_os_error());
    }
    match read {
        Ok(()) if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0 => {
            Ok(u64::from_le_bytes(answer))
        }
        _ => Err(io::Error::other(format!(
            "the child ended without an answer: status {status:#x}"
        ))),
    }
}
// ANCHOR_END: solution

// ANCHOR: main
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
// ANCHOR_END: main

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
