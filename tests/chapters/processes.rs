//! Worker processes are reaped on every path: the guards that hold them
//! kill and wait for them when dropped, and a panic in the parent drops them.
use concurrency_measured::processes::{pass_data::ProcessReceiver, worker_processes::Worker};
use std::panic::{self, AssertUnwindSafe};

/// Does a process with this id exist (running, or a zombie not yet waited for)?
fn exists(pid: u32) -> bool {
    // Safety: signal 0 sends nothing; it only asks whether `pid` exists.
    unsafe { libc::kill(pid as libc::pid_t, 0) == 0 }
}

/// Runs `start`, which starts a worker and returns its guard, then panics
/// while the guard is alive; returns the worker's process id.
fn panic_while_holding<G>(start: impl FnOnce() -> (G, u32)) -> u32 {
    let payload = panic::catch_unwind(AssertUnwindSafe(|| {
        let (_guard, pid) = start();
        assert!(exists(pid), "worker {pid} did not start");
        panic::panic_any(pid);
    }))
    .unwrap_err();
    *payload.downcast::<u32>().unwrap()
}

#[test]
fn a_worker_is_reaped_when_the_parent_panics() {
    // The worker is the crate's `listing` program (listings/bin/listing.rs);
    // it waits for its share of numbers until the pipe closes.
    let program = std::path::Path::new(env!("CARGO_BIN_EXE_listing"));
    let pid = panic_while_holding(|| {
        let worker = Worker::start(program).unwrap();
        let pid = worker.0.id();
        (worker, pid)
    });
    assert!(!exists(pid), "worker {pid} outlived the panic");
}

#[test]
fn a_receiving_worker_is_reaped_when_the_parent_panics() {
    let program = std::path::Path::new(env!("CARGO_BIN_EXE_listing"));
    let pid = panic_while_holding(|| {
        let receiver = ProcessReceiver::start(program).unwrap();
        let pid = receiver.0.id();
        (receiver, pid)
    });
    assert!(!exists(pid), "worker {pid} outlived the panic");
}
