//! Measuring two sides of a claim fairly on a shared, noisy machine.
//!
//! Absolute times mean little here; a ratio of two runs made side by side
//! does. So both sides run in the same process, interleaved (a, b, b, a, a,
//! b, ...), and each keeps its best time: noise only ever adds time, so the
//! fastest of several trials is the one least disturbed.
use std::fs::File;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// While held, no other timing measurement runs on this machine: not on
/// another thread of this test binary, and not in another process (a second
/// `cargo test`, or nextest's process per test).
pub struct Exclusive {
    _file: File,
    _guard: MutexGuard<'static, ()>,
}

pub fn exclusive() -> Exclusive {
    static IN_PROCESS: Mutex<()> = Mutex::new(());
    let guard = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    let path = std::env::temp_dir().join("concurrency-measured-timing.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    // Released when the file is closed, that is when `Exclusive` drops.
    file.lock()
        .unwrap_or_else(|e| panic!("lock {}: {e}", path.display()));
    settle();
    Exclusive {
        _file: file,
        _guard: guard,
    }
}

/// Waits, at most half a second, until no thread but this one is ready to
/// run. What the last measurement left behind (its threads being torn down,
/// its worker processes exiting, its memory being handed back) then finishes
/// before the next one starts, instead of taking a core from it. A machine
/// that is busy for other reasons stays busy; this only stops the tests from
/// disturbing each other.
fn settle() {
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut quiet = 0;
    while Instant::now() < deadline && quiet < 3 {
        // Linux: "procs_running N" in /proc/stat counts the threads on a
        // core or ready for one, this one included.
        let running = std::fs::read_to_string("/proc/stat").ok().and_then(|stat| {
            stat.lines()
                .find_map(|l| l.strip_prefix("procs_running "))
                .and_then(|n| n.trim().parse::<u32>().ok())
        });
        match running {
            Some(n) if n <= 1 => quiet += 1,
            Some(_) => quiet = 0,
            None => {
                // Elsewhere: a fixed pause.
                std::thread::sleep(Duration::from_millis(100));
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The CPU time the hypervisor has taken from this virtual machine since it
/// booted: the "steal" column of /proc/stat's `cpu` line (Linux), in
/// clock ticks of 10 ms. None elsewhere.
pub fn stolen() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    let steal: u64 = line.split_whitespace().nth(8)?.parse().ok()?;
    Some(Duration::from_millis(steal * 10))
}

/// How many times as fast `cores` threads of plain arithmetic run as one
/// thread, right now: `cores` on a machine that gives all its cores, less
/// when they are shared. The median of three trials, each one thread then
/// `cores` threads, about 40 ms each.
pub fn capacity(cores: usize) -> f64 {
    fn spin(rounds: u64) -> u64 {
        (0..rounds).fold(0, |acc, i| std::hint::black_box(acc.rotate_left(5) ^ i))
    }
    let mut rounds = 1_000_000;
    while time(&mut || {
        spin(rounds);
    }) < Duration::from_millis(40)
    {
        rounds *= 2;
    }
    let mut ratios: Vec<f64> = (0..3)
        .map(|_| {
            let one = time(&mut || {
                spin(rounds);
            });
            let all = time(&mut || {
                std::thread::scope(|s| {
                    for _ in 0..cores {
                        s.spawn(|| spin(rounds));
                    }
                })
            });
            cores as f64 * one.as_secs_f64() / all.as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[1]
}

pub struct Side {
    pub name: &'static str,
    pub times: Vec<Duration>,
}

impl Side {
    pub fn best(&self) -> Duration {
        *self.times.iter().min().expect("at least one trial")
    }

    fn describe(&self) -> String {
        let all: Vec<String> = self.times.iter().map(|t| format!("{t:.2?}")).collect();
        format!(
            "{}: best {:.2?} of [{}]",
            self.name,
            self.best(),
            all.join(", ")
        )
    }
}

pub struct Pair {
    pub a: Side,
    pub b: Side,
}

impl Pair {
    /// a's best time over b's best time.
    pub fn ratio(&self) -> f64 {
        self.a.best().as_secs_f64() / self.b.best().as_secs_f64()
    }

    pub fn describe(&self) -> String {
        format!("{}\n{}", self.a.describe(), self.b.describe())
    }
}

/// Runs `a` and `b` `trials` times each, alternating which goes first, and
/// keeps the time of every run.
pub fn interleaved(
    trials: usize,
    (a_name, mut a): (&'static str, impl FnMut()),
    (b_name, mut b): (&'static str, impl FnMut()),
) -> Pair {
    let mut pair = Pair {
        a: Side {
            name: a_name,
            times: Vec::new(),
        },
        b: Side {
            name: b_name,
            times: Vec::new(),
        },
    };
    for trial in 0..trials {
        if trial % 2 == 0 {
            pair.a.times.push(time(&mut a));
            pair.b.times.push(time(&mut b));
        } else {
            pair.b.times.push(time(&mut b));
            pair.a.times.push(time(&mut a));
        }
    }
    pair
}

pub fn time(f: &mut impl FnMut()) -> Duration {
    let t0 = Instant::now();
    f();
    t0.elapsed()
}
