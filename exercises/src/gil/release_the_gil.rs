//! Exercise 5-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises release_the_gil`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/gil/exercise_release_the_gil.rs` (setup, `main`, tests) and the chapter `src/gil.md` (the
//! stub). To start again: `git checkout exercises/src/gil/release_the_gil.rs`.
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

/// The simulated interpreter of Listing 5-1.
pub struct Interpreter {
    refcounts: Vec<u64>,
}

impl Interpreter {
    pub fn new() -> Interpreter {
        Interpreter {
            refcounts: vec![1; 64],
        }
    }

    /// Runs one "bytecode".
    pub fn execute(&mut self, n: u64) -> u64 {
        let object = n as usize % self.refcounts.len();
        self.refcounts[object] += 1; // Py_INCREF
        let value = n.wrapping_mul(6364136223846793005).rotate_left(17);
        self.refcounts[object] -= 1; // Py_DECREF
        value
    }
}

impl Default for Interpreter {
    fn default() -> Interpreter {
        Interpreter::new()
    }
}

/// The global interpreter lock.
pub type Gil = Mutex<Interpreter>;

/// Fetches pages `0..pages`, one after another, as a C extension called
/// from Python would: for each page, a bytecode makes the request from the
/// page number, `fetch` (a blocking call) gets the answer, and a bytecode
/// reads the answer. Returns the xor of what the second bytecodes return.
pub fn fetch_pages(gil: &Gil, pages: u64, fetch: impl Fn(u64) -> u64) -> u64 {
    // Your code here: hold the GIL for the bytecodes, not for `fetch`.
    let _ = (gil, pages, fetch);
    0
}

pub fn main() {
    let gil = Gil::new(Interpreter::new());
    // A page takes 20 ms to come, and its answer is the request plus one.
    let fetch = |request: u64| {
        thread::sleep(Duration::from_millis(20));
        request.wrapping_add(1)
    };
    let t0 = Instant::now();
    let checksums: Vec<u64> = thread::scope(|s| {
        let threads: Vec<_> = (0..4)
            .map(|_| s.spawn(|| fetch_pages(&gil, 5, fetch)))
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    println!(
        "4 threads fetched 5 pages of 20 ms each in {:.0?}",
        t0.elapsed()
    );
    println!("checksums: {checksums:x?}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Condvar;

    #[test]
    fn every_page_is_fetched_and_read() {
        let gil = Gil::new(Interpreter::new());
        let requests = Mutex::new(Vec::new());
        let checksum = fetch_pages(&gil, 10, |request| {
            requests.lock().unwrap().push(request);
            request ^ 0xff
        });
        let mut interpreter = Interpreter::new();
        let expected: Vec<u64> = (0..10).map(|page| interpreter.execute(page)).collect();
        assert_eq!(*requests.lock().unwrap(), expected, "the requests made");
        let expected = expected
            .iter()
            .fold(0, |sum, request| sum ^ interpreter.execute(request ^ 0xff));
        assert_eq!(checksum, expected, "the checksum of the answers");
    }

    #[test]
    fn the_gil_is_free_during_every_fetch() {
        let gil = Gil::new(Interpreter::new());
        let free = Mutex::new(Vec::new());
        fetch_pages(&gil, 5, |request| {
            // Only this thread uses this GIL: if the lock is taken, this
            // thread holds it.
            free.lock().unwrap().push(gil.try_lock().is_ok());
            request
        });
        assert_eq!(
            *free.lock().unwrap(),
            [true; 5],
            "was the GIL free during each of the 5 fetches?"
        );
    }

    #[test]
    fn two_threads_wait_at_the_same_time() {
        // Each fetch waits until the other thread is fetching too, or 5 s
        // at most, once. A thread that held the GIL through its fetch would
        // keep the other one out, and the two would never meet.
        let gil = Gil::new(Interpreter::new());
        // How many threads are fetching now, the most at once, whether a
        // wait ran out.
        let fetching = Mutex::new((0, 0, false));
        let changed = Condvar::new();
        let fetch = |request| {
            let mut f = fetching.lock().unwrap();
            f.0 += 1;
            f.1 = f.1.max(f.0);
            changed.notify_all();
            if !f.2 {
                let waited;
                (f, waited) = changed
                    .wait_timeout_while(f, Duration::from_secs(5), |f| f.1 < 2)
                    .unwrap();
                f.2 |= waited.timed_out();
            }
            f.0 -= 1;
            request
        };
        thread::scope(|s| {
            s.spawn(|| fetch_pages(&gil, 3, fetch));
            s.spawn(|| fetch_pages(&gil, 3, fetch));
        });
        assert_eq!(
            fetching.lock().unwrap().1,
            2,
            "the two threads never fetched at the same time"
        );
    }
}
