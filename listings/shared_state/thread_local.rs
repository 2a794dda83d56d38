//! A variable of which every thread has its own copy: `thread_local!`.
//! Nothing is shared, so nothing needs a lock or an atomic.
use std::cell::Cell;
use std::thread;

// ANCHOR: local
thread_local! {
    /// Calls made on this thread; each thread's copy starts at 0.
    static CALLS: Cell<u64> = const { Cell::new(0) };
}

pub fn record_call() {
    CALLS.with(|calls| calls.set(calls.get() + 1));
}

pub fn calls_on_this_thread() -> u64 {
    CALLS.with(Cell::get)
}

pub fn main() {
    let counts: Vec<u64> = thread::scope(|s| {
        let threads: Vec<_> = (1..=3)
            .map(|i| {
                s.spawn(move || {
                    (0..i * 1_000).for_each(|_| record_call());
                    calls_on_this_thread()
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    println!("each thread counted its own calls: {counts:?}");
    println!(
        "calls counted on the main thread: {}",
        calls_on_this_thread()
    );
}
// ANCHOR_END: local

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_thread_sees_only_its_own_count() {
        let before = calls_on_this_thread();
        record_call();
        let other = thread::spawn(|| {
            record_call();
            record_call();
            calls_on_this_thread()
        })
        .join()
        .unwrap();
        assert_eq!(other, 2);
        assert_eq!(calls_on_this_thread(), before + 1);
    }
}
