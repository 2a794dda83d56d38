//! Exercise 8-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises withdraw`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/shared_state/exercise_withdraw.rs` (setup, `main`, tests) and the chapter `src/shared-state.md` (the
//! stub). To start again: `git checkout exercises/src/shared_state/withdraw.rs`.
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

pub fn withdraw(account: &AtomicU64, amount: u64) -> bool {
    // Your code here: take `amount` out only if the balance covers it.
    let _ = (account, amount);
    false
}

pub fn main() {
    let (made, left) = rush(1_000, 4, 100, 7);
    println!("4 threads tried 400 withdrawals of 7 from 1000");
    println!(
        "made {made}, left {left}: {made} × 7 + {left} = {}",
        made * 7 + left
    );
}

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
