//! A child process works on a copy of its parent's memory; a thread works on
//! the same memory as the thread that started it.
use std::thread;

// ANCHOR: process
/// Forks a child process, which sets `value` to 42 and exits. Returns the
/// parent's `value` afterwards, and the value the child saw (its exit code).
#[cfg(unix)]
pub fn child_process_sets_42() -> (i32, i32) {
    let mut value = 0;
    // Safety: `fork` makes the child a copy of this process, with only the
    // calling thread. The child only writes to its own memory and leaves at
    // once with `_exit`; it calls nothing that could wait for a lock that
    // another thread of the parent held at the moment of the fork.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        value = 42;
        unsafe { libc::_exit(value) };
    }
    let mut status = 0;
    // Safety: waits for the child we just created; `status` is ours to write.
    let waited = unsafe { libc::waitpid(pid, &mut status, 0) };
    assert_eq!(waited, pid, "waitpid failed");
    (value, libc::WEXITSTATUS(status))
}
// ANCHOR_END: process

// ANCHOR: thread
/// Starts a thread, which sets `value` to 42. Returns `value` afterwards.
pub fn thread_sets_42() -> i32 {
    let mut value = 0;
    thread::scope(|s| {
        s.spawn(|| value = 42);
    });
    value
}
// ANCHOR_END: thread

// ANCHOR: main
pub fn main() {
    #[cfg(unix)]
    {
        let (parent, child) = child_process_sets_42();
        println!("a child process set value to {child}; the parent's value is {parent}");
    }
    #[cfg(not(unix))]
    println!("fork is Unix-only; skipping the child process");
    println!(
        "a thread set value to 42; main's value is {}",
        thread_sets_42()
    );
}
// ANCHOR_END: main
