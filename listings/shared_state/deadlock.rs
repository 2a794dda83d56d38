//! Two threads move money between two accounts in opposite directions. Each
//! transfer locks the account it takes from, then the one it pays into:
//! sooner or later each thread holds one lock and waits for the other's.
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
/// Moves `amount` from one account to another: locks `from`, then `to`.
pub fn transfer(from: &Account, to: &Account, amount: i64) {
    let mut from_balance = from.balance.lock().unwrap();
    let mut to_balance = to.balance.lock().unwrap();
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
    println!("both threads finished: no deadlock this time");
    false
}

pub fn main() {
    main_reports_deadlock();
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::{Arc, AtomicU64, mpsc};

    // ANCHOR: model
    /// loom tries the interleavings of one transfer each way, and panics
    /// with "deadlock" when it finds one in which every thread waits.
    #[test]
    #[should_panic(expected = "deadlock")]
    fn loom_finds_the_deadlock() {
        loom::model(|| {
            let (a, b) = super::accounts();
            let made = Arc::new(AtomicU64::new(0));
            let (finished, _watchdog) = mpsc::channel();
            for t in super::both_ways(a, b, 1, made, finished) {
                t.join().unwrap();
            }
        });
    }
    // ANCHOR_END: model
}
