//! A thread panics halfway through an update it makes under a lock: the
//! `Mutex` is poisoned, and every later `lock` says so.
use std::sync::{Mutex, PoisonError};
use std::thread;

/// Two accounts that together always hold 1,000, as long as every transfer
/// finishes.
#[derive(Debug)]
pub struct Accounts {
    pub a: u64,
    pub b: u64,
}

// ANCHOR: poison
/// Moves `amount` from `a` to `b` under the lock, but panics between the
/// two steps when `fail` is set: the guard is dropped during the unwinding,
/// and the `Mutex` marks itself poisoned.
pub fn transfer(accounts: &Mutex<Accounts>, amount: u64, fail: bool) {
    let mut guard = accounts.lock().unwrap();
    guard.a -= amount;
    if fail {
        panic!("the transfer failed halfway");
    }
    guard.b += amount;
}

pub fn main() {
    let accounts = Mutex::new(Accounts { a: 1_000, b: 0 });
    thread::scope(|s| {
        let failed = s.spawn(|| transfer(&accounts, 300, true)).join();
        println!("the transfer's thread panicked: {}", failed.is_err());
    });
    // Every later `lock` returns an error that still carries the guard.
    match accounts.lock() {
        Ok(_) => println!("not poisoned"),
        Err(poisoned) => {
            let mut guard = poisoned.into_inner();
            println!("poisoned; the data: {:?}", *guard);
            // Only code that knows how to repair the data should go on.
            guard.b = 1_000 - guard.a;
            println!("repaired: {:?}", *guard);
        }
    }
    accounts.clear_poison();
    println!(
        "after clear_poison, lock() is ok: {}",
        accounts.lock().is_ok()
    );
    // Ignoring the poison is one line, and throws that check away.
    let total = {
        let guard = accounts.lock().unwrap_or_else(PoisonError::into_inner);
        guard.a + guard.b
    };
    println!("total: {total}");
}
// ANCHOR_END: poison

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_under_the_lock_poisons_it_and_into_inner_sees_the_half_update() {
        let accounts = Mutex::new(Accounts { a: 1_000, b: 0 });
        let failed = thread::scope(|s| s.spawn(|| transfer(&accounts, 300, true)).join());
        assert!(failed.is_err());
        assert!(accounts.is_poisoned());
        let guard = accounts.lock().unwrap_err().into_inner();
        assert_eq!((guard.a, guard.b), (700, 0), "the transfer stopped halfway");
        drop(guard);
        accounts.clear_poison();
        assert!(accounts.lock().is_ok());
    }

    #[test]
    fn a_transfer_that_finishes_leaves_the_lock_clean() {
        let accounts = Mutex::new(Accounts { a: 1_000, b: 0 });
        transfer(&accounts, 300, false);
        assert!(!accounts.is_poisoned());
        let guard = accounts.lock().unwrap();
        assert_eq!((guard.a, guard.b), (700, 300));
    }
}
