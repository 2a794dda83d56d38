//! What chapter 4, "Threads in Rust", says about its listings, checked.
//! (Its timing claims are in claims.rs.)
use concurrency_measured::threads::{arc_outlives, interleaving, join_result, time_slicing};
use std::collections::BTreeSet;

#[test]
fn join_returns_the_value_or_the_panic() {
    assert_eq!(join_result::sum_on_a_thread(vec![1, 2, 3]).unwrap(), 6);
    let panic = join_result::sum_on_a_thread(vec![]).unwrap_err();
    assert_eq!(panic.downcast_ref::<&str>(), Some(&"nothing to sum"));
}

#[test]
fn threads_that_outlive_their_caller_share_through_an_arc() {
    let handles = arc_outlives::count_letters_later("a thread lives in a process".into());
    let counts: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(counts, [1, 6, 5, 2, 1, 7]);
}

/// The order of lines between threads is up to the scheduler: over a few
/// runs it changes. Within one thread, the order is the program's.
#[test]
fn the_order_between_threads_changes_from_run_to_run() {
    let mut orders = BTreeSet::new();
    for _ in 0..20 {
        let order = interleaving::run(3, 4);
        for t in 0..3 {
            let steps: Vec<usize> = order.iter().filter(|o| o.0 == t).map(|o| o.1).collect();
            assert_eq!(steps, [0, 1, 2, 3], "thread {t}'s own steps, in order");
        }
        orders.insert(order);
        if orders.len() >= 2 {
            return;
        }
    }
    panic!("20 runs, all in one order: {orders:?}");
}

/// Two threads that never wait or yield, on one core, both make progress
/// all along and finish at about the same time: the kernel preempts each in
/// turn. Without preemption, the first would finish at half time.
#[test]
fn two_threads_on_one_core_take_turns() {
    let cpu = time_slicing::first_allowed_cpu();
    match time_slicing::two_threads(2_000_000, Some(cpu)) {
        Ok([a, b]) => {
            let (first, last) = (a.min(b), a.max(b));
            assert!(
                first.as_secs_f64() >= 0.75 * last.as_secs_f64(),
                "one thread finished at {first:?}, the other at {last:?}"
            );
        }
        Err(e) => println!("skipped: {e}"),
    }
}
