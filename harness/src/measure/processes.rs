//! Claims of chapter 6, "Processes for parallel work".
use concurrency_measured::processes::{pass_data, worker_processes};
use std::cell::RefCell;
use std::time::Duration;

use super::{ENOUGH_TRIALS, Measured, Measurement, median_ratio, ratio};
use crate::registry::cores;
use crate::timing::{interleaved, time, until_decided};

pub const CLAIMS: &[Measurement] = &[
    ("process-speedup", process_speedup),
    ("process-data-cost", process_data_cost),
];

// The chapter's worker processes are copies of the listing's program, told
// by an environment variable that they are workers. Here they are the
// crate's `listing` program (`crate::workers`), which serves as any
// listing's worker.

/// Numbers whose primes take at least `target` to count in this process.
pub fn calibrated_numbers(target: Duration) -> Vec<u64> {
    let mut below = 20_000;
    loop {
        let numbers: Vec<u64> = (0..below).collect();
        if time(&mut || {
            worker_processes::count_primes(&numbers);
        }) >= target
        {
            return numbers;
        }
        below *= 2;
    }
}

fn process_speedup(broken: bool) -> Measured {
    use worker_processes::{count_primes, count_primes_on_processes};
    let numbers = calibrated_numbers(Duration::from_millis(150));
    let cores = cores();
    let program = crate::workers::program();
    // Breaker: one worker process in all, not one per core.
    let workers = if broken { 1 } else { cores };
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("in this process", || count_primes(&numbers)),
        ("on one worker process per core", || {
            count_primes_on_processes(&numbers, workers, &program)
        }),
    ));
    m.details = format!(
        "primes among 0..{}, {cores} cores\n{}",
        numbers.len(),
        m.details
    );
    m
}

fn process_data_cost(broken: bool) -> Measured {
    use pass_data::{ProcessReceiver, SIZE, ThreadReceiver};
    let mut process = ProcessReceiver::start(&crate::workers::program()).unwrap();
    let thread = ThreadReceiver::start();
    // Both sides hand over the same 64 MiB; the thread hands it back.
    let data = RefCell::new(vec![7u8; SIZE]);
    let to_thread = || {
        let back = thread.send(data.take());
        let len = back.len();
        *data.borrow_mut() = back;
        len
    };
    let pair = interleaved(
        5,
        ("64 MiB to a worker process, through a pipe", || {
            if broken {
                // Breaker: the data moved to a thread, as on the other side.
                to_thread()
            } else {
                process.send(&data.borrow())
            }
        }),
        ("64 MiB to a thread, by move", to_thread),
    );
    assert_eq!(data.borrow().len(), SIZE);
    let gb_per_s = SIZE as f64 / pair.a.best().as_secs_f64() / 1e9;
    let mut m = ratio(pair);
    m.details = format!("through the pipe: {gb_per_s:.2} GB/s\n{}", m.details);
    m
}
