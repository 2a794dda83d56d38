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
    #[serde(default)]
    pub listing: Option<String>,
    /// Or the crate's unit test that printed it (a loom model, which runs
    /// only under `cfg(test)`), as `cargo test --lib NAME -- --exact` takes it.
    #[serde(default)]
    pub test: Option<String>,
    /// Whether a run prints the same every time. For a listing,
    /// tests/chapters/outputs.rs runs it again and compares; a test compares
    /// what it prints with the file itself (`crate::page::shows`).
    pub same_every_run: bool,
}

impl Output {
    /// What printed it, as `cargo xtask outputs NAME` takes it.
    pub fn name(&self) -> &str {
        match (&self.listing, &self.test) {
            (Some(listing), None) => listing,
            (None, Some(test)) => test,
            _ => panic!(
                "listings/outputs.toml: {} needs one of `listing` and `test`",
                self.file
            ),
        }
    }

    /// Runs what printed it and returns the output, as [`run`] and
    /// [`run_test`] do.
    pub fn produce(&self, program: &Path) -> Result<String, String> {
        match &self.listing {
            Some(listing) => run(program, listing),
            None => run_test(self.name()),
        }
    }
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

/// Runs one unit test of the listings crate (`cargo test --lib NAME --
/// --exact --nocapture`) and returns what the test printed: its own lines
/// on standard output, then its panic's report on standard error, without
/// cargo's and libtest's lines. The number in brackets after a thread's name
/// is its id, which varies from run to run.
pub fn run_test(name: &str) -> Result<String, String> {
    let out = Command::new(env!("CARGO"))
        .current_dir(crate::registry::root())
        .args([
            "test",
            "--quiet",
            "--package",
            "concurrency-measured",
            "--lib",
            name,
        ])
        .args(["--", "--exact", "--nocapture", "--test-threads=1"])
        .env_remove("RUST_BACKTRACE")
        // The test compares what it prints with the file, except now.
        .env("WRITING_OUTPUTS", "1")
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() || !stdout.contains("test result: ok. 1 passed") {
        return Err(format!(
            "`cargo test --lib {name}` did not pass exactly one test ({}):\n{stdout}{stderr}",
            out.status
        ));
    }
    let mut text = String::new();
    for line in stdout.lines() {
        let libtest = line.is_empty()
            || line.starts_with("running ")
            || line.starts_with("test result:")
            || line.chars().all(|c| c == '.');
        if !libtest {
            text.push_str(line);
            text.push('\n');
        }
    }
    let mut report = false;
    for line in stderr.lines() {
        report |= line.starts_with("thread '");
        if report {
            text.push_str(line);
            text.push('\n');
        }
        if line.starts_with("note: run with `RUST_BACKTRACE=1`") {
            report = false;
        }
    }
    Ok(text)
}
