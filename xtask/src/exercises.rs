//! `cargo xtask exercises`: writes each exercise's starter into the
//! `exercises` crate, where a reader works it without seeing its solution.
//!
//! One source for each part: the exercise's listing
//! (`listings/<slug>/exercise_<name>.rs`) holds its setup, its `main` and its
//! hidden tests; the chapter's starter block holds the stub the reader
//! replaces (the lines between the setup's include and `main`'s). The
//! starter is setup, stub and `main`, as the page shows it, followed by the
//! hidden tests: `exercises/src/<slug>/<name>.rs`.
//!
//! `cargo xtask exercises --check` (CI runs it) writes nothing: it fails
//! unless every starter is as generated, compiles, and fails its hidden
//! tests (a starter that passes them would let a reader skip the exercise).
use harness::registry::root;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::process::ExitCode;

pub fn main(args: &[String]) -> ExitCode {
    let check = match args {
        [] => false,
        [c] if c == "--check" => true,
        _ => {
            eprintln!("usage: cargo xtask exercises [--check]");
            return ExitCode::from(2);
        }
    };
    let starters = match starters() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut files: BTreeMap<String, String> =
        starters.iter().map(|s| (s.path(), s.text())).collect();
    files.insert(
        "exercises/src/exercises.rs".to_owned(),
        crate_root(&starters),
    );
    if !check {
        for (path, text) in &files {
            let path = root().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        }
        println!("wrote {} starters to exercises/src/", starters.len());
        return ExitCode::SUCCESS;
    }

    let mut problems = Vec::new();
    for (path, text) in &files {
        if fs::read_to_string(root().join(path)).ok().as_deref() != Some(text) {
            problems.push(format!(
                "{path} is not as generated: run `cargo xtask exercises` \
                 (it overwrites any answer written there)"
            ));
        }
    }
    if problems.is_empty() {
        problems.extend(run_hidden_tests(&starters));
    }
    if problems.is_empty() {
        println!(
            "exercises: {} starters as generated, compiling, each failing its hidden tests",
            starters.len()
        );
        ExitCode::SUCCESS
    } else {
        eprintln!("exercises:\n  {}", problems.join("\n  "));
        ExitCode::FAILURE
    }
}

/// One exercise's starter.
struct Starter {
    /// "4-1", from the page's caption.
    number: String,
    slug: String,
    /// `survive_panics`, from `exercise_survive_panics.rs`.
    name: String,
    setup: String,
    stub: String,
    main: String,
    tests: String,
}

impl Starter {
    fn module(&self) -> String {
        self.slug.replace('-', "_")
    }

    fn path(&self) -> String {
        format!("exercises/src/{}/{}.rs", self.module(), self.name)
    }

    fn listing(&self) -> String {
        format!("listings/{}/exercise_{}.rs", self.module(), self.name)
    }

    fn text(&self) -> String {
        format!(
            "//! Exercise {}, starter: write your answer in place of the stub,\n\
             //! then check it with `cargo test -p exercises {}`. Its hidden\n\
             //! tests are at the end of this file.\n\
             //!\n\
             //! Written by `cargo xtask exercises` from the listing\n\
             //! `{}` (setup, `main`, tests) and the chapter `src/{}.md` (the\n\
             //! stub). To start again: `git checkout {}`.\n\
             {}\n\n{}\n\n{}\n\n{}",
            self.number,
            self.name,
            self.listing(),
            self.slug,
            self.path(),
            self.setup.trim_end(),
            self.stub.trim(),
            self.main.trim(),
            self.tests
        )
    }
}

/// The root of the crate's test program: a module per chapter, a module per
/// exercise, and the worker program that hidden tests may start.
fn crate_root(starters: &[Starter]) -> String {
    let mut by_chapter: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for s in starters {
        by_chapter.entry(s.module()).or_default().push(&s.name);
    }
    let mut out = String::from(
        "//! The exercises' starters, one module per exercise, a folder per\n\
         //! chapter: `cargo test -p exercises <name>` checks one. Written by\n\
         //! `cargo xtask exercises`.\n\
         //!\n\
         //! A starter leaves parts of its setup unused until it is answered.\n\
         #![allow(unused)]\n\
         \n\
         /// The program that hidden tests start as worker processes, whose\n\
         /// `main` serves as one (`src/worker.rs`): a test program cannot,\n\
         /// its `main` is the test harness's.\n\
         fn worker_program() -> std::path::PathBuf {\n    \
         env!(\"CARGO_BIN_EXE_exercise-worker\").into()\n\
         }\n",
    );
    for (chapter, mut names) in by_chapter {
        names.sort();
        let _ = writeln!(out, "\npub mod {chapter} {{");
        for name in names {
            let _ = writeln!(out, "    pub mod {name};");
        }
        out.push_str("}\n");
    }
    out
}

