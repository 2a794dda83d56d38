//! The transfers of `deadlock.rs`, with the deadlock fixed: every transfer
//! takes the two locks in one global order, the account with the lower id
//! first, whichever way the money goes.
// Under `cargo test` this file's own tests run it under loom, a model
// checker: loom's Mutex and threads then stand in for std's.
#[cfg(test)]
use loom::{sync::Mutex, thread};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;
#[cfg(not(test))]
use std::{sync::Mutex, thread};

pub struct Account {
    pub id: u32,
    pub balance: Mutex<i64>,
}

// ANCHOR: transfer
/// Moves `amount` from one account to another: locks the account with the
/// lower id first.
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    // New: the order of the locks no longer depends on the direction.
    let from_first = from.id < to.id;
    let (first, second) = if from_first { (from, to) } else { (to, from) };
    let mut first = first.balance.lock().unwrap();
    let mut second = second.balance.lock().unwrap();
    let (from_balance, to_balance) = if from_first {
        (&mut *first, &mut *second)
    } else {
        (&mut *second, &mut *first)
    };
    *from_balance -= amount;
    *to_balance += amount;
}
// ANCHOR_END: transfer

// ANCHOR: both_ways
/// Two threads make `times` transfers each between `a` and `b`: one from a
/// to b, the other from b to a. Each sends a message on `finished` when it
/// is done, and `made` counts the transfers made so far.
pub fn both_ways(
    a: Arc<Account>,
    b: Arc<Account>,
    times: u64,
    made: Arc<AtomicU64>,
    finished: mpsc::Sender<()>,
) -> [thread::JoinHandle<()>; 2] {
    [(a.clone(), b.clone()), (b, a)].map(|(from, to)| {
        let (made, finished) = (made.clone(), finished.clone());
        thread::spawn(move || {
            for _ in 0..times {
                transfer(&from, &to, 1);
                made.fetch_add(1, Relaxed);
            }
            finished.send(()).unwrap();
        })
    })
}
// ANCHOR_END: both_ways

pub fn accounts() -> (Arc<Account>, Arc<Account>) {
    let account = |id| {
        Arc::new(Account {
            id,
            balance: Mutex::new(1_000),
        })
    };
    (account(1), account(2))
}

// ANCHOR: main
/// Runs the transfers under a watchdog, which checks every 250 ms that the
/// threads are still making transfers. Returns true if they stopped.
pub fn main_reports_deadlock() -> bool {
    let (a, b) = accounts();
    let balances = (a.clone(), b.clone());
    let made = Arc::new(AtomicU64::new(0));
    let (finished, watchdog) = mpsc::channel();
    // The handles are dropped: a stuck thread could never be joined.
    drop(both_ways(a, b, 100_000, made.clone(), finished));
    let (mut done, mut last) = (0, 0);
    while done < 2 {
        match watchdog.recv_timeout(Duration::from_millis(250)) {
            Ok(()) => done += 1,
            Err(RecvTimeoutError::Timeout) => {
                let now = made.load(Relaxed);
                if now == last {
                    println!("deadlock: no transfer in 250 ms, stuck at {now} of 200000");
                    return true; // the stuck threads end when the process does
                }
                last = now;
            }
            Err(RecvTimeoutError::Disconnected) => panic!("a transfer thread panicked"),
        }
    }
    let (a, b) = balances;
    let (a, b) = (*a.balance.lock().unwrap(), *b.balance.lock().unwrap());
    println!("both threads finished: {made:?} transfers, balances {a} and {b}");
    false
}

pub fn main() {
    main_reports_deadlock();
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::{Arc, AtomicU64, mpsc};

    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    // ANCHOR: model
    /// The model of `deadlock.rs`, which now finds no deadlock: every
    /// interleaving ends, with the money where it started.
    #[test]
    fn loom_finds_no_deadlock() {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        loom::model(|| {
            RUNS.fetch_add(1, Relaxed);
            let (a, b) = super::accounts();
            let made = Arc::new(AtomicU64::new(0));
            let (finished, _watchdog) = mpsc::channel();
            for t in super::both_ways(a.clone(), b.clone(), 1, made, finished) {
                t.join().unwrap();
            }
            assert_eq!(*a.balance.lock().unwrap(), 1_000);
            assert_eq!(*b.balance.lock().unwrap(), 1_000);
        });
        println!("all {} interleavings finished", RUNS.load(Relaxed));
        // ANCHOR_END: model
        // The page shows the line a run printed (`cargo xtask outputs`).
        crate::page::shows(
            "listings/shared_state/lock_order.model.output.txt",
            &format!("all {} interleavings finished\n", RUNS.load(Relaxed)),
        );
        // ANCHOR: model
    }
    // ANCHOR_END: model
}
