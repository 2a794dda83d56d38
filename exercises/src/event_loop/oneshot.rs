//! Exercise 10-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises oneshot`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/event_loop/exercise_oneshot.rs` (setup, `main`, tests) and the chapter `src/event-loop.md` (the
//! stub). To start again: `git checkout exercises/src/event_loop/oneshot.rs`.
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;

/// What the two ends share: the value, once sent, and the waker of the
/// task that waits for it, once it has polled.
struct Shared<T> {
    value: Option<T>,
    waker: Option<Waker>,
}

/// The sending end: sends one value, from any thread.
pub struct Sender<T> {
    shared: Arc<Mutex<Shared<T>>>,
}

/// The receiving end, a future: ready with the value once it is sent.
pub struct Receiver<T> {
    shared: Arc<Mutex<Shared<T>>>,
}

pub fn oneshot<T>() -> (Sender<T>, Receiver<T>) {
    let shared = Arc::new(Mutex::new(Shared {
        value: None,
        waker: None,
    }));
    let sender = Sender {
        shared: shared.clone(),
    };
    (sender, Receiver { shared })
}

impl<T> Sender<T> {
    pub fn send(self, value: T) {
        // Your code here: store the value, and wake the waiting task.
        let _ = (&self.shared, value);
    }
}

impl<T> Future for Receiver<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // Your code here: the value if it has come; if not, leave the waker.
        let _ = (&self.shared, cx);
        Poll::Pending
    }
}

/// A waker that counts its wake-ups.
#[derive(Default)]
pub struct CountWakes(AtomicUsize);

impl Wake for CountWakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

pub fn main() {
    let (tx, mut rx) = oneshot::<u32>();
    let count = Arc::new(CountWakes::default());
    let waker = Waker::from(count.clone());
    let mut cx = Context::from_waker(&waker);
    println!("poll 1: {:?}", Pin::new(&mut rx).poll(&mut cx));
    thread::spawn(move || tx.send(42)).join().unwrap();
    let wakes = count.0.load(Ordering::SeqCst);
    println!("another thread sent 42; the task was woken {wakes} time(s)");
    println!("poll 2: {:?}", Pin::new(&mut rx).poll(&mut cx));
}

#[cfg(test)]
mod tests {
    use super::{CountWakes, oneshot};
    use std::future::Future;
    use std::pin::{Pin, pin};
    use std::sync::atomic::Ordering;
    use std::sync::{Arc, mpsc};
    use std::task::{Context, Poll, Wake, Waker};
    use std::thread::{self, Thread};
    use std::time::Duration;

    fn counting_waker() -> (Arc<CountWakes>, Waker) {
        let count = Arc::new(CountWakes::default());
        (count.clone(), Waker::from(count))
    }

    fn wakes(count: &CountWakes) -> usize {
        count.0.load(Ordering::SeqCst)
    }

    #[test]
    fn pending_until_sent_then_woken_once_then_ready() {
        let (tx, mut rx) = oneshot::<&str>();
        let (count, waker) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        assert_eq!(Pin::new(&mut rx).poll(&mut cx), Poll::Pending);
        assert_eq!(wakes(&count), 0, "woken before anything was sent");
        tx.send("hello");
        assert_eq!(wakes(&count), 1, "send must wake the waiting task once");
        assert_eq!(Pin::new(&mut rx).poll(&mut cx), Poll::Ready("hello"));
    }

    #[test]
    fn a_value_sent_before_the_first_poll_is_ready_at_once() {
        let (tx, mut rx) = oneshot::<u32>();
        tx.send(7);
        let (count, waker) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        assert_eq!(Pin::new(&mut rx).poll(&mut cx), Poll::Ready(7));
        assert_eq!(wakes(&count), 0);
    }

    /// A task may be polled with a different waker each time (tokio moves
    /// tasks between threads): the waker of the latest poll is the one to
    /// wake.
    #[test]
    fn send_wakes_the_waker_of_the_latest_poll() {
        let (tx, mut rx) = oneshot::<u32>();
        let (first, first_waker) = counting_waker();
        let (second, second_waker) = counting_waker();
        let poll = Pin::new(&mut rx).poll(&mut Context::from_waker(&first_waker));
        assert_eq!(poll, Poll::Pending);
        let poll = Pin::new(&mut rx).poll(&mut Context::from_waker(&second_waker));
        assert_eq!(poll, Poll::Pending);
        tx.send(1);
        assert_eq!(
            wakes(&second),
            1,
            "the latest poll's waker was not woken: keep the waker of every poll"
        );
        assert_eq!(wakes(&first), 0);
    }

    /// Wakes a thread parked in `block_on`.
    struct Unpark(Thread);

    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }

    /// The smallest real executor: polls, then sleeps until woken. A
    /// future that is never woken leaves it asleep for ever.
    fn block_on<F: Future>(future: F) -> F::Output {
        let waker = Waker::from(Arc::new(Unpark(thread::current())));
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(future);
        loop {
            if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
                return value;
            }
            thread::park();
        }
    }

    /// 200 times, a thread sends while a task waits in `block_on`, under a
    /// watchdog: a lost wake-up leaves the task asleep, and the test fails
    /// after 5 s instead of hanging.
    #[test]
    fn a_task_waiting_on_an_executor_gets_the_value_from_another_thread() {
        let (done, finished) = mpsc::channel();
        thread::spawn(move || {
            for i in 0..200u32 {
                let (tx, rx) = oneshot();
                let sender = thread::spawn(move || tx.send(i));
                assert_eq!(block_on(rx), i);
                sender.join().unwrap();
            }
            done.send(()).unwrap();
        });
        match finished.recv_timeout(Duration::from_secs(5)) {
            Ok(()) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("a task never got its value within 5 s: was it woken?")
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the receiving task panicked"),
        }
    }
}
