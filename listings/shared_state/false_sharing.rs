//! Counters that no two threads share can still slow each other down: a
//! core reads and writes memory a cache line (64 bytes) at a time, and two
//! counters on one line are, to the cores, one value.
use crossbeam::utils::CachePadded;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;
use std::time::Instant;

// ANCHOR: count
/// Each thread adds to its own counter, and only to it, `times` times;
/// returns the total.
fn count(counters: &[&AtomicU64], times: u64) -> u64 {
    thread::scope(|s| {
        for &counter in counters {
            s.spawn(move || {
                for _ in 0..times {
                    counter.fetch_add(1, Relaxed);
                }
            });
        }
    });
    counters.iter().map(|c| c.load(Relaxed)).sum()
}
// ANCHOR_END: count

// ANCHOR: packed
/// One counter per thread, side by side in one `Vec`: 8 bytes apart, so
/// up to eight of them share a cache line.
pub fn packed(threads: usize, times: u64) -> u64 {
    let counters: Vec<AtomicU64> = (0..threads).map(|_| AtomicU64::new(0)).collect();
    count(&counters.iter().collect::<Vec<_>>(), times)
}
// ANCHOR_END: packed

// ANCHOR: padded
/// The same, with each counter padded and aligned to a cache line of its
/// own (`CachePadded` uses 128 bytes on x86-64, where a core fetches lines
/// in pairs).
pub fn padded(threads: usize, times: u64) -> u64 {
    let counters: Vec<CachePadded<AtomicU64>> = (0..threads)
        .map(|_| CachePadded::new(AtomicU64::new(0)))
        .collect();
    count(&counters.iter().map(|c| &**c).collect::<Vec<_>>(), times)
}
// ANCHOR_END: padded

// ANCHOR: main
pub fn main() {
    let threads = thread::available_parallelism().map_or(2, |n| n.get());
    let times = 5_000_000;
    for (name, count) in [
        ("packed", packed as fn(usize, u64) -> u64),
        ("padded", padded),
    ] {
        let start = Instant::now();
        let total = count(threads, times);
        println!(
            "{name}: {total} increments on {threads} threads, {:.0?}",
            start.elapsed()
        );
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_count_every_increment() {
        assert_eq!(packed(3, 10_000), 30_000);
        assert_eq!(padded(3, 10_000), 30_000);
    }

    #[test]
    fn padded_counters_are_a_cache_line_apart() {
        let counters: Vec<CachePadded<AtomicU64>> = (0..2)
            .map(|_| CachePadded::new(AtomicU64::new(0)))
            .collect();
        let apart = (&*counters[1] as *const AtomicU64 as usize)
            - (&*counters[0] as *const AtomicU64 as usize);
        assert!(apart >= 64, "{apart} bytes apart");
    }
}
