//! Resident memory per parked thread and per pending task, read from the
//! kernel's own account of this process (Linux only: `/proc/self/statm`).
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, mpsc};
use std::thread;
use tokio::sync::Notify;

// ANCHOR: statm
/// (virtual, resident) bytes of this process, from `/proc/self/statm`,
/// or `None` where there is no such file (not Linux).
pub fn memory() -> Option<(usize, usize)> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let mut pages = statm
        .split_whitespace()
        .map(|f| f.parse::<usize>().unwrap());
    // Safety: sysconf only reads a system constant.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
    Some((pages.next()? * page, pages.next()? * page))
}

/// Memory per item, (virtual, resident), of `n` items: `hold` creates
/// them, calls `measure` while all of them are alive, then ends them.
fn per_item(n: usize, hold: impl FnOnce(&dyn Fn())) -> Option<(f64, f64)> {
    memory()?;
    // Hand freed heap pages back to the kernel, so that new items must
    // take fresh pages and are counted (glibc only).
    #[cfg(target_env = "gnu")]
    // Safety: malloc_trim only releases free memory of the allocator.
    unsafe {
        libc::malloc_trim(0);
    }
    let (virt0, res0) = memory()?;
    let during = std::cell::Cell::new((0, 0));
    hold(&|| during.set(memory().unwrap()));
    let (virt, res) = during.get();
    let per = |after: usize, before: usize| after.saturating_sub(before) as f64 / n as f64;
    Some((per(virt, virt0), per(res, res0)))
}
// ANCHOR_END: statm

// ANCHOR: parked
/// `n` threads, each parked until released.
pub fn per_thread(n: usize) -> Option<(f64, f64)> {
    per_item(n, |measure| {
        let release = AtomicBool::new(false);
        thread::scope(|s| {
            let (ready, started) = mpsc::channel();
            let threads: Vec<_> = (0..n)
                .map(|_| {
                    let ready = ready.clone();
                    let release = &release;
                    s.spawn(move || {
                        ready.send(()).unwrap();
                        while !release.load(SeqCst) {
                            thread::park();
                        }
                    })
                })
                .collect();
            for _ in 0..n {
                started.recv().unwrap();
            }
            measure(); // all n threads are alive and parked
            release.store(true, SeqCst);
            for t in &threads {
                t.thread().unpark();
            }
        });
    })
}
// ANCHOR_END: parked

// ANCHOR: pending
/// `n` tasks, each pending until released.
pub fn per_task(n: usize) -> Option<(f64, f64)> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    per_item(n, |measure| {
        rt.block_on(async {
            let release = Arc::new(Notify::new());
            let started = Arc::new(AtomicUsize::new(0));
            let tasks: Vec<_> = (0..n)
                .map(|_| {
                    let (release, started) = (release.clone(), started.clone());
                    tokio::spawn(async move {
                        let released = release.notified();
                        started.fetch_add(1, SeqCst);
                        released.await;
                    })
                })
                .collect();
            while started.load(SeqCst) < n {
                tokio::task::yield_now().await;
            }
            measure(); // all n tasks are alive and pending
            release.notify_waiters();
            for t in tasks {
                t.await.unwrap();
            }
        })
    })
}
// ANCHOR_END: pending

// ANCHOR: main
pub fn main() {
    // 2,000 of each here; the claim test in the book measures 10,000.
    let n = 2_000;
    let (Some(thread), Some(task)) = (per_thread(n), per_task(n)) else {
        println!("skipped: /proc/self/statm exists only on Linux");
        return;
    };
    let kib = |b: f64| b / 1024.0;
    println!(
        "per parked thread: {:>8.1} KiB resident, {:>8.1} KiB virtual",
        kib(thread.1),
        kib(thread.0)
    );
    println!(
        "per pending task:  {:>8.1} KiB resident, {:>8.1} KiB virtual",
        kib(task.1),
        kib(task.0)
    );
    println!(
        "a thread holds {:.0}x the resident memory of a task",
        thread.1 / task.1
    );
}
// ANCHOR_END: main
