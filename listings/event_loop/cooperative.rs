//! Cooperative multitasking: on one thread, control changes hands only
//! where a task awaits something that is not ready. Runs on the executor of
//! Listing 10-4 (`executor.rs`).
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// The executor of Listing 10-4, from this book's crate.
use concurrency_measured::event_loop::executor::Executor;

// ANCHOR: yield_now
/// A future that is not ready the first time it is polled, and asks to be
/// polled again at once: it hands the thread to the next task in the queue.
pub struct YieldNow {
    yielded: bool,
}

pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref(); // back of the run queue
        Poll::Pending
    }
}
// ANCHOR_END: yield_now

// ANCHOR: tasks
/// Does its work in rounds and steps aside after each one.
pub async fn polite(name: &'static str, rounds: u32, log: Log) {
    for round in 0..rounds {
        log.borrow_mut().push(format!("{name} {round}"));
        yield_now().await;
    }
}

/// Does the same work without ever awaiting: nothing can interrupt it.
pub async fn greedy(name: &'static str, rounds: u32, log: Log) {
    for round in 0..rounds {
        log.borrow_mut().push(format!("{name} {round}"));
    }
}

/// What the tasks did, in order. Every task runs on this one thread, so a
/// plain `Rc<RefCell<...>>` is enough to share it.
pub type Log = std::rc::Rc<RefCell<Vec<String>>>;

pub fn run(spawn: impl FnOnce(&mut Executor, &Log)) -> Vec<String> {
    let log = Log::default();
    let mut executor = Executor::default();
    spawn(&mut executor, &log);
    executor.run();
    log.take()
}
// ANCHOR_END: tasks

// ANCHOR: main
pub fn main() {
    let turns = run(|ex, log| {
        ex.spawn(polite("A", 3, log.clone()));
        ex.spawn(polite("B", 3, log.clone()));
    });
    println!("two polite tasks: {}", turns.join(", "));
    assert_eq!(turns, ["A 0", "B 0", "A 1", "B 1", "A 2", "B 2"]);

    let turns = run(|ex, log| {
        ex.spawn(greedy("G", 3, log.clone()));
        ex.spawn(polite("B", 3, log.clone()));
    });
    println!("greedy and polite: {}", turns.join(", "));
    assert_eq!(turns, ["G 0", "G 1", "G 2", "B 0", "B 1", "B 2"]);
}
// ANCHOR_END: main
