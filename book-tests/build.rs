//! Test layer 2: the book's code runs as the reader sees it.
//!
//! mdBook expands `{{#include}}` and `{{#rustdoc_include}}` before it renders a
//! chapter. This script does the same expansion (whole files, line ranges and
//! anchors, with the same rules as mdBook 0.5.4), then hands every ```rust
//! block to skeptic, which compiles and runs it as a test.
//!
//! Each code block is written to a file of its own, padded so that its fence
//! sits on the same line as in the chapter, under the section heading it has
//! there. skeptic names a test `<file stem>_sect_<heading>_line_<line>`, so
//! every test name says the chapter, the section and the line of the block in
//! the chapter's source.
//!
//! When several blocks are the same program (a page shows one listing in
//! parts, each an anchor of the same file, the rest hidden), the first is
//! compiled and run, and the others are that test's: compiling the same
//! code again would prove nothing new. `blocks.tsv` names, for each block,
//! the test that compiles its program.
//!
//! An include that names a missing file, line or anchor stops the build with
//! the chapter and line of the include.
//!
//! It also writes `blocks.tsv` into `OUT_DIR`: every fenced block of every
//! page, with its info words, the name of its skeptic test and the files it
//! includes. The coverage test reads that list (`book::blocks`) instead of
//! parsing the pages again.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.parent().unwrap().to_path_buf();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let out = out_dir.join("book-blocks");
    // The blocks are written only where they changed: skeptic watches each
    // file it is given, and cargo counts a file written while the script
    // ran as changed since, so rewriting them all would rerun this script,
    // and rebuild this crate, at every `cargo test`.
    fs::create_dir_all(&out).unwrap();

    // Watch the pages and the files they include, one by one, not the
    // folders: `mdbook build` writes its quiz front end into src/, and a
    // claim's figures change with every measurement; neither changes a
    // block. A new page must be listed in SUMMARY.md, which is watched.
    println!("cargo:rerun-if-changed=build.rs");
    println!(
        "cargo:rerun-if-changed={}",
        root.join("src/SUMMARY.md").display()
    );

    let mut chapters = Vec::new();
    collect_markdown(&root.join("src"), &mut chapters);
    chapters.sort();

    let mut errors = Vec::new();
    let mut stems: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut docs = Vec::new();
    let mut manifest_rows = String::new();
    // Programs already given a test, by their code as compiled and their
    // attributes: the test's name.
    let mut tested: BTreeMap<(String, String), String> = BTreeMap::new();
    for chapter in &chapters {
        println!("cargo:rerun-if-changed={}", chapter.display());
        let rel = chapter.strip_prefix(&root).unwrap();
        let stem = test_stem(chapter.strip_prefix(root.join("src")).unwrap());
        if let Some(other) = stems.insert(stem.clone(), rel.to_path_buf()) {
            errors.push(format!(
                "{} and {} give the same test name prefix `{stem}`; rename one",
                other.display(),
                rel.display()
            ));
        }
        let text = fs::read_to_string(chapter).unwrap();
        for block in blocks(&root, rel, &text, &mut errors) {
            // A block that must not compile is tested by trybuild (test
            // layer 3), not by skeptic; skeptic has no `compile_fail`.
            if !block.is_rust() || block.info.iter().any(|t| t == "compile_fail") {
                let _ = writeln!(manifest_rows, "{}", block.manifest_row(rel, None));
                continue;
            }
            let info = block.info.join(",");
            // mdBook gives every Rust block a Run button, which sends the
            // program, hidden lines and all, to the Rust playground. The
            // playground has the most downloaded crates (tokio, rayon,
            // crossbeam, futures, libc...) and not these: a block that
            // uses one must be `rust,noplayground`, and a block marked so
            // must use one, so that the introduction's promise of which
            // blocks run there stays exact.
            let program = block.program();
            let needs = NOT_ON_PLAYGROUND.iter().find(|c| uses_crate(&program, c));
            let marked = block.info.iter().any(|t| t == "noplayground");
            match (needs, marked) {
                (Some(c), false) => errors.push(format!(
                    "{}:{}: the block uses `{c}`, which the Rust playground does not have; \
                     open it with ```rust,noplayground so that it shows no Run button",
                    rel.display(),
                    block.fence_line
                )),
                (None, true) => errors.push(format!(
                    "{}:{}: `noplayground`, but the block uses none of {NOT_ON_PLAYGROUND:?}; \
                     the playground can run it, so let it show its Run button",
                    rel.display(),
                    block.fence_line
                )),
                _ => {}
            }
            // A page often shows one listing in several blocks, each an
            // anchor of the same file; with the hidden lines put back they
            // are the same program, with the same attributes: one test
            // compiles and runs it for all of them.
            let key = (block.program(), info.clone());
            if let Some(test) = tested.get(&key) {
                let _ = writeln!(manifest_rows, "{}", block.manifest_row(rel, Some(test)));
                continue;
            }
            let test = block.test_name(&stem);
            let _ = writeln!(manifest_rows, "{}", block.manifest_row(rel, Some(&test)));
            tested.insert(key, test);
            let mut variants = vec![(stem.clone(), info)];
            // skeptic passes a `should_panic` block that fails to compile.
            // Compile it once more on its own, so that it must compile.
            if block.info.iter().any(|t| t == "should_panic") {
                let info: Vec<&str> = block
                    .info
                    .iter()
                    .map(String::as_str)
                    .filter(|t| *t != "should_panic")
                    .chain(["no_run"])
                    .collect();
                variants.push((format!("{stem}-compiles"), info.join(",")));
            }
            for (stem, info) in variants {
                let dir = out.join(format!("line{}", block.fence_line));
                fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("{stem}.md"));
                write_if_changed(&path, &block.as_markdown(&info));
                docs.push(path);
            }
        }
    }

    if !errors.is_empty() {
        let mut msg = String::from("\nthe book's code blocks cannot be expanded:\n");
        for e in &errors {
            let _ = writeln!(msg, "  {e}");
        }
        panic!("{msg}");
    }

    // The coverage test reads the blocks from here rather than parsing the
    // pages a second time.
    fs::write(out_dir.join("blocks.tsv"), manifest_rows).unwrap();

    docs.sort();
    skeptic::generate_doc_tests(&docs);
    // skeptic writes nothing for a book without Rust blocks; the test file
    // that includes its output must still compile.
    let tests = out_dir.join("skeptic-tests.rs");
    match fs::read_to_string(&tests) {
        // Every block goes through `run_block` (tests/skeptic.rs), which
        // calls skeptic's `run_test` and runs a block again only when the
        // system refused to start its program.
        Ok(text) => fs::write(
            &tests,
            text.replace("skeptic::rt::run_test(", "crate::run_block("),
        )
        .unwrap(),
        Err(_) => fs::write(tests, "").unwrap(),
    }
}

