//! What chapter 8, "Shared state", says about its listings, checked. (Lost
//! and exact updates are claims in claims.rs; the loom models are the
//! listings' own tests; the deadlock, which only the end of a process can
//! undo, and printing to real standard output are in own_process.rs.)
use concurrency_measured::shared_state::contention::{Counters, time_per_op};

#[test]
fn every_kind_of_counter_counts_exactly_under_contention() {
    let c = Counters::new();
    time_per_op(2, 10_000, || c.atomic_add());
    time_per_op(2, 10_000, || c.mutex_add());
    time_per_op(2, 10_000, || c.rwlock_add());
    time_per_op(2, 10_000, || {
        c.rwlock_read();
    });
    assert_eq!(c.atomic.into_inner(), 20_000);
    assert_eq!(c.mutex.into_inner().unwrap(), 20_000);
    assert_eq!(c.rwlock.into_inner().unwrap(), 20_000);
}
