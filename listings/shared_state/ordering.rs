//! Memory ordering: data handed over through a flag, and two threads that
//! each raise a flag and look at the other's. Under `cargo test` the tests
//! run these functions under loom, whose atomics and threads then stand in
//! for std's.
#[cfg(test)]
use loom::{
    sync::Arc,
    sync::atomic::{AtomicBool, AtomicU64, fence},
    thread,
};
use std::sync::atomic::Ordering::{self, Acquire, Relaxed, Release, SeqCst};
#[cfg(not(test))]
use std::{
    sync::Arc,
    sync::atomic::{AtomicBool, AtomicU64, fence},
    thread,
};

// ANCHOR: handoff
/// A second thread writes the data, then raises the flag with a `store` of
/// the ordering given; this thread waits for the flag with a `load` of the
/// ordering given, then reads the data.
pub fn handoff(store: Ordering, load: Ordering) -> u64 {
    let data = Arc::new(AtomicU64::new(0));
    let ready = Arc::new(AtomicBool::new(false));
    let writer = {
        let (data, ready) = (Arc::clone(&data), Arc::clone(&ready));
        thread::spawn(move || {
            data.store(42, Relaxed);
            ready.store(true, store);
        })
    };
    while !ready.load(load) {
        thread::yield_now();
    }
    let seen = data.load(Relaxed);
    writer.join().unwrap();
    seen
}
// ANCHOR_END: handoff

// ANCHOR: store_buffering
/// Each thread raises its own flag, then reads the other's; with `fenced`,
/// a `SeqCst` fence stands between its store and its load. Returns whether
/// this thread saw the other's flag, and whether the other saw this one's.
pub fn store_buffering(fenced: bool) -> (bool, bool) {
    let mine = Arc::new(AtomicBool::new(false));
    let theirs = Arc::new(AtomicBool::new(false));
    let other = {
        let (mine, theirs) = (Arc::clone(&mine), Arc::clone(&theirs));
        thread::spawn(move || {
            theirs.store(true, Release);
            if fenced {
                fence(SeqCst);
            }
            mine.load(Acquire)
        })
    };
    mine.store(true, Release);
    if fenced {
        fence(SeqCst);
    }
    let saw_theirs = theirs.load(Acquire);
    (saw_theirs, other.join().unwrap())
}
// ANCHOR_END: store_buffering

// ANCHOR: main
pub fn main() {
    let runs = 2_000;
    let handed = (0..runs)
        .filter(|_| handoff(Release, Acquire) == 42)
        .count();
    println!("Release/Acquire handoff: the data arrived in {handed} of {runs} runs");
    for fenced in [false, true] {
        let missed = (0..runs)
            .filter(|_| store_buffering(fenced) == (false, false))
            .count();
        println!(
            "store buffering, fenced: {fenced}: neither saw the other in {missed} of {runs} runs"
        );
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    // ANCHOR: relaxed_model
    /// With `Relaxed` on both sides, the flag promises nothing about the
    /// data: loom finds an interleaving in which the reader sees the flag
    /// raised and still reads the data's old value.
    #[test]
    #[should_panic(expected = "read the data before it was written")]
    fn loom_finds_the_relaxed_handoff_broken() {
        loom::model(|| {
            let seen = handoff(Relaxed, Relaxed);
            assert_eq!(
                seen, 42,
                "saw the flag, but read the data before it was written"
            );
        });
    }
    // ANCHOR_END: relaxed_model

    // ANCHOR: acquire_model
    /// A `Release` store and an `Acquire` load that reads it: everything the
    /// writer did before the store is visible after the load.
    #[test]
    fn loom_finds_every_release_acquire_handoff_whole() {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        loom::model(|| {
            RUNS.fetch_add(1, Relaxed);
            assert_eq!(handoff(Release, Acquire), 42);
        });
        println!("all {} interleavings read 42", RUNS.load(Relaxed));
        // ANCHOR_END: acquire_model
        crate::page::shows(
            "listings/shared_state/ordering.acquire.output.txt",
            &format!("all {} interleavings read 42\n", RUNS.load(Relaxed)),
        );
        // ANCHOR: acquire_model
    }
    // ANCHOR_END: acquire_model

    // ANCHOR: sb_model
    /// Release and Acquire order each thread's accesses against the other
    /// thread's only through a value one reads from the other: here each
    /// thread reads the flag the other wrote, and both may read it too
    /// early. loom finds the run in which neither sees the other's flag.
    #[test]
    #[should_panic(expected = "neither thread saw the other's flag")]
    fn loom_finds_both_flags_missed_without_a_fence() {
        loom::model(|| {
            let (mine, theirs) = store_buffering(false);
            assert!(mine || theirs, "neither thread saw the other's flag");
        });
    }

    /// `SeqCst` fences are in one total order that every thread agrees on:
    /// whichever fence comes second in it is after the other thread's store,
    /// so that thread sees the flag.
    #[test]
    fn loom_finds_one_flag_seen_with_seqcst_fences() {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        loom::model(|| {
            RUNS.fetch_add(1, Relaxed);
            let (mine, theirs) = store_buffering(true);
            assert!(mine || theirs, "neither thread saw the other's flag");
        });
        println!(
            "all {} interleavings saw at least one flag",
            RUNS.load(Relaxed)
        );
        // ANCHOR_END: sb_model
        crate::page::shows(
            "listings/shared_state/ordering.fenced.output.txt",
            &format!(
                "all {} interleavings saw at least one flag\n",
                RUNS.load(Relaxed)
            ),
        );
        // ANCHOR: sb_model
    }
    // ANCHOR_END: sb_model
}
