//! Where to find the program that serves as the listings' worker processes
//! and runs a listing by name (`listings/bin/listing.rs`, the crate's
//! binary `listing`).
use std::path::PathBuf;

/// The `listing` program of this build: beside the running program (a tool
/// in `target/debug/`) or one folder up (a test in `target/debug/deps/`).
/// Cargo builds it with the crate's tests; `cargo xtask` builds it first.
pub fn program() -> PathBuf {
    let exe = std::env::current_exe().expect("the path of this program");
    exe.ancestors()
        .skip(1)
        .take(2)
        .map(|dir| dir.join("listing"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "no `listing` program beside {}: build it with `cargo build --bin listing`",
                exe.display()
            )
        })
}
