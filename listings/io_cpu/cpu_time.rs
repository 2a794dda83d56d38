//! Is a job I/O-bound or CPU-bound? Compare the CPU time it used with the
//! wall-clock time it took.
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: cpu_time
/// CPU time this process has used so far, in user and kernel mode, summed
/// over all its threads.
pub fn cpu_time() -> Duration {
    // Safety: `getrusage` only writes into the struct we hand it, and an
    // all-zero `rusage` is a valid value of that plain C struct.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

/// Runs `job` and returns (wall-clock time, CPU time) it took.
pub fn measure(job: impl FnOnce()) -> (Duration, Duration) {
    let (wall, cpu) = (Instant::now(), cpu_time());
    job();
    (wall.elapsed(), cpu_time() - cpu)
}
// ANCHOR_END: cpu_time

// ANCHOR: jobs
/// CPU-bound: counting primes keeps the processor busy the whole time.
pub fn count_primes(below: u64) -> usize {
    (0..below).filter(|&n| is_prime(n)).count()
}

fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

/// I/O-bound: ten waits of 100 ms, during which the processor is idle.
pub fn wait_ten_times() {
    for _ in 0..10 {
        thread::sleep(Duration::from_millis(100));
    }
}
// ANCHOR_END: jobs

// ANCHOR: main
pub fn main() {
    let (wall, cpu) = measure(|| {
        count_primes(300_000);
    });
    println!(
        "counting primes: wall {wall:>9.2?}, CPU {cpu:>9.2?}, CPU/wall {:.2}",
        cpu.as_secs_f64() / wall.as_secs_f64()
    );

    let (wall, cpu) = measure(wait_ten_times);
    println!(
        "waiting:         wall {wall:>9.2?}, CPU {cpu:>9.2?}, CPU/wall {:.2}",
        cpu.as_secs_f64() / wall.as_secs_f64()
    );
}
// ANCHOR_END: main
