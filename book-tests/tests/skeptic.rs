//! Test layer 2: every ```rust block of every chapter, compiled and run as
//! the reader sees it (includes expanded by `build.rs`). A test is named
//! `<chapter>_sect_<section>_line_<line of the block's fence>`.
//!
//! skeptic keeps each block's compiled program (its `binary-cache`
//! feature), under a name made of everything the build depended on: the
//! block's text, the compiler, and every library it links. A second run
//! compiles only the blocks that changed, and runs every block again.
include!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));

/// skeptic's `run_test`, run again when the system would not start the
/// block's program because a file was open for writing ("Text file busy"):
/// the cache opens the program it restores to mark it as used, and a
/// process that another test starts at that moment holds that file open
/// until it execs its own program. The block never ran, so it runs again.
/// Measured here: one run in eight failed one of its 141 blocks this way.
fn run_block(root: &str, out: &str, target: &str, text: &str) {
    for attempt in 1.. {
        let run = std::panic::catch_unwind(|| skeptic::rt::run_test(root, out, target, text));
        match run {
            Ok(()) => return,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("");
                let busy = message.starts_with("Could not run ")
                    && message.ends_with("Text file busy (os error 26)");
                if !busy || attempt == 5 {
                    std::panic::resume_unwind(panic);
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
    }
}
