//! The states the operating system keeps for each thread of this process,
//! read from /proc while threads compute, sleep, wait for a lock and wait for
//! input. /proc is Linux's: elsewhere the listing says so and stops.
use std::io::Read;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::thread;
use std::time::Duration;

// ANCHOR: read
/// One thread, as the kernel sees it.
#[derive(Debug)]
pub struct Seen {
    pub name: String,
    /// R: running or ready to run; S: sleeping, waiting for an event.
    pub state: char,
    /// Time spent running on a core, and time spent ready, waiting for one.
    pub running: Duration,
    pub ready: Duration,
}

/// Every thread of this process, from /proc/self/task/<tid>/stat (name and
/// state) and .../schedstat (nanoseconds running, nanoseconds ready).
pub fn threads_of_this_process() -> std::io::Result<Vec<Seen>> {
    let mut seen = Vec::new();
    for entry in std::fs::read_dir("/proc/self/task")? {
        let dir = entry?.path();
        // A thread that has just exited leaves no files: skip it.
        let (Ok(stat), Ok(sched)) = (
            std::fs::read_to_string(dir.join("stat")),
            std::fs::read_to_string(dir.join("schedstat")),
        ) else {
            continue;
        };
        // stat is "<tid> (<name>) <state> ..."; the name may hold spaces.
        let (open, close) = (stat.find('(').unwrap(), stat.rfind(')').unwrap());
        let ns: Vec<u64> = sched
            .split_whitespace()
            .map(|f| f.parse().unwrap())
            .collect();
        seen.push(Seen {
            name: stat[open + 1..close].to_owned(),
            state: stat[close + 2..].chars().next().unwrap(),
            running: Duration::from_nanos(ns[0]),
            ready: Duration::from_nanos(ns[1]),
        });
    }
    Ok(seen)
}
// ANCHOR_END: read

// ANCHOR: run
/// Starts `computing` threads that compute without pause, and three that
/// wait: one sleeps, one waits for a lock, one waits to read from a pipe.
/// After `after`, reads every thread's state; then lets all of them finish.
pub fn states_while_busy(computing: usize, after: Duration) -> std::io::Result<Vec<Seen>> {
    let stop = AtomicBool::new(false);
    let lock = Mutex::new(());
    let held = lock.lock().unwrap(); // main holds the lock: the waiter waits
    let (mut reader, writer) = std::io::pipe()?;
    let named = |name: String| thread::Builder::new().name(name);
    thread::scope(|s| {
        for i in 0..computing {
            named(format!("compute-{i}"))
                .spawn_scoped(s, || {
                    let mut x = 0u64;
                    while !stop.load(Relaxed) {
                        x = std::hint::black_box(x.wrapping_add(1));
                    }
                })
                .unwrap();
        }
        named("sleeper".into())
            .spawn_scoped(s, || thread::sleep(after * 2))
            .unwrap();
        named("lock-waiter".into())
            .spawn_scoped(s, || drop(lock.lock().unwrap()))
            .unwrap();
        named("pipe-reader".into())
            .spawn_scoped(s, move || reader.read(&mut [0]).unwrap())
            .unwrap();

        thread::sleep(after);
        let seen = threads_of_this_process();

        stop.store(true, Relaxed); // the computing threads stop,
        drop(held); // the lock waiter gets the lock,
        drop(writer); // the pipe reader reads the end of the input,
        seen // and the sleeper wakes up on its own.
    })
}
// ANCHOR_END: run

// ANCHOR: main
pub fn main() {
    if !cfg!(target_os = "linux") {
        println!("thread states come from /proc, which is Linux-only: skipped here");
        return;
    }
    let cores = thread::available_parallelism().unwrap().get();
    // One computing thread more than there are cores: one is always waiting.
    let seen = states_while_busy(cores + 1, Duration::from_millis(200)).unwrap();
    println!("{:<12} state {:>9} {:>9}", "thread", "running", "ready");
    for t in seen {
        println!(
            "{:<12}   {}   {:>9.1?} {:>9.1?}",
            t.name, t.state, t.running, t.ready
        );
    }
}
// ANCHOR_END: main
