//! What chapter 3, "Processes, threads and coroutines", says about its
//! listings, checked. (Its timing claim, the cost ladder, is in claims.rs.)
use concurrency_measured::processes_threads::{memory_isolation, nesting, thread_states};
use std::collections::BTreeSet;
use std::time::Duration;

#[test]
fn tasks_live_in_threads_and_threads_in_one_process() {
    let places = nesting::run(2, 3);
    assert_eq!(places.len(), 6);
    assert!(places.iter().all(|p| p.process == std::process::id()));
    let threads: Vec<_> = places.iter().map(|p| p.thread).collect();
    // Thread by thread: three tasks on one, then three on another.
    assert!(threads[..3].iter().all(|t| *t == threads[0]));
    assert!(threads[3..].iter().all(|t| *t == threads[3]));
    assert_ne!(threads[0], threads[3]);
    let tasks: BTreeSet<_> = places.iter().map(|p| p.task).collect();
    assert_eq!(tasks.len(), 6, "every task has an id of its own");
}

#[cfg(unix)]
#[test]
fn a_child_process_changes_only_its_own_copy() {
    assert_eq!(memory_isolation::child_process_sets_42(), (0, 42));
}

#[test]
fn a_thread_changes_the_memory_it_shares() {
    assert_eq!(memory_isolation::thread_sets_42(), 42);
}

#[test]
fn the_kernel_reports_running_ready_and_sleeping_threads() {
    if !cfg!(target_os = "linux") {
        println!("skipped: thread states come from /proc, which is Linux-only");
        return;
    }
    let cores = std::thread::available_parallelism().unwrap().get();
    let after = Duration::from_millis(100);
    let seen = thread_states::states_while_busy(cores + 1, after).unwrap();
    let state = |name: &str| {
        seen.iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no thread {name} in {seen:?}"))
            .state
    };
    let computing: Vec<_> = seen
        .iter()
        .filter(|t| t.name.starts_with("compute-"))
        .collect();
    assert_eq!(computing.len(), cores + 1);
    for t in &computing {
        assert_eq!(t.state, 'R', "a computing thread runs or is ready: {t:?}");
    }
    for name in ["sleeper", "lock-waiter", "pipe-reader"] {
        assert_eq!(state(name), 'S', "a waiting thread sleeps: {seen:?}");
    }
    // One computing thread more than there are cores: at every moment one
    // of them is ready but not running, so together they wait for a core
    // about `after` in all. Half of it is a safe lower bound; other
    // programs on the machine only add waiting.
    let ready: Duration = computing.iter().map(|t| t.ready).sum();
    assert!(
        ready >= after / 2,
        "computing threads waited only {ready:?} for a core: {seen:?}"
    );
}