/// Every starter block of every chapter, with its listing's parts.
fn starters() -> Result<Vec<Starter>, String> {
    let mut out = Vec::new();
    let mut pages: Vec<_> = fs::read_dir(root().join("src"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    for page in pages {
        let slug = page.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = fs::read_to_string(&page).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(listing) = line
                .strip_prefix("{{#include ../")
                .and_then(|l| l.strip_suffix(":setup}}"))
            else {
                continue;
            };
            let at = format!("src/{slug}.md:{}", i + 1);
            let name = listing
                .rsplit('/')
                .next()
                .and_then(|f| f.strip_prefix("exercise_"))
                .and_then(|f| f.strip_suffix(".rs"))
                .ok_or_else(|| format!("{at}: `{listing}` is no exercise_*.rs"))?;
            let end = lines[i..]
                .iter()
                .position(|l| l.starts_with("```"))
                .map(|n| i + n)
                .ok_or_else(|| format!("{at}: the starter block never closes"))?;
            let main_include = format!("{{{{#include ../{listing}:main}}}}");
            if lines[end - 1] != main_include {
                return Err(format!(
                    "{at}: the starter block does not end with {main_include}"
                ));
            }
            let number = lines[..i]
                .iter()
                .rev()
                .find_map(|l| {
                    let rest = l.split("Exercise ").nth(1)?;
                    Some(rest.split(',').next()?.to_owned())
                })
                .ok_or_else(|| format!("{at}: no caption `Exercise N-M, starter` above"))?;
            let source = fs::read_to_string(root().join(listing))
                .map_err(|e| format!("{at}: {listing}: {e}"))?;
            let anchor =
                |a: &str| anchored(&source, a).ok_or_else(|| format!("{listing}: no anchor `{a}`"));
            // The hidden tests: from the attribute before `mod tests` to the end.
            let tests = source
                .find("\nmod tests")
                .and_then(|m| source[..m].rfind("#[cfg("))
                .map(|t| source[t..].to_owned())
                .ok_or_else(|| format!("{listing}: no hidden tests (`#[cfg(test)] mod tests`)"))?;
            out.push(Starter {
                number,
                slug: slug.clone(),
                name: name.to_owned(),
                setup: anchor("setup")?,
                stub: lines[i + 1..end - 1].join("\n"),
                main: anchor("main")?,
                tests,
            });
        }
    }
    Ok(out)
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`, other anchor
/// lines left out, as mdBook's `{{#include file:name}}` takes them.
fn anchored(source: &str, name: &str) -> Option<String> {
    let start = format!("ANCHOR: {name}");
    let end = format!("ANCHOR_END: {name}");
    let mut inside = false;
    let mut found = false;
    let mut picked = Vec::new();
    for line in source.lines() {
        if line.contains(&end) {
            inside = false;
        } else if line.contains(&start) {
            inside = true;
            found = true;
        } else if inside && !line.contains("ANCHOR") {
            picked.push(line);
        }
    }
    found.then(|| picked.join("\n"))
}

/// Compiles the crate and runs its tests: each starter must fail at least
/// one of its hidden tests.
fn run_hidden_tests(starters: &[Starter]) -> Vec<String> {
    let out = crate::cargo()
        .args(["test", "--package", "exercises", "--no-fail-fast"])
        .current_dir(root())
        .output()
        .expect("cargo test --package exercises");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !stdout.contains("test result:") {
        return vec![format!("the starters do not compile:\n{stderr}")];
    }
    let mut problems = Vec::new();
    for s in starters {
        let prefix = format!("test {}::{}::", s.module(), s.name);
        let ran = stdout.lines().filter(|l| l.starts_with(&prefix)).count();
        let failed = stdout
            .lines()
            .filter(|l| l.starts_with(&prefix) && l.ends_with("FAILED"))
            .count();
        if ran == 0 {
            problems.push(format!("{}: no hidden test ran", s.path()));
        } else if failed == 0 {
            problems.push(format!(
                "{}: the starter passes all {ran} of its hidden tests",
                s.path()
            ));
        } else {
            println!("{}: fails {failed} of {ran} hidden tests", s.path());
        }
    }
    problems
}
