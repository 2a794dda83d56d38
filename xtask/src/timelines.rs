//! `cargo xtask timelines`: reruns the listings behind every
//! timeline figure (`harness/src/timelines/`), records what their tasks
//! and threads did, and writes each figure to `src/timelines/<id>.html`,
//! which its chapter shows with `{{#include timelines/<id>.html}}`.
//!
//! `cargo xtask timelines ID...` redraws only those figures.
//! Exits with status 2 on bad arguments.
use harness::registry::root;
use harness::timelines::{self, Figure, svg};
use std::fs;
use std::process::ExitCode;

/// Each figure is drawn from the fastest of this many runs.
const RUNS: usize = 3;

fn usage() -> String {
    let ids: Vec<&str> = timelines::all().iter().map(|f| f.id).collect();
    format!(
        "usage: cargo xtask timelines [ID...]

Reruns the listings behind the book's timeline figures on this machine and
writes src/timelines/<id>.html, which the chapters include. Each figure is
drawn three times, and each of its panels is the fastest of its three runs.
With no ID it draws every figure (a minute or more); with IDs, only those.

figures: {}",
        ids.join(", ")
    )
}

pub fn main(args: &[String]) -> ExitCode {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    let mut chosen: Vec<&Figure> = Vec::new();
    for arg in args {
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
    let machine = harness::machine::describe();
    for (i, fig) in chosen.iter().enumerate() {
        eprint!(
            "[{}/{}] figure {} ({}) ... ",
            i + 1,
            chosen.len(),
            fig.number,
            fig.id
        );
        // Alone on the machine, as the claims are measured, and each panel
        // the fastest of a few runs, as each side of a claim is: noise on a
        // shared machine only ever adds time, so the fastest run is the one
        // least disturbed. (A panel is a run of its own, so panels of
        // different runs sit side by side as the two sides of a claim do.)
        let mut runs: Vec<Vec<timelines::Panel>> = (0..RUNS)
            .map(|_| {
                let _alone = harness::timing::exclusive();
                (fig.draw)()
            })
            .collect();
        let panels: Vec<timelines::Panel> = (0..runs[0].len())
            .map(|i| {
                let fastest = (0..runs.len()).min_by_key(|&r| runs[r][i].wall).unwrap();
                std::mem::replace(
                    &mut runs[fastest][i],
                    timelines::Panel {
                        name: String::new(),
                        wall: Default::default(),
                        lanes: Vec::new(),
                    },
                )
            })
            .collect();
        let html = svg::figure(fig, &panels, RUNS, &machine);
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
