//! The output the pages show, written by runs of the listings
//! (`listings/outputs.toml`): `cargo xtask outputs` writes each file, and
//! `tests/chapters/outputs.rs` asserts that the listings whose output does not vary
//! still print theirs.
use serde::Deserialize;
use std::path::Path;
use std::process::Command;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub output: Vec<Output>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// The file the page includes, from the repository's root.
    pub file: String,
    /// The listing whose `main` printed it, as `listing NAME` takes it.
    pub listing: String,
    /// Whether a run prints the same every time (the test checks it).
    pub same_every_run: bool,
}

pub fn load() -> Manifest {
    let path = crate::registry::root().join("listings/outputs.toml");
    let text = std::fs::read_to_string(&path).expect("read listings/outputs.toml");
    toml::from_str(&text).unwrap_or_else(|e| panic!("listings/outputs.toml: {e}"))
}

/// Runs the listing with `program` (the crate's `listing` program) and
/// returns what it printed on standard output; an error with its standard
/// error when it failed.
pub fn run(program: &Path, listing: &str) -> Result<String, String> {
    let out = Command::new(program)
        .arg(listing)
        .output()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    if !out.status.success() {
        return Err(format!(
            "`listing {listing}` ended with {}:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("`listing {listing}` printed non-UTF-8: {e}"))
}
