//! Chapter 15, "Beyond one machine": what the cluster's launcher promises.
//! Worker processes are always reaped; a hung process stalls the others
//! until the launcher's patience runs out; a taken port is reported at
//! once. The worker processes run the crate's `listing` program
//! (`listings/bin/listing.rs`). That the cluster gives the single-threaded
//! answer is the claim `dataflow-same-answer` (tests/claims.rs).

use concurrency_measured::distributed::two_processes::{
    NO_NETWORK, free_addresses, run_cluster, run_on_loopback, start_workers,
};
use std::net::TcpListener;
use std::os::unix::process::ExitStatusExt;
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

const SIGKILL: i32 = 9;

/// Does a process with this id exist (running, or a zombie not yet waited for)?
fn exists(pid: u32) -> bool {
    // Safety: signal 0 sends nothing; it only asks whether `pid` exists.
    unsafe { libc::kill(pid as libc::pid_t, 0) == 0 }
}

#[test]
fn workers_are_reaped_when_the_caller_panics() {
    let program = std::path::Path::new(env!("CARGO_BIN_EXE_listing"));
    let hostfile = std::env::temp_dir().join(format!("reap-test-hosts-{}", std::process::id()));
    std::fs::write(&hostfile, free_addresses(2).unwrap().join("\n")).unwrap();
    let payload = panic::catch_unwind(AssertUnwindSafe(|| {
        // Process 1 hangs at its first line, so neither can finish alone.
        let workers = start_workers(program, &hostfile, 2, 1_000, Some((1, "hang 1"))).unwrap();
        let pids: Vec<u32> = workers.iter().map(|w| w.0.id()).collect();
        assert!(pids.iter().all(|&p| exists(p)), "the workers did not start");
        panic::panic_any(pids);
    }))
    .unwrap_err();
    let _ = std::fs::remove_file(&hostfile);
    let pids = payload.downcast::<Vec<u32>>().unwrap();
    for pid in *pids {
        assert!(!exists(pid), "worker {pid} outlived the panic");
    }
}

#[test]
fn a_hung_process_stalls_the_others_until_the_patience_runs_out() {
    let program = std::path::Path::new(env!("CARGO_BIN_EXE_listing"));
    let patience = Duration::from_secs(3);
    let started = Instant::now();
    // Process 1 reads the odd lines; it hangs halfway through them.
    let reports = run_on_loopback(program, 2, 20_000, Some((1, "hang 10001")), patience).unwrap();
    assert!(started.elapsed() >= patience);
    assert!(
        reports[1].stderr.contains("process 1: hang at line 10001"),
        "process 1 did not reach its hang: {}",
        reports[1].stderr
    );
    for (p, report) in reports.iter().enumerate() {
        assert_eq!(
            report.status.signal(),
            Some(SIGKILL),
            "process {p} was not waiting to the end, but {}: {}",
            report.status,
            report.stderr
        );
        assert!(!report.stdout.contains("count "), "process {p} answered");
    }
}

#[test]
fn a_taken_port_stops_the_cluster_at_once() {
    let program = std::path::Path::new(env!("CARGO_BIN_EXE_listing"));
    // Process 0's address belongs to someone else, who accepts no one.
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let mut addresses = free_addresses(1).unwrap();
    addresses.insert(0, taken.local_addr().unwrap().to_string());
    let patience = Duration::from_secs(30);
    let started = Instant::now();
    let reports = run_cluster(program, &addresses, 1_000, None, patience).unwrap();
    assert!(
        started.elapsed() < patience / 3,
        "waited {:.2?}",
        started.elapsed()
    );
    assert_eq!(
        reports[0].status.code(),
        Some(NO_NETWORK),
        "{}",
        reports[0].stderr
    );
    assert!(
        !reports[1].status.success(),
        "process 1 finished without process 0"
    );
}
