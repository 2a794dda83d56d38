//! Claims of chapter 10, "Coroutines and the event loop".
use concurrency_measured::{event_loop, sync_async};
use std::time::{Duration, Instant};

use super::{Measured, Measurement, ratio};
use crate::timing::interleaved;

pub const CLAIMS: &[Measurement] = &[("executor", executor)];

const WAIT: Duration = Duration::from_millis(100);

fn executor(broken: bool) -> Measured {
    use event_loop::executor::{Executor, on_our_executor};
    let on_our_executor = |n, wait: Duration, t0| {
        if broken {
            // Breaker: the tasks wait with std::thread::sleep, which
            // blocks the executor's one thread, not with its own sleep.
            let mut executor = Executor::default();
            for _ in 0..n {
                executor.spawn(async move { std::thread::sleep(wait) });
            }
            executor.run();
        } else {
            on_our_executor(n, wait, t0);
        }
    };
    use sync_async::sleep_sequential::one_after_another;
    ratio(interleaved(
        2,
        ("one after another", || {
            one_after_another(10, WAIT, Instant::now())
        }),
        ("on our executor, one thread", || {
            on_our_executor(10, WAIT, Instant::now())
        }),
    ))
}
