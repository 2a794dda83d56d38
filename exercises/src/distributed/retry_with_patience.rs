//! Exercise 15-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises retry_with_patience`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/distributed/exercise_retry_with_patience.rs` (setup, `main`, tests) and the chapter `src/distributed.md` (the
//! stub). To start again: `git checkout exercises/src/distributed/retry_with_patience.rs`.
use std::thread;
use std::time::{Duration, Instant};

/// What became of an attempt that gave no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The worker ended without an answer: its end of the channel closed,
    /// as a crashed process's sockets close.
    Crashed,
    /// Nothing came within the patience: the worker may be dead, or slow.
    Silent,
}

/// A worker that fails the way Listing 15-3's processes do: attempt 0
/// crashes, attempt 1 hangs, attempt 2 answers.
pub fn flaky(attempt: u32) -> u64 {
    match attempt {
        // A crash: the thread unwinds as from a panic, but skips the panic
        // hook, which prints the message first (and, with RUST_BACKTRACE
        // set, a backtrace that can take longer than the patience).
        0 => std::panic::resume_unwind(Box::new("attempt 0: crash")),
        1 => loop {
            thread::park(); // alive, holding its channel open, saying nothing
        },
        _ => (1..=1_000).sum(),
    }
}

/// Runs `job(0)` on a worker thread of its own and waits for its answer.
/// If the worker crashes, or says nothing for `patience`, runs `job(1)` on
/// a new worker, and so on, `attempts` times at most. Returns the first
/// answer, or what became of every attempt.
pub fn call_with_retries<F>(attempts: u32, patience: Duration, job: F) -> Result<u64, Vec<Failure>>
where
    F: Fn(u32) -> u64 + Send + Sync + 'static,
{
    // Your code here: a worker and a channel per attempt, and a patient wait.
    let _ = (attempts, patience, job);
    Err(Vec::new())
}

pub fn main() {
    let patience = Duration::from_millis(200);
    let t0 = Instant::now();
    let answer = call_with_retries(3, patience, flaky);
    println!("3 attempts: {answer:?} after {:.2?}", t0.elapsed());

    let t0 = Instant::now();
    let answer = call_with_retries(2, patience, flaky);
    println!("2 attempts: {answer:?} after {:.2?}", t0.elapsed());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// Counts the attempts `job` is called for, and how long the call took.
    fn call<F>(
        attempts: u32,
        patience: Duration,
        job: F,
    ) -> (Result<u64, Vec<Failure>>, u32, Duration)
    where
        F: Fn(u32) -> u64 + Send + Sync + 'static,
    {
        let calls = Arc::new(AtomicU32::new(0));
        let counted = Arc::clone(&calls);
        let t0 = Instant::now();
        let result = call_with_retries(attempts, patience, move |attempt| {
            counted.fetch_add(1, Ordering::SeqCst);
            job(attempt)
        });
        (result, calls.load(Ordering::SeqCst), t0.elapsed())
    }

    #[test]
    fn an_answer_on_the_first_attempt_is_returned() {
        let (result, calls, _) = call(3, Duration::from_secs(5), |_| 42);
        assert_eq!(result, Ok(42));
        assert_eq!(calls, 1, "an attempt after an answer");
    }

    #[test]
    fn a_crash_is_seen_at_once_and_retried() {
        // A patience of 5 s: waiting it out after each crash would take 10 s.
        let (result, calls, took) = call(5, Duration::from_secs(5), |attempt| {
            if attempt < 2 {
                crash();
            }
            7 + u64::from(attempt)
        });
        assert_eq!(result, Ok(9));
        assert_eq!(calls, 3);
        assert!(
            took < Duration::from_secs(2),
            "two crashes took {took:.2?}: a closed channel says at once that its worker is gone"
        );
    }

    #[test]
    fn a_silent_worker_is_given_up_after_the_patience() {
        let patience = Duration::from_millis(100);
        let (result, calls, took) = call(3, patience, |attempt| {
            if attempt == 0 {
                loop {
                    thread::park();
                }
            }
            9
        });
        assert_eq!(result, Ok(9));
        assert_eq!(calls, 2);
        assert!(
            took >= patience,
            "gave up on a silent worker after {took:.2?}"
        );
        assert!(
            took < Duration::from_secs(2),
            "waited {took:.2?}, far past the patience"
        );
    }

    #[test]
    fn giving_up_says_what_became_of_every_attempt() {
        let (result, calls, took) = call(3, Duration::from_millis(100), flaky_in_reverse);
        assert_eq!(
            result,
            Err(vec![Failure::Silent, Failure::Crashed, Failure::Silent])
        );
        assert_eq!(calls, 3);
        assert!(
            took < Duration::from_secs(2),
            "waited {took:.2?} for 3 attempts"
        );
    }

    /// Ends the worker as a panic does, but without the panic hook, which
    /// prints the message (and, with `RUST_BACKTRACE` set, a backtrace that
    /// can take longer than a short patience to print): a crash at once.
    fn crash() -> ! {
        std::panic::resume_unwind(Box::new("crash"))
    }

    /// Attempts 0 and 2 hang, attempt 1 crashes, attempt 3 would answer.
    fn flaky_in_reverse(attempt: u32) -> u64 {
        match attempt {
            1 => crash(),
            3 => 1,
            _ => loop {
                thread::park();
            },
        }
    }
}
