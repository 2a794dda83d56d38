//! `cargo xtask <command>`: the project's tools. Each writes into the book
//! only what a run on this machine produced.
use std::process::{Command, ExitCode};

mod chapter;
mod exercises;
mod measure;
mod outputs;
mod timelines;

const USAGE: &str = "usage: cargo xtask <command> [ARGS...]

commands:
  measure [ID...]     measure the claims and write their figures into the book
                      (src/measured/, src/appendix-claims.md); `measure --help`
  breakers            measure every claim with its breaker: each must be refuted
  timelines [ID...]   rerun the listings and draw the timeline figures
                      (src/timelines/); `timelines --help`
  outputs [LISTING...] run the listings and write the output the pages show
                      (listings/<slug>/<name>.output.txt, as listings/outputs.toml
                      lists them)
  chapter SLUG        test one chapter: its listings' tests, its rendered
                      blocks and its claims (SLUG: threads, data-parallel, ...)
  decision-tree       write the decision helper's data (theme/decision-tree.js)
                      and the browser test's paths from Listing 14-1
  stderr              record the compiler's message for each listing that must
                      not compile (listings/compile_fail/*.stderr), which the
                      pages show: trybuild, with TRYBUILD=overwrite
  exercises [--check] write each exercise's starter into exercises/src/; with
                      --check, write nothing and fail unless every starter is
                      as written, compiles and fails its hidden tests";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match command.as_str() {
        "measure" => with_workers(|| measure::main(rest)),
        "breakers" => with_workers(|| measure::main(&["--breakers".to_owned()])),
        "timelines" => with_workers(|| timelines::main(rest)),
        "outputs" => with_workers(|| outputs::main(rest)),
        "chapter" => with_workers(|| chapter::main(rest)),
        "exercises" => exercises::main(rest),
        "stderr" => {
            let ok = cargo()
                .args([
                    "test",
                    "--package",
                    "compile-fail",
                    "--test",
                    "compile_fail",
                ])
                .env("TRYBUILD", "overwrite")
                .current_dir(harness::registry::root())
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        "decision-tree" => {
            for (path, text) in harness::decision_tree::files() {
                std::fs::write(harness::registry::root().join(path), text).unwrap();
                println!("wrote {path}");
            }
            ExitCode::SUCCESS
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Runs `f` once the crate's `listing` program, which the listings' worker
/// processes run (`harness::workers`) and which runs a listing by name, is
/// built.
fn with_workers(f: impl FnOnce() -> ExitCode) -> ExitCode {
    let built = cargo()
        .args(["build", "--quiet", "--bin", "listing"])
        .status()
        .is_ok_and(|s| s.success());
    if !built {
        eprintln!("error: `cargo build --bin listing` failed");
        return ExitCode::FAILURE;
    }
    f()
}

/// The cargo that runs this tool (`cargo xtask` sets `CARGO`).
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}
