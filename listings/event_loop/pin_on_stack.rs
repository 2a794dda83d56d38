//! Pinning a future on the stack with `pin!`, then polling it by hand.
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

async fn answer() -> u32 {
    42
}

/// Polls `answer()` once, pinned on the stack.
pub fn poll_once() -> Poll<u32> {
    // `pin!` moves the future into a place it will not leave, and gives a
    // `Pin<&mut _>` to it: no heap allocation, unlike `Box::pin`.
    let mut future = pin!(answer());
    let mut cx = Context::from_waker(Waker::noop());
    future.as_mut().poll(&mut cx)
}

pub fn main() {
    println!("{:?}", poll_once());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_future_pinned_on_the_stack_polls_ready() {
        assert_eq!(poll_once(), Poll::Ready(42));
    }
}
