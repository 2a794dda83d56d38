//! Exercise 10-2, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises join`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/event_loop/exercise_join.rs` (setup, `main`, tests) and the chapter `src/event-loop.md` (the
//! stub). To start again: `git checkout exercises/src/event_loop/join.rs`.
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

/// Both futures, each boxed so that it stays pinned where it is, and the
/// output of each once it has finished.
pub struct Join<A: Future, B: Future> {
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    a_out: Option<A::Output>,
    b_out: Option<B::Output>,
}

// `Join` never pins its outputs, so moving it is safe: this lets `poll`
// use `get_mut`.
impl<A: Future, B: Future> Unpin for Join<A, B> {}

pub fn join<A: Future, B: Future>(a: A, b: B) -> Join<A, B> {
    let (a, b) = (Box::pin(a), Box::pin(b));
    let (a_out, b_out) = (None, None);
    Join { a, b, a_out, b_out }
}

/// Listing 10-1's `NotYet`: not ready at the first poll, ready at the next.
#[derive(Default)]
pub struct NotYet(bool);

impl Future for NotYet {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref(); // poll me again
        Poll::Pending
    }
}

impl<A: Future, B: Future> Future for Join<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Your code here: poll whichever of `a` and `b` has not finished.
        let _ = (self.get_mut(), cx);
        Poll::Pending
    }
}

pub async fn steps(name: &'static str, n: usize) -> &'static str {
    for step in 1..=n {
        println!("  {name} step {step}");
        NotYet::default().await;
    }
    name
}

pub fn main() {
    let mut both = pin!(join(steps("a", 2), steps("b", 3)));
    let mut cx = Context::from_waker(Waker::noop());
    for i in 1..=5 {
        let poll = both.as_mut().poll(&mut cx);
        println!("poll {i} returned {poll:?}");
        if poll.is_ready() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{NotYet, join, steps};
    use std::cell::Cell;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    /// Polls `future` until it is ready, at most `max` times; returns the
    /// output and how many polls it took.
    fn poll_up_to<F: Future>(future: F, max: usize) -> Option<(F::Output, usize)> {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        for i in 1..=max {
            if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return Some((out, i));
            }
        }
        None
    }

    /// A future of `n` steps is ready at its poll n + 1; two of them, side
    /// by side, at the longer one's. (An `async fn` polled again after it
    /// finished panics: so does this test, if `join` does that.)
    #[test]
    fn both_run_side_by_side_and_each_finishes_once() {
        let out = poll_up_to(join(steps("a", 1), steps("b", 3)), 10);
        assert_eq!(out, Some((("a", "b"), 4)), "(outputs, polls)");
        let out = poll_up_to(join(steps("a", 3), steps("b", 0)), 10);
        assert_eq!(out, Some((("a", "b"), 4)), "(outputs, polls)");
        let out = poll_up_to(join(async { 1 }, async { 2 }), 10);
        assert_eq!(out, Some(((1, 2), 1)), "two ready futures: one poll");
    }

    /// `a` waits for something `b` does only once polled: a `join` that
    /// ran `a` to its end before polling `b` would never finish.
    #[test]
    fn both_are_polled_from_the_first_poll() {
        let b_started = Cell::new(false);
        let a = async {
            while !b_started.get() {
                NotYet::default().await;
            }
            "a saw b start"
        };
        let b = async {
            b_started.set(true);
            NotYet::default().await;
            "b"
        };
        let out = poll_up_to(join(a, b), 10);
        assert_eq!(out, Some((("a saw b start", "b"), 2)), "(outputs, polls)");
    }
}
