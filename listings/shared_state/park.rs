//! A thread that waits for another without spinning: `thread::park` puts it
//! to sleep until some thread calls `unpark` on it.
use std::sync::atomic::{AtomicBool, Ordering::*};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: park
/// Waits, asleep, until `ready` is set; returns how many times it parked.
pub fn wait_for(ready: &AtomicBool) -> u32 {
    let mut parks = 0;
    // `park` may return without an `unpark` (a spurious wakeup), so the
    // condition is checked again each time it returns.
    while !ready.load(Acquire) {
        thread::park();
        parks += 1;
    }
    parks
}

pub fn main() {
    let ready = AtomicBool::new(false);
    let start = Instant::now();
    thread::scope(|s| {
        let waiter = s.spawn(|| {
            let parks = wait_for(&ready);
            println!(
                "woken after {:.0?}, having parked {parks} time(s)",
                start.elapsed()
            );
        });
        thread::sleep(Duration::from_millis(100));
        ready.store(true, Release);
        waiter.thread().unpark();
    });
}
// ANCHOR_END: park

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unpark_before_the_park_is_kept_for_it() {
        // The token: an unpark with no one parked makes the next park
        // return at once, so a wakeup sent early is not lost.
        thread::current().unpark();
        let start = Instant::now();
        thread::park();
        assert!(start.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn the_waiter_sleeps_until_it_is_unparked() {
        let ready = AtomicBool::new(false);
        let start = Instant::now();
        let parks = thread::scope(|s| {
            let waiter = s.spawn(|| wait_for(&ready));
            thread::sleep(Duration::from_millis(50));
            ready.store(true, Release);
            waiter.thread().unpark();
            waiter.join().unwrap()
        });
        assert!(start.elapsed() >= Duration::from_millis(50));
        assert!(parks >= 1, "it returned before the flag was set");
    }
}
