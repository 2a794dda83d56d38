//! Where to find the program that serves as the listings' worker processes
//! (`listings/bin/workers.rs`, the crate's binary `workers`).
use std::path::PathBuf;

/// The `workers` program of this build: beside the running program (a tool
/// in `target/debug/`) or one folder up (a test in `target/debug/deps/`).
/// Cargo builds it with the crate's tests; `cargo xtask` builds it first.
pub fn program() -> PathBuf {
    let exe = std::env::current_exe().expect("the path of this program");
    exe.ancestors()
        .skip(1)
        .take(2)
        .map(|dir| dir.join("workers"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "no `workers` program beside {}: build it with `cargo build --bin workers`",
                exe.display()
            )
        })
}
