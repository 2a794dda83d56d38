//! What Rust does instead of a GIL: each thread owns the state it changes,
//! so no lock is needed and the threads run in parallel.
use std::thread;
use std::time::Instant;

/// The same interpreter state and bytecode as in the simulated GIL.
pub struct Interpreter {
    refcounts: Vec<u64>,
}

impl Interpreter {
    pub fn new() -> Interpreter {
        Interpreter {
            refcounts: vec![1; 64],
        }
    }

    pub fn execute(&mut self, n: u64) -> u64 {
        let object = n as usize % self.refcounts.len();
        self.refcounts[object] += 1;
        let value = n.wrapping_mul(6364136223846793005).rotate_left(17);
        self.refcounts[object] -= 1;
        value
    }
}

impl Default for Interpreter {
    fn default() -> Interpreter {
        Interpreter::new()
    }
}

// ANCHOR: owned
/// New: the loop takes `&mut Interpreter`, an exclusive borrow. The compiler
/// guarantees that no other thread can reach this state while we change
/// it, so there is nothing to lock.
pub fn count_down(interpreter: &mut Interpreter, n: u64) -> u64 {
    let mut acc = 0;
    for i in 0..n {
        acc ^= interpreter.execute(n - i);
    }
    acc
}

/// Each thread creates and owns its interpreter state.
pub fn on_threads(threads: usize, n: u64) -> u64 {
    thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| s.spawn(move || count_down(&mut Interpreter::new(), n)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .fold(0, u64::wrapping_add)
    })
}

pub fn one_after_another(jobs: usize, n: u64) -> u64 {
    let mut interpreter = Interpreter::new();
    (0..jobs).fold(0, |acc, _| {
        acc.wrapping_add(count_down(&mut interpreter, n))
    })
}
// ANCHOR_END: owned

pub fn main() {
    let t0 = Instant::now();
    let a = one_after_another(2, 1_000_000);
    let one = t0.elapsed();
    let t0 = Instant::now();
    let b = on_threads(2, 1_000_000);
    let two = t0.elapsed();
    assert_eq!(a, b);
    println!("CPU-bound, 2 jobs: one after another {one:.2?}, on 2 threads {two:.2?}");
}
