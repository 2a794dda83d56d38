//! Exercise 5-2, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises gil_in_turn`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/gil/exercise_gil_in_turn.rs` (setup, `main`, tests) and the chapter `src/gil.md` (the
//! stub). To start again: `git checkout exercises/src/gil/gil_in_turn.rs`.
use std::ops::{Deref, DerefMut};
use std::sync::{Barrier, Condvar, Mutex, MutexGuard};
use std::thread;

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

/// A GIL that threads take in turn, like the queue at a counter where
/// each customer takes a numbered ticket and waits for it to be called.
#[derive(Default)]
pub struct FairGil {
    interpreter: Mutex<Interpreter>,
    tickets: Mutex<Tickets>,
    /// Notified whenever `serving` changes.
    next_please: Condvar,
}

#[derive(Default)]
struct Tickets {
    /// The number on the next ticket to be taken.
    next: u64,
    /// The ticket whose holder may run now.
    serving: u64,
}

/// A thread's turn with the interpreter. It ends when it is dropped.
pub struct Turn<'a> {
    gil: &'a FairGil,
    interpreter: MutexGuard<'a, Interpreter>,
}

impl Deref for Turn<'_> {
    type Target = Interpreter;
    fn deref(&self) -> &Interpreter {
        &self.interpreter
    }
}

impl DerefMut for Turn<'_> {
    fn deref_mut(&mut self) -> &mut Interpreter {
        &mut self.interpreter
    }
}

impl FairGil {
    pub fn new() -> FairGil {
        FairGil::default()
    }

    /// How many threads hold a ticket and wait for their turn.
    pub fn waiting(&self) -> u64 {
        let tickets = self.tickets.lock().unwrap();
        (tickets.next - tickets.serving).saturating_sub(1)
    }

    /// Takes a ticket and waits for its turn.
    pub fn take(&self) -> Turn<'_> {
        self.wait_for(self.take_ticket())
    }
}

impl<'a> Turn<'a> {
    /// Lets the other threads have a turn, as CPython makes a thread do
    /// when its switch interval is up, and returns this thread's next turn.
    /// The ticket is taken before this turn ends: a thread that keeps
    /// switching is always in the queue.
    pub fn switch(self) -> Turn<'a> {
        let gil = self.gil;
        let ticket = gil.take_ticket();
        drop(self); // the turn ends here
        gil.wait_for(ticket)
    }
}

impl FairGil {
    /// Takes the next ticket and returns its number.
    pub fn take_ticket(&self) -> u64 {
        // Your code here: hand out the number on the next ticket.
        0
    }

    /// Waits until `ticket` is called, and returns the turn.
    pub fn wait_for(&self, ticket: u64) -> Turn<'_> {
        // Your code here: wait until `ticket` is being served.
        // (This placeholder is Listing 5-1's unfair lock.)
        let _ = ticket;
        Turn {
            gil: self,
            interpreter: self.interpreter.lock().unwrap(),
        }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        // Your code here: call the next ticket.
        let _ = &self.gil.next_please;
    }
}

/// Two CPU-bound threads, A and B, each running 200 turns of 1,000
/// bytecodes. Returns the owner of each turn, in order.
pub fn two_threads(gil: &FairGil) -> String {
    let turns = Mutex::new(String::new());
    let start = Barrier::new(2); // neither thread starts before the other exists
    thread::scope(|s| {
        for name in ['A', 'B'] {
            let (turns, start) = (&turns, &start);
            s.spawn(move || {
                start.wait();
                let mut turn = gil.take();
                for batch in 0..200 {
                    for i in 0..1_000 {
                        turn.execute(batch * 1_000 + i);
                    }
                    turns.lock().unwrap().push(name);
                    turn = turn.switch();
                }
                drop(turn); // the last turn ends here
            });
        }
    });
    turns.into_inner().unwrap()
}

/// How many times the GIL went to the other thread, and the most turns in
/// a row that one thread had.
pub fn handovers_and_longest_run(turns: &str) -> (usize, usize) {
    let runs: Vec<usize> = turns
        .as_bytes()
        .chunk_by(|a, b| a == b)
        .map(|run| run.len())
        .collect();
    (
        runs.len().saturating_sub(1),
        runs.into_iter().max().unwrap_or(0),
    )
}

