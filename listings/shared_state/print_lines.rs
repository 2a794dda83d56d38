//! Printing from several threads. `println!` locks standard output for the
//! length of one call, so a line it prints is never split. A line printed
//! with several calls can be: another thread's output may come between them,
//! unless the thread holds the lock on standard output for the whole line.
use std::io::{self, Write};
use std::sync::Barrier;
use std::thread;

// ANCHOR: pieces
/// Each of `threads` threads prints `lines` lines, each in three calls.
pub fn in_pieces(threads: usize, lines: usize) {
    let start = Barrier::new(threads);
    thread::scope(|s| {
        for t in 0..threads {
            let start = &start;
            s.spawn(move || {
                start.wait(); // all threads start printing together
                for i in 0..lines {
                    print!("[thread {t}");
                    print!(" line {i}");
                    println!("]");
                }
            });
        }
    });
}
// ANCHOR_END: pieces

// ANCHOR: whole
/// The same lines, each printed while holding the lock on standard output.
pub fn whole_lines(threads: usize, lines: usize) {
    let start = Barrier::new(threads);
    thread::scope(|s| {
        for t in 0..threads {
            let start = &start;
            s.spawn(move || {
                start.wait();
                for i in 0..lines {
                    // New: one lock for the whole line. Other threads'
                    // `print!` calls wait until `out` is dropped.
                    let mut out = io::stdout().lock();
                    write!(out, "[thread {t}").unwrap();
                    write!(out, " line {i}").unwrap();
                    writeln!(out, "]").unwrap();
                }
            });
        }
    });
}
// ANCHOR_END: whole

pub fn main() {
    in_pieces(2, 5);
    println!("--- each line under one lock:");
    whole_lines(2, 5);
}
