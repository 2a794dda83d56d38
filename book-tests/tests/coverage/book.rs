//! What the coverage test reads: the repository, the list of code blocks that
//! `build.rs` wrote while it expanded the pages, and the claims.
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The repository: this crate's parent folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A fenced code block of a page, as `build.rs` found it.
pub struct Block {
    /// The page, relative to the repository: `src/threads.md`.
    pub page: String,
    /// The line of its opening fence.
    pub line: usize,
    /// How many lines it has on the page, between its fences.
    pub page_lines: usize,
    /// The words after the fence: `rust`, `no_run`, `text`...
    pub info: Vec<String>,
    /// The name of the skeptic test that runs it; `None` for a block skeptic
    /// does not run (not Rust, or `compile_fail`, which trybuild checks).
    pub test: Option<String>,
    /// The files its includes pull in, relative to the repository.
    pub includes: Vec<String>,
}

/// Every fenced block of every page, in page order.
pub fn blocks() -> Vec<Block> {
    include_str!(concat!(env!("OUT_DIR"), "/blocks.tsv"))
        .lines()
        .map(|row| {
            let f: Vec<&str> = row.split('\t').collect();
            let words = |s: &str, sep: char| -> Vec<String> {
                s.split(sep)
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned)
                    .collect()
            };
            Block {
                page: f[0].to_owned(),
                line: f[1].parse().unwrap(),
                page_lines: f[2].parse().unwrap(),
                info: words(f[3], ','),
                test: Some(f[4].to_owned()).filter(|t| !t.is_empty()),
                includes: words(f[5], ' '),
            }
        })
        .collect()
}

/// The skeptic tests `build.rs` generated: (name, is it `#[ignore]`d?).
pub fn skeptic_tests() -> Vec<(String, bool)> {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));
    let mut tests = Vec::new();
    let mut ignored = false;
    for line in generated.lines() {
        if line.starts_with("#[ignore]") {
            ignored = true;
        } else if let Some(rest) = line.strip_prefix("#[test] fn ") {
            tests.push((rest[..rest.find('(').unwrap()].to_owned(), ignored));
            ignored = false;
        }
    }
    tests
}

/// What the pages must show of a claim in `tests/claims.toml`; the
/// harness's registry (`harness/src/registry.rs`) reads the rest.
#[derive(Deserialize)]
pub struct Claim {
    pub id: String,
    pub claim: String,
    /// The chapter's file, under `src/`.
    pub chapter: String,
    pub check: Vec<Check>,
}

#[derive(Deserialize)]
pub struct Check {
    pub measure: String,
}

/// What the appendix "Folklore, measured" must show of a rule of thumb in
/// `tests/claims.toml`.
#[derive(Deserialize)]
pub struct Folklore {
    pub id: String,
    pub rule: String,
    pub verdict: String,
    pub claims: Vec<String>,
}

#[derive(Deserialize)]
struct Registry {
    claim: Vec<Claim>,
    #[serde(default)]
    folklore: Vec<Folklore>,
}

fn registry() -> Registry {
    let text = std::fs::read_to_string(root().join("tests/claims.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

pub fn claims() -> Vec<Claim> {
    registry().claim
}

pub fn folklore() -> Vec<Folklore> {
    registry().folklore
}
