//! An executor written from scratch: a run queue, a waker and a timer,
//! running many sleeping tasks concurrently on one thread. Standard
//! library only.
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: timer
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
// ANCHOR_END: timer

// ANCHOR: waker
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
// ANCHOR_END: waker

// ANCHOR: executor
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
// ANCHOR_END: executor

// ANCHOR: main
pub async fn task(id: usize, wait: Duration, t0: Instant) {
    let began = t0.elapsed();
    sleep(wait).await;
    println!(
        "task {id} on {:?}: {:>4} ms -> {:>4} ms",
        thread::current().id(),
        began.as_millis(),
        t0.elapsed().as_millis()
    );
}

/// `n` waiting tasks, all on this thread, on our own executor.
pub fn on_our_executor(n: usize, wait: Duration, t0: Instant) {
    let mut executor = Executor::default();
    for id in 0..n {
        executor.spawn(task(id, wait, t0));
    }
    executor.run();
}

pub fn main() {
    let t0 = Instant::now();
    on_our_executor(10, Duration::from_millis(100), t0);
    println!("10 tasks on our executor: {:?}", t0.elapsed());
}
// ANCHOR_END: main
