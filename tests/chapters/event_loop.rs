//! Chapter 10, "Coroutines and the event loop": the listings do what the
//! chapter says they do.
use concurrency_measured::event_loop::{cooperative, executor, lazy_future};
use std::time::{Duration, Instant};

#[test]
fn futures_are_lazy_and_run_one_await_at_a_time() {
    lazy_future::main();
}

#[test]
fn control_changes_hands_only_at_await() {
    cooperative::main();
}

#[test]
fn the_executor_overlaps_sleeps_on_one_thread() {
    let t0 = Instant::now();
    executor::on_our_executor(10, Duration::from_millis(50), t0);
    let took = t0.elapsed();
    assert!(took >= Duration::from_millis(50), "{took:?}");
    assert!(
        took < Duration::from_millis(250),
        "ten 50 ms sleeps took {took:?}"
    );
}

#[test]
fn the_executor_finishes_tasks_that_never_wait() {
    let done = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut ex = executor::Executor::default();
    for _ in 0..3 {
        let done = done.clone();
        ex.spawn(async move { done.set(done.get() + 1) });
    }
    ex.run();
    assert_eq!(done.get(), 3);
}

#[test]
fn the_executor_is_under_150_lines() {
    let text = include_str!("../../listings/event_loop/executor.rs");
    assert!(text.lines().count() < 150, "{} lines", text.lines().count());
}
