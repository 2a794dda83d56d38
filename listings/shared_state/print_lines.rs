//! Printing from several threads. `println!` locks standard output for the
//! length of one call, so a line it prints is never split. A line printed
//! with several calls can be: another thread's output may come between them,
//! unless the thread holds the lock on standard output for the whole line.
use std::hint::black_box;
use std::io::{self, Write};
use std::sync::Barrier;
use std::thread;

/// A step of work: the square of `step`, after a moment of busy work, long
/// enough for the other threads to print meanwhile.
pub fn work(step: u64) -> u64 {
    for i in 0..100_000 {
        black_box(i);
    }
    step * step
}

// ANCHOR: pieces
/// Each of `threads` threads does `steps` steps of work, and prints a line
/// for each: the start of the line before the work, the end after it.
pub fn in_pieces(threads: usize, steps: u64) {
    let start = Barrier::new(threads);
    thread::scope(|s| {
        for t in 0..threads {
            let start = &start;
            s.spawn(move || {
                start.wait(); // all threads start together
                for i in 0..steps {
                    print!("[thread {t} step {i}: ");
                    let result = work(i);
                    println!("{result}]");
                }
            });
        }
    });
}
// ANCHOR_END: pieces

// ANCHOR: whole
/// The same lines, each printed while holding the lock on standard output.
pub fn whole_lines(threads: usize, steps: u64) {
    let start = Barrier::new(threads);
    thread::scope(|s| {
        for t in 0..threads {
            let start = &start;
            s.spawn(move || {
                start.wait();
                for i in 0..steps {
                    // New: the work first, outside the lock; then the whole
                    // line under one lock, which other threads' `print!`
                    // calls wait for.
                    let result = work(i);
                    let mut out = io::stdout().lock();
                    write!(out, "[thread {t} step {i}: ").unwrap();
                    writeln!(out, "{result}]").unwrap();
                }
            });
        }
    });
}
// ANCHOR_END: whole

pub fn main() {
    in_pieces(2, 4);
    println!("--- each line under one lock:");
    whole_lines(2, 4);
}
