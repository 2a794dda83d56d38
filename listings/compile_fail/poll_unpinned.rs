// Polls a future that is not pinned: `poll` takes `self: Pin<&mut Self>`,
// and a plain `&mut` future is not that.
use std::future::Future;
use std::task::{Context, Waker};

async fn answer() -> u32 {
    42
}

fn main() {
    let mut future = answer();
    let mut cx = Context::from_waker(Waker::noop());
    let _ = future.poll(&mut cx);
}
