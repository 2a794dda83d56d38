//! tokio::fs has no asynchronous file I/O underneath: each call runs the
//! blocking std::fs call on tokio's blocking pool (spawn_blocking). A
//! runtime with one thread shows it: reading with std::fs starts no thread,
//! reading with tokio::fs starts pool threads, which do the reads.
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread;
use tokio::runtime::{Builder, Runtime};
use tokio::task::JoinSet;

// ANCHOR: runtime
/// A runtime whose tasks all run on the thread that calls `block_on`. Any
/// thread it starts is a thread of its blocking pool, and `started` records
/// the name and id of each.
pub fn one_thread_runtime(started: Arc<Mutex<Vec<String>>>) -> Runtime {
    Builder::new_current_thread()
        .enable_all()
        .thread_name("blocking-pool")
        .on_thread_start(move || {
            let me = thread::current();
            let name = me.name().unwrap_or("?").to_owned();
            started
                .lock()
                .unwrap()
                .push(format!("{name} {:?}", me.id()));
        })
        .build()
        .unwrap()
}
// ANCHOR_END: runtime

// ANCHOR: reads
/// Reads every file on a fresh one-thread runtime, all at once, with
/// std::fs or with tokio::fs. Returns the contents, in the order of
/// `paths`, and the threads the runtime started.
pub fn read_all(paths: &[PathBuf], with_tokio_fs: bool) -> (Vec<Vec<u8>>, Vec<String>) {
    let started = Arc::new(Mutex::new(Vec::new()));
    let runtime = one_thread_runtime(started.clone());
    let contents = runtime.block_on(async {
        let mut reads = JoinSet::new();
        for (i, path) in paths.iter().cloned().enumerate() {
            reads.spawn(async move {
                let bytes = if with_tokio_fs {
                    tokio::fs::read(path).await // std::fs::read, on a pool thread
                } else {
                    std::fs::read(path) // blocks the runtime's only thread
                };
                (i, bytes.unwrap())
            });
        }
        let mut contents = reads.join_all().await;
        contents.sort();
        contents.into_iter().map(|(_, bytes)| bytes).collect()
    });
    let started = started.lock().unwrap().clone();
    (contents, started)
}
// ANCHOR_END: reads

// ANCHOR: main
pub fn main() {
    let dir = std::env::temp_dir();
    let paths: Vec<PathBuf> = (0..4)
        .map(|i| dir.join(format!("fs-on-a-pool-{}-{i}.txt", std::process::id())))
        .collect();
    for (i, path) in paths.iter().enumerate() {
        std::fs::write(path, format!("file {i}")).unwrap();
    }
    for with_tokio_fs in [false, true] {
        let (contents, started) = read_all(&paths, with_tokio_fs);
        assert_eq!(contents[3], b"file 3");
        let how = if with_tokio_fs {
            "tokio::fs"
        } else {
            "std::fs"
        };
        println!(
            "4 reads with {how:<9}: {} threads started {started:?}",
            started.len()
        );
    }
    for path in &paths {
        std::fs::remove_file(path).unwrap();
    }
}
// ANCHOR_END: main
