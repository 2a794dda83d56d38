//! `cargo xtask chapter SLUG`: tests one chapter alone. A chapter has one
//! name throughout: `src/SLUG.md`, `listings/SLUG/` (with `_` for `-`),
//! `src/quizzes/SLUG.toml`, `tests/chapters/SLUG.rs`, `harness/src/measure/SLUG.rs`.
//! It runs, each with `cargo test`:
//! 1. the unit tests of the chapter's listings (the exercises' hidden tests,
//!    some of which start the `listing` program, built first, as workers);
//! 2. `tests/chapters/SLUG.rs`, what the chapter says about its listings;
//! 3. the skeptic tests of the chapter's page, every Rust block as shown;
//! 4. the chapter's claims, measured and judged.
use harness::registry::{self, root};
use std::process::ExitCode;

pub fn main(args: &[String]) -> ExitCode {
    let [slug] = args else {
        eprintln!("usage: cargo xtask chapter SLUG (threads, data-parallel, ...)");
        return ExitCode::from(2);
    };
    let slug = slug.replace('_', "-");
    let module = slug.replace('-', "_");
    let page = format!("{slug}.md");
    if !root().join("src").join(&page).is_file() {
        eprintln!("no chapter src/{page}");
        return ExitCode::from(2);
    }

    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    // Test names are paths (`threads::exercise_survive_panics::tests::x`),
    // and libtest filters by substring, which `processes_threads::` would
    // also match: list the tests, keep the chapter's, run those exactly.
    let lib = &["--package", "concurrency-measured", "--lib"];
    let unit = listed(lib, |name| name.starts_with(&format!("{module}::")));
    steps.push(exactly("its listings' unit tests", lib, unit));
    if root().join(format!("tests/chapters/{module}.rs")).is_file() {
        let chapters = &["--package", "concurrency-measured", "--test", "chapters"];
        let tests = listed(chapters, |name| name.starts_with(&format!("{module}::")));
        steps.push(exactly(
            &format!("tests/chapters/{module}.rs"),
            chapters,
            tests,
        ));
    }
    // A chapter's test that needs a program of its own (real_io).
    if root().join(format!("tests/{module}.rs")).is_file() {
        steps.push((format!("tests/{module}.rs"), args_of(&["--test", &module])));
    }
    let skeptic = &["--package", "book-tests", "--test", "skeptic"];
    let blocks = listed(skeptic, |name| {
        name.starts_with(&format!("{module}_sect_")) || name.starts_with(&format!("{module}_line_"))
    });
    steps.push(exactly("its rendered blocks (skeptic)", skeptic, blocks));
    let claims: Vec<String> = registry::load()
        .claim
        .into_iter()
        .filter(|c| c.chapter == page)
        .map(|c| c.id)
        .collect();
    let claims_test = &["--package", "concurrency-measured", "--test", "claims"];
    steps.push(exactly("its claims", claims_test, claims));

    let mut failed = Vec::new();
    for (what, args) in &steps {
        if args.is_empty() {
            println!("\n== {what}: none");
            continue;
        }
        println!("\n== {what}: cargo test {}", shown(args));
        let ok = crate::cargo()
            .arg("test")
            .args(args)
            .current_dir(root())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            failed.push(what.clone());
        }
    }
    if failed.is_empty() {
        println!("\nchapter {slug}: every step passed");
        ExitCode::SUCCESS
    } else {
        println!("\nchapter {slug}: failed: {}", failed.join("; "));
        ExitCode::FAILURE
    }
}

fn args_of(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

/// `cargo test <target> -- --exact NAME...`; no arguments for no names.
fn exactly(what: &str, target: &[&str], names: Vec<String>) -> (String, Vec<String>) {
    if names.is_empty() {
        return (what.to_owned(), Vec::new());
    }
    let mut args = args_of(target);
    args.extend(["--".to_owned(), "--exact".to_owned()]);
    args.extend(names);
    (what.to_owned(), args)
}

/// The names of the tests of `target` that `keep` keeps.
fn listed(target: &[&str], keep: impl Fn(&str) -> bool) -> Vec<String> {
    let out = crate::cargo()
        .args(["test", "--quiet"])
        .args(target)
        .args(["--", "--list", "--format", "terse"])
        .current_dir(root())
        .output()
        .expect("cargo test -- --list");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .filter(|name| keep(name))
        .map(str::to_owned)
        .collect()
}

/// The arguments as a reader would type them, with a long list cut short.
fn shown(args: &[String]) -> String {
    if args.len() <= 8 {
        return args.join(" ");
    }
    format!("{} ... ({} names)", args[..6].join(" "), args.len() - 5)
}
