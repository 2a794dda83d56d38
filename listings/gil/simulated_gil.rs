//! A simulated GIL: threads that must hold one global lock while they run
//! "bytecode", as CPython's threads must hold its global interpreter lock.
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: interpreter
/// The interpreter's shared state. In CPython it includes every object's
/// reference count, which nearly every bytecode changes with a plain,
/// non-atomic add.
pub struct Interpreter {
    refcounts: Vec<u64>,
}

impl Interpreter {
    pub fn new() -> Interpreter {
        Interpreter {
            refcounts: vec![1; 64],
        }
    }

    /// Runs one "bytecode": a little arithmetic, while the reference count
    /// of the object it works on goes up and back down.
    pub fn execute(&mut self, n: u64) -> u64 {
        let object = n as usize % self.refcounts.len();
        self.refcounts[object] += 1; // Py_INCREF
        let value = n.wrapping_mul(6364136223846793005).rotate_left(17);
        self.refcounts[object] -= 1; // Py_DECREF
        value
    }
}

/// The global interpreter lock: one lock around the whole interpreter.
pub type Gil = Mutex<Interpreter>;
// ANCHOR_END: interpreter

impl Default for Interpreter {
    fn default() -> Interpreter {
        Interpreter::new()
    }
}

// ANCHOR: threads
/// Bytecodes a thread runs before it lets go of the GIL, so that a waiting
/// thread can take a turn. (CPython asks for a switch every 5 ms.)
const SWITCH_INTERVAL: u64 = 1_000;

/// A CPU-bound Python thread: a loop of `n` bytecodes.
pub fn count_down(gil: &Gil, mut n: u64) -> u64 {
    let mut acc = 0;
    while n > 0 {
        let mut interpreter = gil.lock().unwrap(); // take the GIL
        let batch = n.min(SWITCH_INTERVAL);
        for i in 0..batch {
            acc ^= interpreter.execute(n - i);
        }
        n -= batch;
    } // `interpreter` is dropped at the end of each turn: the GIL is released
    acc
}

/// An I/O-bound Python thread: a little bytecode, a blocking wait, a little
/// more bytecode. Like CPython around `time.sleep`, a socket read or a file
/// read, it releases the GIL for the wait.
pub fn wait_for_io(gil: &Gil, wait: Duration) -> u64 {
    let before = gil.lock().unwrap().execute(1);
    // The guard above was a temporary: the GIL is not held while we sleep.
    thread::sleep(wait);
    before ^ gil.lock().unwrap().execute(2)
}
// ANCHOR_END: threads

// ANCHOR: run
/// Runs `job` `n` times, one after another, on the calling thread.
pub fn one_after_another(n: usize, job: impl Fn()) {
    for _ in 0..n {
        job();
    }
}

/// Runs `job` `n` times, each time on a thread of its own.
pub fn on_threads(n: usize, job: impl Fn() + Sync) {
    thread::scope(|s| {
        for _ in 0..n {
            s.spawn(&job);
        }
    });
}

pub fn main() {
    let gil = Gil::new(Interpreter::new());
    let time = |run: &dyn Fn()| {
        let t0 = Instant::now();
        run();
        t0.elapsed()
    };

    let cpu = || {
        count_down(&gil, 1_000_000);
    };
    let one = time(&|| one_after_another(2, cpu));
    let two = time(&|| on_threads(2, cpu));
    println!("CPU-bound, 2 jobs: one after another {one:.2?}, on 2 threads {two:.2?}");

    let io = || {
        wait_for_io(&gil, Duration::from_millis(100));
    };
    let one = time(&|| one_after_another(10, io));
    let ten = time(&|| on_threads(10, io));
    println!("I/O-bound, 10 jobs: one after another {one:.2?}, on 10 threads {ten:.2?}");
}
// ANCHOR_END: run
