//! Cooperative multitasking: on one thread, control changes hands only
//! where a task awaits something that is not ready. Runs on the executor of
//! `executor.rs`, copied here unchanged so that this file stands alone.
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::{Duration, Instant};

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

// The executor of Listing 10-2 (`executor.rs`), unchanged.
thread_local! {
    /// The timer: every pending sleep's deadline, and the waker of the
    /// task to wake when it passes.
    static TIMERS: RefCell<Vec<(Instant, Waker)>> = const { RefCell::new(Vec::new()) };
}

/// The future `sleep` returns: ready once its deadline has passed.
pub struct Sleep {
    deadline: Instant,
}

pub fn sleep(wait: Duration) -> Sleep {
    Sleep {
        deadline: Instant::now() + wait,
    }
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        // Not yet: leave our waker with the timer, and step aside.
        let entry = (self.deadline, cx.waker().clone());
        TIMERS.with(|t| t.borrow_mut().push(entry));
        Poll::Pending
    }
}

/// The run queue holds the numbers of the tasks that are ready to run.
type RunQueue = Arc<Mutex<VecDeque<usize>>>;

/// Waking task `id` puts it back on the run queue.
struct TaskWaker {
    id: usize,
    queue: RunQueue,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.queue.lock().unwrap().push_back(self.id);
    }
}

type Task = Pin<Box<dyn Future<Output = ()>>>;

#[derive(Default)]
pub struct Executor {
    tasks: Vec<Option<Task>>,
    queue: RunQueue,
}

impl Executor {
    pub fn spawn(&mut self, task: impl Future<Output = ()> + 'static) {
        self.tasks.push(Some(Box::pin(task)));
        self.queue.lock().unwrap().push_back(self.tasks.len() - 1);
    }

    /// The event loop: runs until every task has finished.
    pub fn run(&mut self) {
        loop {
            let next = self.queue.lock().unwrap().pop_front();
            if let Some(id) = next {
                // Poll the task once: it runs until it finishes or until it
                // awaits something that is not ready.
                let Some(task) = &mut self.tasks[id] else {
                    continue; // woken after it finished
                };
                let waker = Waker::from(Arc::new(TaskWaker {
                    id,
                    queue: self.queue.clone(),
                }));
                let mut cx = Context::from_waker(&waker);
                if task.as_mut().poll(&mut cx).is_ready() {
                    self.tasks[id] = None;
                }
            } else {
                // Nothing is ready: sleep until the earliest deadline, then
                // wake every task whose deadline has passed.
                let earliest = TIMERS.with(|t| t.borrow().iter().map(|(d, _)| *d).min());
                let Some(deadline) = earliest else {
                    return; // nothing ready and nothing to wait for: done
                };
                thread::sleep(deadline.saturating_duration_since(Instant::now()));
                let now = Instant::now();
                let due: Vec<_> = TIMERS.with(|t| {
                    let mut timers = t.borrow_mut();
                    let (due, later) = timers.drain(..).partition(|(d, _)| *d <= now);
                    *timers = later;
                    due
                });
                for (_, waker) in due {
                    waker.wake();
                }
            }
        }
    }
}
