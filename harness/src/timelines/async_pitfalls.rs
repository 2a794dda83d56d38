//! Timelines of chapter 13, "Async pitfalls".
use super::{Figure, Panel, record, tasks};
use concurrency_measured::async_pitfalls::blocking_sleep::{async_wait, blocking_wait, run};
use std::future::Future;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const FIGURES: &[Figure] = &[Figure {
    id: "blocking-sleep-stalls",
    chapter: "async-pitfalls.md",
    number: "13-1",
    caption: "Listing 13-1's <code>run</code>: ten tasks on a current-thread runtime that \
              each wait 100 ms, with <code>std::thread::sleep</code>, then with \
              <code>tokio::time::sleep</code>, on one time axis. A lane is a task, from its \
              first poll to its end; its colour is the thread that ran it. Each task is the \
              listing's <code>blocking_wait</code> or <code>async_wait</code>, wrapped to \
              print those two times.",
    listings: &["listings/async_pitfalls/blocking_sleep.rs"],
    draw: blocking_sleep_stalls,
    expect: || {
        vec![
            ("std::thread::sleep in every task", tasks(10)),
            ("tokio::time::sleep in every task", tasks(10)),
        ]
    },
}];

const WAIT: Duration = Duration::from_millis(100);

/// The start of the current run and the next task's number. `run` takes a
/// plain function that makes a task from the wait, so the wrapper below
/// finds the run's start here rather than in a closure.
static T0: Mutex<Option<Instant>> = Mutex::new(None);
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// The listing's task, printing a task line (`task 3 on ThreadId(1): 0 ms
/// -> 100 ms`) from its first poll to its end, for `record::task_lines`.
fn traced(task: impl Future<Output = ()> + Send) -> impl Future<Output = ()> + Send {
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    let t0 = T0.lock().unwrap().expect("the run's start is set");
    async move {
        let began = t0.elapsed().as_millis();
        task.await;
        println!(
            "task {id} on {:?}: {began} ms -> {} ms",
            std::thread::current().id(),
            t0.elapsed().as_millis()
        );
    }
}

fn traced_blocking(wait: Duration) -> impl Future<Output = ()> + Send + 'static {
    traced(blocking_wait(wait))
}

fn traced_async(wait: Duration) -> impl Future<Output = ()> + Send + 'static {
    traced(async_wait(wait))
}

fn blocking_sleep_stalls() -> Vec<Panel> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let start = |t0| {
        *T0.lock().unwrap() = Some(t0);
        NEXT.store(0, Ordering::Relaxed);
    };
    vec![
        record::task_lines("std::thread::sleep in every task", |t0| {
            start(t0);
            rt.block_on(run(10, WAIT, traced_blocking));
        }),
        record::task_lines("tokio::time::sleep in every task", |t0| {
            start(t0);
            rt.block_on(run(10, WAIT, traced_async));
        }),
    ]
}
