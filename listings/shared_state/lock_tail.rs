//! Tail latency under a lock: how long one short update of a shared record
//! takes, from asking for the lock to letting it go, with one thread and
//! with many.
use hdrhistogram::Histogram;
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: latencies
/// Each of `threads` threads updates a shared record of 16 counters
/// `updates` times, under a `Mutex`: a short critical section, a fraction
/// of a microsecond. Returns how long each update took, from asking for
/// the lock to letting it go, in nanoseconds.
pub fn update_latencies(threads: usize, updates: usize) -> Histogram<u64> {
    let record = Mutex::new([0_u64; 16]);
    thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut took = Histogram::<u64>::new(3).unwrap();
                    for _ in 0..updates {
                        let asked = Instant::now();
                        for field in record.lock().unwrap().iter_mut() {
                            *field += 1;
                        }
                        took.record(asked.elapsed().as_nanos() as u64).unwrap();
                    }
                    took
                })
            })
            .collect();
        let mut all = Histogram::new(3).unwrap();
        for worker in workers {
            all.add(worker.join().unwrap()).unwrap();
        }
        all
    })
}
// ANCHOR_END: latencies

// ANCHOR: main
pub fn main() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    for threads in [1, cores, 4 * cores] {
        let h = update_latencies(threads, 200_000);
        let at = |q: f64| Duration::from_nanos(h.value_at_quantile(q));
        println!(
            "{threads} thread(s): p50 {:>8.1?}  p99 {:>8.1?}  p99.99 {:>8.1?}  max {:>8.1?}",
            at(0.5),
            at(0.99),
            at(0.9999),
            Duration::from_nanos(h.max())
        );
    }
}
// ANCHOR_END: main
