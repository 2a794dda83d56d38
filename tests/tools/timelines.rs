//! `cargo run --example timelines`: reruns the listings behind every
//! timeline figure (`tests/support/timelines/`), records what their tasks
//! and threads did, and writes each figure to `src/timelines/<id>.html`,
//! which its chapter shows with `{{#include timelines/<id>.html}}`.
//!
//! `cargo run --example timelines -- ID...` redraws only those figures.
//! Exits with status 2 on bad arguments.
#[path = "../support/mod.rs"]
mod support;

use std::fs;
use std::process::ExitCode;
use support::registry::root;
use support::timelines::{self, Figure, svg};

fn usage() -> String {
    let ids: Vec<&str> = timelines::all().iter().map(|f| f.id).collect();
    format!(
        "usage: cargo run --example timelines [-- ID...]

Reruns the listings behind the book's timeline figures on this machine and
writes src/timelines/<id>.html, which the chapters include. With no ID it
draws every figure (a few seconds); with IDs, only those.

figures: {}",
        ids.join(", ")
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    let mut chosen: Vec<&Figure> = Vec::new();
    for arg in &args {
        match timelines::get(arg) {
            Some(f) => chosen.push(f),
            None => {
                let what = if arg.starts_with('-') {
                    "unknown option"
                } else {
                    "no figure"
                };
                eprintln!("{what} `{arg}`\n\n{}", usage());
                return ExitCode::from(2);
            }
        }
    }
    if chosen.is_empty() {
        chosen = timelines::all();
    }

    let dir = root().join("src/timelines");
    fs::create_dir_all(&dir).unwrap();
    let machine = support::machine::describe();
    for (i, fig) in chosen.iter().enumerate() {
        eprint!(
            "[{}/{}] figure {} ({}) ... ",
            i + 1,
            chosen.len(),
            fig.number,
            fig.id
        );
        let panels = {
            // Alone on the machine, as the claims are measured.
            let _alone = support::timing::exclusive();
            (fig.draw)()
        };
        let html = svg::figure(fig, &panels, &machine);
        let path = dir.join(format!("{}.html", fig.id));
        fs::write(&path, html).unwrap();
        let lanes: usize = panels.iter().map(|p| p.lanes.len()).sum();
        eprintln!("{} panels, {lanes} lanes", panels.len());
    }
    println!(
        "wrote {} figure(s) to src/timelines/ ({machine})",
        chosen.len()
    );
    ExitCode::SUCCESS
}
