//! `cargo xtask outputs [LISTING...]`: runs each listing (or unit test) of
//! `listings/outputs.toml` (or those named) and writes what it printed into
//! the file the page includes.
use harness::outputs;
use std::process::ExitCode;

pub fn main(names: &[String]) -> ExitCode {
    let manifest = outputs::load();
    let program = harness::workers::program();
    let root = harness::registry::root();
    let mut failed = 0;
    for output in &manifest.output {
        if !names.iter().any(|n| n == output.name()) && !names.is_empty() {
            continue;
        }
        match output.produce(&program) {
            Ok(text) => {
                std::fs::write(root.join(&output.file), text).unwrap();
                println!("wrote {}", output.file);
            }
            Err(e) => {
                eprintln!("{}: {e}", output.file);
                failed += 1;
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