pub fn main() {
    let turns = two_threads(&FairGil::new());
    let (handovers, longest) = handovers_and_longest_run(&turns);
    println!("the first 40 of {} turns: {}", turns.len(), &turns[..40]);
    println!("{handovers} handovers; most turns in a row: {longest}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    /// Waits until `gil.waiting()` is `n`, 5 s at most.
    fn until_waiting(gil: &FairGil, n: u64) {
        let t0 = Instant::now();
        while gil.waiting() != n {
            assert!(
                t0.elapsed() < Duration::from_secs(5),
                "no thread took a ticket: {} waiting, not {n}",
                gil.waiting()
            );
            thread::sleep(Duration::from_millis(1));
        }
    }

    /// Runs `f` on a thread of its own and returns what it returns; fails
    /// if it has not returned within 10 s.
    fn within_10s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (done, finished) = mpsc::channel();
        thread::spawn(move || done.send(f()));
        finished.recv_timeout(Duration::from_secs(10)).expect(
            "not finished within 10 s (or a panic): is a thread stuck waiting for its turn?",
        )
    }

    #[test]
    fn the_turns_go_in_the_order_the_threads_asked() {
        let order = within_10s(|| {
            let gil = FairGil::new();
            let order = Mutex::new(String::new());
            let turn = |name| {
                let _turn = gil.take();
                order.lock().unwrap().push(name);
            };
            thread::scope(|s| {
                let mine = gil.take();
                assert_eq!(gil.waiting(), 0, "one thread, its turn, nobody waiting");
                s.spawn(|| turn('B'));
                until_waiting(&gil, 1);
                s.spawn(|| turn('C'));
                until_waiting(&gil, 2);
                // A lets go and asks again at once. B and C asked first.
                drop(mine);
                turn('A');
            });
            assert_eq!(gil.waiting(), 0, "a ticket left waiting");
            order.into_inner().unwrap()
        });
        assert_eq!(order, "BCA");
    }

    #[test]
    fn one_thread_at_a_time_and_nobody_stuck() {
        // Four threads take 500 turns each: a lost wake-up would leave a
        // thread waiting for ever.
        let (most, turns, waiting) = within_10s(|| {
            let gil = FairGil::new();
            let (inside, most, turns) = (
                AtomicUsize::new(0),
                AtomicUsize::new(0),
                AtomicUsize::new(0),
            );
            thread::scope(|s| {
                for t in 0..4 {
                    let (gil, inside, most, turns) = (&gil, &inside, &most, &turns);
                    s.spawn(move || {
                        let mut turn = gil.take();
                        for i in 0..500 {
                            most.fetch_max(inside.fetch_add(1, SeqCst) + 1, SeqCst);
                            turn.execute(t * 1_000 + i);
                            turns.fetch_add(1, SeqCst);
                            inside.fetch_sub(1, SeqCst);
                            // Every other turn ends, the others switch.
                            turn = if i % 2 == 0 {
                                turn.switch()
                            } else {
                                drop(turn);
                                gil.take()
                            };
                        }
                    });
                }
            });
            (most.into_inner(), turns.into_inner(), gil.waiting())
        });
        assert_eq!(most, 1, "two threads had a turn at the same time");
        assert_eq!((turns, waiting), (2_000, 0), "(turns taken, left waiting)");
    }

    #[test]
    fn two_threads_that_switch_alternate() {
        let order = within_10s(|| {
            let gil = FairGil::new();
            let order = Mutex::new(String::new());
            let fifty_turns = |name, mut turn: Turn| {
                for _ in 0..50 {
                    order.lock().unwrap().push(name);
                    turn = turn.switch();
                }
            };
            thread::scope(|s| {
                let mine = gil.take();
                s.spawn(|| fifty_turns('B', gil.take()));
                until_waiting(&gil, 1);
                // From here on each thread, when it switches, is queued
                // behind the other, whatever the scheduler does.
                fifty_turns('A', mine);
            });
            order.into_inner().unwrap()
        });
        assert_eq!(order, "AB".repeat(50));
    }
}
