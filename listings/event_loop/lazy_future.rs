//! A future does nothing until something polls it, and each poll runs it
//! only as far as the next `.await` that is not ready.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

// ANCHOR: not_yet
/// A future that is not ready the first time it is polled, and ready the
/// second time: the smallest possible wait.
pub struct NotYet {
    polled: bool,
}

impl Future for NotYet {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.polled {
            Poll::Ready(())
        } else {
            self.polled = true;
            Poll::Pending
        }
    }
}
// ANCHOR_END: not_yet

// ANCHOR: steps
pub async fn two_steps() -> u32 {
    println!("  step 1");
    NotYet { polled: false }.await;
    println!("  step 2");
    42
}
// ANCHOR_END: steps

// ANCHOR: main
pub fn main() {
    let mut future = Box::pin(two_steps());
    println!("future created");

    // A waker is how a future asks to be polled again. This one does
    // nothing: here we poll by hand.
    let mut cx = Context::from_waker(Waker::noop());
    let first = future.as_mut().poll(&mut cx);
    println!("poll 1 returned {first:?}");
    let second = future.as_mut().poll(&mut cx);
    println!("poll 2 returned {second:?}");

    assert_eq!((first, second), (Poll::Pending, Poll::Ready(42)));
}
// ANCHOR_END: main
