//! "A coroutine lives in a thread, a thread lives in a process": one
//! process, two threads, and on each thread a runtime running three tasks.
use std::process;
use std::thread::{self, ThreadId};

// ANCHOR: nesting
/// Where a piece of code runs: its process, its thread, its task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub process: u32,
    pub thread: ThreadId,
    pub task: tokio::task::Id,
}

/// Starts `threads` threads; each runs a single-threaded tokio runtime that
/// runs `tasks` tasks. Every task reports where it runs.
pub fn run(threads: usize, tasks: usize) -> Vec<Place> {
    thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .build()
                        .unwrap();
                    runtime.block_on(async {
                        let mut set = tokio::task::JoinSet::new();
                        for _ in 0..tasks {
                            set.spawn(async {
                                Place {
                                    process: process::id(),
                                    thread: thread::current().id(),
                                    task: tokio::task::id(),
                                }
                            });
                        }
                        set.join_all().await
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}
// ANCHOR_END: nesting

// ANCHOR: main
pub fn main() {
    let places = run(2, 3);
    println!("process {}", places[0].process);
    for (i, place) in places.iter().enumerate() {
        // The places come thread by thread: a new thread starts a new group.
        if i == 0 || places[i - 1].thread != place.thread {
            println!("  thread {:?}", place.thread);
        }
        println!("    task {}", place.task);
    }
}
// ANCHOR_END: main
