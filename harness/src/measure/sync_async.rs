//! Claims of chapter 1, "Synchronous and asynchronous; concurrency and
//! parallelism".
use concurrency_measured::sync_async;
use std::time::{Duration, Instant};

use super::{Measured, Measurement, ratio};
use crate::timing::interleaved;

pub const CLAIMS: &[Measurement] = &[("io-threads", io_threads), ("io-tokio", io_tokio)];

const WAIT: Duration = Duration::from_millis(100);

fn io_threads(broken: bool) -> Measured {
    use sync_async::{sleep_sequential::one_after_another, sleep_threads};
    let on_threads = |n, wait, t0| {
        if broken {
            // Breaker: each thread joined as soon as it is spawned.
            for id in 0..n {
                std::thread::spawn(move || sleep_threads::task(id, wait, t0))
                    .join()
                    .unwrap();
            }
        } else {
            sleep_threads::on_threads(n, wait, t0);
        }
    };
    ratio(interleaved(
        2,
        ("one after another", || {
            one_after_another(10, WAIT, Instant::now())
        }),
        ("on ten threads", || on_threads(10, WAIT, Instant::now())),
    ))
}

fn io_tokio(broken: bool) -> Measured {
    use concurrency_measured::async_pitfalls::blocking_sleep::{blocking_wait, run};
    use sync_async::{sleep_sequential::one_after_another, sleep_tokio::as_tasks};
    // As in the listing: a runtime with one thread, so the tasks take turns.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    ratio(interleaved(
        2,
        ("one after another", || {
            one_after_another(10, WAIT, Instant::now())
        }),
        ("tokio tasks on one thread", || {
            if broken {
                // Breaker: the tasks wait with std::thread::sleep, not
                // tokio::time::sleep (chapter 13's listing, ten such tasks).
                rt.block_on(run(10, WAIT, blocking_wait))
            } else {
                rt.block_on(as_tasks(10, WAIT, Instant::now()))
            }
        }),
    ))
}