fn write_if_changed(path: &Path, text: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::write(path, text).unwrap();
    }
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        // Generated: a claim's figures (pages include them, and an include
        // is checked where it stands) and mdbook-quiz's front end.
        let generated = ["measured", "quiz"].map(|d| dir.join(d));
        if path.is_dir() && !generated.contains(&path) {
            collect_markdown(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// `threads/index.md` -> `threads-index`; the test name prefix of a chapter.
fn test_stem(rel: &Path) -> String {
    rel.with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "-")
}

/// Crates the Rust playground does not have (it has the hundred most
/// downloaded, and the book's own crate is on no registry).
// `tracing_subscriber`: the playground's crate list of early 2023
// (rust-lang/rust-playground, compiler/base/Cargo.toml, with tokio 1.24)
// had `tracing` but not it. `hdrhistogram`: its place among the hundred
// is not certain. So a block that prints spans or percentiles shows no
// Run button.
const NOT_ON_PLAYGROUND: &[&str] = &[
    "concurrency_measured",
    "timely",
    "axum",
    "tokio_util",
    "hdrhistogram",
    "tracing_subscriber",
];

/// Does the program name the crate (a path through it, or a `use` of it)?
fn uses_crate(program: &str, krate: &str) -> bool {
    program.contains(&format!("{krate}::"))
        || program.contains(&format!("use {krate};"))
        || program.contains(&format!("extern crate {krate}"))
}

/// A fenced code block of a page, with its includes expanded.
struct Block {
    /// 1-based line of the opening fence in the chapter's source.
    fence_line: usize,
    /// The H1 or H2 heading the block sits under (skeptic looks no deeper).
    heading: Option<String>,
    /// The words after the fence: `rust`, `no_run`, `text`...
    info: Vec<String>,
    code: String,
    /// The files its includes pull in, relative to the repository.
    includes: Vec<String>,
    /// How many lines it has on the page, between its fences.
    page_lines: usize,
}

impl Block {
    fn is_rust(&self) -> bool {
        self.info.first().is_some_and(|t| t == "rust")
    }

    /// The name skeptic gives the block's test (`<stem>_sect_<heading>_line_<n>`),
    /// by its rules: lower case, runs of other characters one `_`, and of the
    /// heading only the plain text, as pulldown-cmark reads it.
    fn test_name(&self, stem: &str) -> String {
        match &self.heading {
            Some(h) => format!(
                "{}_sect_{}_line_{}",
                sanitize(stem),
                sanitize(&heading_text(h)),
                self.fence_line
            ),
            None => format!("{}_line_{}", sanitize(stem), self.fence_line),
        }
    }

    /// One line of `blocks.tsv`: page, fence line, its lines on the page,
    /// info words, the name of the skeptic test that compiles its program
    /// (none for a block skeptic does not run), includes.
    fn manifest_row(&self, page: &Path, test: Option<&str>) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            page.display(),
            self.fence_line,
            self.page_lines,
            self.info.join(","),
            test.unwrap_or_default(),
            self.includes.join(" ")
        )
    }

    /// The program skeptic compiles: hidden lines (`# `) shown, and the
    /// anchor comments, which only some includes keep, left out.
    fn program(&self) -> String {
        self.code
            .lines()
            .filter(|l| !l.contains("ANCHOR:") && !l.contains("ANCHOR_END:"))
            .map(|l| {
                let t = l.trim_start();
                if let Some(rest) = t.strip_prefix("# ") {
                    rest
                } else if t == "#" {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The block alone, fence on the line it has in the chapter.
    fn as_markdown(&self, info: &str) -> String {
        let mut md = String::new();
        let mut line = 1;
        if let Some(h) = &self.heading {
            md.push_str(&format!("# {h}\n"));
            line += 1;
        }
        while line < self.fence_line {
            md.push('\n');
            line += 1;
        }
        md.push_str(&format!("```{info}\n{}\n```\n", self.code));
        md
    }
}

/// skeptic's test-name rules: lower case, runs of other characters become one `_`.
fn sanitize(s: &str) -> String {
    s.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A heading's text as skeptic reads it: only plain text counts, so code
/// spans drop out, and a link keeps its words but not its address.
fn heading_text(h: &str) -> String {
    let mut out = String::new();
    let mut rest = h;
    while let Some(c) = rest.find(['`', ']']) {
        out.push_str(&rest[..c]);
        if rest[c..].starts_with('`') {
            let close = rest[c + 1..]
                .find('`')
                .map_or(rest.len(), |e| c + 1 + e + 1);
            rest = &rest[close..];
        } else if rest[c..].starts_with("](") {
            let close = rest[c..].find(')').map_or(rest.len(), |e| c + e + 1);
            rest = &rest[close..];
        } else {
            rest = &rest[c + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// The fenced blocks of one chapter (`root`/`chapter`), with includes
/// expanded; every file an include inside a block reads is watched.
fn blocks(root: &Path, chapter: &Path, text: &str, errors: &mut Vec<String>) -> Vec<Block> {
    let base = root.join(chapter.parent().unwrap());
    let base = base.as_path();
    let mut blocks = Vec::new();
    let mut heading = None;
    /// A block being read: its fence's line, the fence, its info words,
    /// its lines with includes expanded, and the files those read.
    struct Open {
        start: usize,
        fence: String,
        info: Vec<String>,
        lines: Vec<String>,
        read: Vec<PathBuf>,
    }
    let mut open: Option<Open> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                // Includes outside code blocks (figures, shared text) must
                // resolve too, though only code goes to skeptic. The one
                // exception: a claim's figures (`measured/<id>.md`) are
                // written by `cargo xtask measure`, which could not
                // be built to write them if their absence stopped the build;
                // the coverage test fails on a missing one instead.
                let figures_to_come = line.contains("{{#include measured/")
                    && line.contains(".md}}")
                    && !base.join(measured_file(line)).exists();
                if figures_to_come {
                    println!(
                        "cargo:warning={}:{n}: {} does not exist yet; run `cargo xtask measure`",
                        chapter.display(),
                        measured_file(line)
                    );
                } else if let Err(e) = expand_line(base, line, &mut Vec::new()) {
                    errors.push(format!("{}:{n}: {e}", chapter.display()));
                }
                if let Some(fence) = fence_of(trimmed) {
                    let info: Vec<String> = trimmed[fence.len()..]
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned)
                        .collect();
                    open = Some(Open {
                        start: n,
                        fence,
                        info,
                        lines: Vec::new(),
                        read: Vec::new(),
                    });
                } else if let Some(h) = trimmed
                    .strip_prefix("# ")
                    .or_else(|| trimmed.strip_prefix("## "))
                {
                    heading = Some(h.trim().to_owned());
                }
            }
            Some(Open {
                start,
                fence,
                info,
                lines,
                read,
            }) => {
                if trimmed.trim_end() == fence.as_str() {
                    let mut includes = Vec::new();
                    for path in read.iter() {
                        println!("cargo:rerun-if-changed={}", path.display());
                        let path = fs::canonicalize(path).unwrap();
                        let rel = path.strip_prefix(fs::canonicalize(root).unwrap()).unwrap();
                        includes.push(rel.display().to_string());
                    }
                    blocks.push(Block {
                        fence_line: *start,
                        heading: heading.clone(),
                        info: info.clone(),
                        page_lines: lines.len(),
                        code: lines.join("\n"),
                        includes,
                    });
                    open = None;
                } else {
                    match expand_line(base, line, read) {
                        Ok(expanded) => lines.push(expanded),
                        Err(e) => errors.push(format!("{}:{n}: {e}", chapter.display())),
                    }
                }
            }
        }
    }
    if let Some(Open { start, .. }) = open {
        errors.push(format!(
            "{}:{start}: code block is never closed",
            chapter.display()
        ));
    }
    blocks
}

/// `measured/<id>.md` from a line holding `{{#include measured/<id>.md}}`.
fn measured_file(line: &str) -> &str {
    let start = line.find("measured/").unwrap();
    let end = start + line[start..].find(".md}}").unwrap() + 3;
    &line[start..end]
}

/// "```" or "~~~" (or longer) at the start of a line opens a fenced block.
fn fence_of(trimmed: &str) -> Option<String> {
    for ch in ['`', '~'] {
        let len = trimmed.chars().take_while(|&c| c == ch).count();
        if len >= 3 {
            return Some(ch.to_string().repeat(len));
        }
    }
    None
}

/// Expands every `{{#include ...}}` and `{{#rustdoc_include ...}}` in a line.
/// Each file it reads is added to `read`.
fn expand_line(base: &Path, line: &str, read: &mut Vec<PathBuf>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("{{") {
        if start > 0 && rest[..start].ends_with('\\') {
            // An escaped link: mdBook drops the backslash, keeps the text.
            out.push_str(&rest[..start - 1]);
            out.push_str("{{");
            rest = &rest[start + 2..];
            continue;
        }
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find("}}") else {
            out.push_str(&rest[start..]);
            return Ok(out);
        };
        let link = &rest[start + 2..start + len];
        let body = link.trim_start();
        let (kind, target) = match body.split_once(char::is_whitespace) {
            Some((k, t)) => (k, t.trim()),
            None => (body, ""),
        };
        match kind {
            "#include" => out.push_str(&include(base, target, false, read)?),
            "#rustdoc_include" => out.push_str(&include(base, target, true, read)?),
            _ => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

fn include(
    base: &Path,
    target: &str,
    rustdoc: bool,
    read: &mut Vec<PathBuf>,
) -> Result<String, String> {
    let target = target.split_whitespace().next().unwrap_or("");
    let (file, selector) = match target.split_once(':') {
        Some((f, s)) => (f, Some(s)),
        None => (target, None),
    };
    let path = base.join(file);
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    read.push(path.clone());
    let lines: Vec<&str> = text.lines().collect();
    let Some(selector) = selector else {
        return Ok(select_range(&lines, 0, lines.len(), rustdoc));
    };
    let mut parts = selector.splitn(2, ':');
    let first = parts.next().unwrap();
    let second = parts.next();
    if !first.is_empty() && first.parse::<usize>().is_err() {
        return anchored(&lines, first, rustdoc)
            .ok_or_else(|| format!("no anchor `{first}` in {}", path.display()));
    }
    let start = if first.is_empty() {
        0
    } else {
        first.parse::<usize>().unwrap().saturating_sub(1)
    };
    let end = match second {
        None if first.is_empty() => lines.len(),
        None => start + 1,
        Some(s) => s.parse::<usize>().unwrap_or(lines.len()),
    };
    if start >= lines.len() || end > lines.len() || start >= end {
        return Err(format!(
            "lines {selector} are not in {} ({} lines)",
            path.display(),
            lines.len()
        ));
    }
    Ok(select_range(&lines, start, end, rustdoc))
}

/// Lines `start..end`; with rustdoc, the others are kept but hidden (`# `).
fn select_range(lines: &[&str], start: usize, end: usize, rustdoc: bool) -> String {
    let mut picked = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if (start..end).contains(&i) {
            picked.push(l.to_string());
        } else if rustdoc {
            picked.push(format!("# {l}"));
        }
    }
    picked.join("\n")
}

fn anchor_name<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let at = line.find(marker)?;
    let name = line[at + marker.len()..].trim_start();
    let end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(name.len());
    (end > 0).then(|| &name[..end])
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`, as mdBook takes
/// them: other anchor lines are dropped; with rustdoc, the lines outside the
/// anchor are kept but hidden. `None` when the anchor does not exist.
fn anchored(lines: &[&str], anchor: &str, rustdoc: bool) -> Option<String> {
    let mut found = false;
    let mut inside = false;
    let mut done = false;
    let mut picked = Vec::new();
    for l in lines {
        let start = anchor_name(l, "ANCHOR:");
        let end = anchor_name(l, "ANCHOR_END:");
        if inside {
            if end == Some(anchor) {
                inside = false;
                done = true;
            } else if start.is_none() && end.is_none() {
                picked.push(l.to_string());
            }
        } else if start == Some(anchor) && (rustdoc || !done) {
            found = true;
            inside = true;
        } else if rustdoc && start.is_none() && end.is_none() {
            picked.push(format!("# {l}"));
        }
    }
    found.then(|| picked.join("\n"))
}
