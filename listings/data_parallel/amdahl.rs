//! Amdahl's law: the part of a job that cannot run in parallel limits the
//! speedup of the whole, however many cores there are.
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// A step of work: a few hundred rounds of arithmetic.
pub fn step(x: u64) -> u64 {
    (0..300).fold(x, |h, _| (h ^ (h >> 29)).wrapping_mul(6364136223846793005))
}

// ANCHOR: job
/// The serial part: each step needs the result of the one before it, so
/// no number of cores can run it faster.
pub fn serial_part(steps: u64) -> u64 {
    (0..steps).fold(1, |x, _| step(x))
}

/// The parallel part: independent steps, on all cores if `parallel`.
pub fn parallel_part(steps: u64, parallel: bool) -> u64 {
    if parallel {
        (0..steps)
            .into_par_iter()
            .map(step)
            .reduce(|| 0, u64::wrapping_add)
    } else {
        (0..steps).map(step).fold(0, u64::wrapping_add)
    }
}

/// The job, and how long each of its parts took.
pub fn job(serial: u64, parallel: u64, on_all_cores: bool) -> (Duration, Duration) {
    let t0 = Instant::now();
    std::hint::black_box(serial_part(serial));
    let t1 = Instant::now();
    std::hint::black_box(parallel_part(parallel, on_all_cores));
    (t1 - t0, t1.elapsed())
}

/// Amdahl's law: the best speedup on `cores` cores of a job that spends
/// the fraction `serial` of its time (on one core) in a serial part.
pub fn amdahl(serial: f64, cores: f64) -> f64 {
    1.0 / (serial + (1.0 - serial) / cores)
}
// ANCHOR_END: job

// ANCHOR: main
pub fn main() {
    let cores = rayon::current_num_threads() as f64;
    // Equal step counts: on one core, half the time is serial.
    let (serial, par) = job(20_000, 20_000, false);
    let one_core = serial + par;
    let f = serial.as_secs_f64() / one_core.as_secs_f64();
    let (serial, par) = job(20_000, 20_000, true);
    let all_cores = serial + par;
    let speedup = one_core.as_secs_f64() / all_cores.as_secs_f64();
    println!("serial fraction {f:.2}: on 1 core {one_core:.2?}, on {cores} cores {all_cores:.2?}");
    println!(
        "speedup {speedup:.2}x; Amdahl's bound {:.2}x",
        amdahl(f, cores)
    );
}
// ANCHOR_END: main
