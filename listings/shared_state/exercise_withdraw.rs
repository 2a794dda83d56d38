//! Exercise 8-1: withdraw without overdrawing. Many threads take money out
//! of one account, whose balance is an `AtomicU64`; a withdrawal must be
//! refused when the balance does not cover it, however the threads
//! interleave. The chapter shows the starter (the `setup` and `main`
//! anchors around a stub written on the page) and, folded, the solution.
// ANCHOR: setup
// Under `cargo test` the tests at the bottom of this file run your code
// under loom, which tries every interleaving: loom's atomics and threads
// then stand in for std's.
#[cfg(test)]
use loom::{
    sync::{Arc, atomic::AtomicU64},
    thread,
};
use std::sync::atomic::Ordering::Relaxed;
#[cfg(not(test))]
use std::{
    sync::{Arc, atomic::AtomicU64},
    thread,
};

/// `threads` threads each try `tries` times to withdraw `amount` from one
/// account that holds `balance`. Returns how many withdrawals were made,
/// and the balance left.
pub fn rush(balance: u64, threads: u64, tries: u64, amount: u64) -> (u64, u64) {
    let account = Arc::new(AtomicU64::new(balance));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let account = account.clone();
            thread::spawn(move || {
                let made = (0..tries).filter(|_| withdraw(&account, amount)).count();
                made as u64
            })
        })
        .collect();
    let made = handles.into_iter().map(|h| h.join().unwrap()).sum();
    (made, account.load(Relaxed))
}
// ANCHOR_END: setup

// ANCHOR: solution
/// Takes `amount` out of `account` and returns true if the balance covers
/// it; otherwise leaves the balance alone and returns false. The balance
/// never goes below zero, whatever other threads do at the same time.
pub fn withdraw(account: &AtomicU64, amount: u64) -> bool {
    let mut seen = account.load(Relaxed);
    loop {
        if seen < amount {
            return false; // the balance we saw last does not cover it
        }
        // Write `seen - amount` only if the balance is still `seen`: the
        // check and the write are one indivisible step.
        match account.compare_exchange(seen, seen - amount, Relaxed, Relaxed) {
            Ok(_) => return true,
            Err(now) => seen = now, // another thread got in first: check again
        }
    }
}
// ANCHOR_END: solution

// ANCHOR: main
pub fn main() {
    let (made, left) = rush(1_000, 4, 100, 7);
    println!("4 threads tried 400 withdrawals of 7 from 1000");
    println!(
        "made {made}, left {left}: {made} × 7 + {left} = {}",
        made * 7 + left
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::rush;

    /// Two threads each withdraw 60 from 100: in every interleaving, one
    /// is refused and 40 is left.
    #[test]
    fn only_one_of_two_withdrawals_fits() {
        loom::model(|| {
            let (made, left) = rush(100, 2, 1, 60);
            assert_eq!(
                (made, left),
                (1, 40),
                "two withdrawals of 60 from 100: want 1 made and 40 left"
            );
        });
    }

    /// Two withdrawals that both fit are both made, in every interleaving:
    /// a withdrawal is not refused just because another came between.
    #[test]
    fn withdrawals_that_fit_are_all_made() {
        loom::model(|| {
            let (made, left) = rush(100, 2, 2, 25);
            assert_eq!(
                (made, left),
                (4, 0),
                "four withdrawals of 25 from 100: want all 4 made"
            );
        });
    }

    /// Two threads try twice each to withdraw 30 from 100: in every
    /// interleaving, exactly the three that fit are made.
    #[test]
    fn no_more_than_the_balance_is_taken() {
        loom::model(|| {
            let (made, left) = rush(100, 2, 2, 30);
            assert_eq!(
                (made, left),
                (3, 10),
                "four withdrawals of 30 from 100: want 3 made and 10 left"
            );
        });
    }
}
