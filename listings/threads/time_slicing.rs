//! Two threads that compute without pause, pinned to one core, take turns on
//! it; free, they run on two cores at once. Pinning uses Linux's
//! `sched_setaffinity`; elsewhere the listing says so and skips it.
use std::hint::black_box;
use std::io;
use std::thread;
use std::time::{Duration, Instant};

/// CPU-bound work: `units` rounds of arithmetic, never waiting, never
/// yielding the core.
pub fn compute(units: u64) -> u64 {
    (0..units).fold(0, |acc, i| black_box(acc.rotate_left(5) ^ i))
}

// ANCHOR: pin
/// Restricts the calling thread to one CPU, `cpu`.
#[cfg(target_os = "linux")]
pub fn pin_to(cpu: usize) -> io::Result<()> {
    // Safety: `set` is a plain bit mask that we own; pid 0 means the
    // calling thread.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        match libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &set) {
            0 => Ok(()),
            _ => Err(io::Error::last_os_error()),
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn pin_to(_cpu: usize) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "pinning a thread to a core needs Linux's sched_setaffinity",
    ))
}
// ANCHOR_END: pin

/// The first CPU this process is allowed to run on.
#[cfg(target_os = "linux")]
pub fn first_allowed_cpu() -> usize {
    // Safety: as above, `set` is ours, and pid 0 means the calling thread.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set);
        (0..libc::CPU_SETSIZE as usize)
            .find(|&c| libc::CPU_ISSET(c, &set))
            .unwrap()
    }
}

#[cfg(not(target_os = "linux"))]
pub fn first_allowed_cpu() -> usize {
    0
}

/// Runs `compute(units)` twice, one after the other, on one new thread,
/// pinned to `cpu` if one is given. Returns when it finished.
pub fn one_thread(units: u64, cpu: Option<usize>) -> io::Result<Duration> {
    let t0 = Instant::now();
    thread::scope(|s| {
        s.spawn(move || -> io::Result<Duration> {
            if let Some(cpu) = cpu {
                pin_to(cpu)?;
            }
            compute(units);
            compute(units);
            Ok(t0.elapsed())
        })
        .join()
        .unwrap()
    })
}

// ANCHOR: two
/// Runs `compute(units)` on two threads at once, each pinned to `cpu` if
/// one is given. Returns when each thread finished, from the start.
pub fn two_threads(units: u64, cpu: Option<usize>) -> io::Result<[Duration; 2]> {
    let t0 = Instant::now();
    thread::scope(|s| {
        let handles = [(); 2].map(|_| {
            s.spawn(move || -> io::Result<Duration> {
                if let Some(cpu) = cpu {
                    pin_to(cpu)?; // only this thread is pinned
                }
                compute(units);
                Ok(t0.elapsed())
            })
        });
        let [a, b] = handles.map(|h| h.join().unwrap());
        Ok([a?, b?])
    })
}
// ANCHOR_END: two

// ANCHOR: main
pub fn main() {
    let units = 5_000_000;
    let both = one_thread(units, None).unwrap();
    println!("one thread, both jobs:     done at {both:>7.1?}");
    let [a, b] = two_threads(units, None).unwrap();
    println!("two threads, free:         done at {a:>7.1?} and {b:>7.1?}");
    match two_threads(units, Some(first_allowed_cpu())) {
        Ok([a, b]) => println!("two threads, on one core:  done at {a:>7.1?} and {b:>7.1?}"),
        Err(e) => println!("two threads, on one core:  skipped: {e}"),
    }
}
// ANCHOR_END: main
