//! `cargo run --example measure`: measures every claim in `tests/claims.toml`
//! on this machine, prints what it found, and writes it into the book:
//! `src/measured/<id>.md`, the figures each chapter shows beside its claim,
//! and `src/appendix-claims.md`, the appendix "Every claim, measured".
//!
//! It uses the same measurements and bounds as `cargo test --test claims`.
//! It exits with status 1 when a claim fails its bound (and still writes
//! the figures, so the book shows what happened), 2 on bad arguments.
#[path = "../support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::process::ExitCode;
use support::Report;
use support::registry::{Verdict, root};

const USAGE: &str = "usage: cargo run --example measure

Measures every claim in tests/claims.toml on this machine (one at a time,
best of several trials each; about a minute), prints a table, and writes
src/measured/<id>.md and src/appendix-claims.md. Takes no arguments.";

fn main() -> ExitCode {
    if std::env::args().len() > 1 {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let registry = support::registry::load();
    let machine = machine();
    let n = registry.claim.len();
    let mut reports = Vec::new();
    for (i, claim) in registry.claim.iter().enumerate() {
        eprint!("[{}/{n}] {} ... ", i + 1, claim.id);
        let report = {
            let _quiet = Silenced::stdout();
            support::run(&registry, &claim.id)
        };
        eprintln!("{}", if report.passed() { "pass" } else { "FAIL" });
        reports.push(report);
    }

    println!("\n{}", table(&reports));
    for report in &reports {
        if !report.passed() {
            println!("{}", report.text());
        }
    }

    let dir = root().join("src/measured");
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(&dir).unwrap() {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
    for report in &reports {
        let path = dir.join(format!("{}.md", report.claim.id));
        fs::write(&path, figure(report, &machine)).unwrap();
    }
    fs::write(
        root().join("src/appendix-claims.md"),
        appendix(&reports, &machine),
    )
    .unwrap();
    println!("wrote src/measured/*.md and src/appendix-claims.md ({machine})");

    if reports.iter().all(Report::passed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The listings print as they run (on the page, their output is the
/// lesson). While a claim is measured, their output goes to /dev/null, so
/// that the progress and the table stay readable.
struct Silenced {
    saved: i32,
}

impl Silenced {
    fn stdout() -> Silenced {
        let _ = std::io::stdout().flush();
        // Safety: plain file-descriptor calls on descriptors this process
        // owns; `drop` puts descriptor 1 back as it was.
        unsafe {
            let saved = libc::dup(1);
            let null = libc::open(c"/dev/null".as_ptr(), libc::O_WRONLY);
            libc::dup2(null, 1);
            libc::close(null);
            Silenced { saved }
        }
    }
}

impl Drop for Silenced {
    fn drop(&mut self) {
        let _ = std::io::stdout().flush();
        // Safety: `saved` is the descriptor duplicated in `stdout()`.
        unsafe {
            libc::dup2(self.saved, 1);
            libc::close(self.saved);
        }
    }
}

fn verdict(v: &Verdict) -> String {
    match v {
        Verdict::Pass => "pass".into(),
        Verdict::Fail => "FAIL".into(),
        Verdict::Skipped(why) => format!("skipped ({why})"),
    }
}

/// The table printed to the terminal.
fn table(reports: &[Report]) -> String {
    let mut s = format!(
        "{:<16} {:>9} {:>16} {:>28}  result\n",
        "claim", "measured", "ideal", "asserted"
    );
    for r in reports {
        for (check, value, v) in r.checks() {
            let _ = writeln!(
                s,
                "{:<16} {:>9} {:>16} {:>28}  {}",
                r.claim.id,
                check.fmt(value),
                check.ideal_text(r.cores),
                check.bound_text(r.cores),
                verdict(v)
            );
        }
    }
    s
}

/// What the chapter shows beside the claim: `{{#include measured/<id>.md}}`.
fn figure(r: &Report, machine: &str) -> String {
    let mut s = format!(
        "<div class=\"measured\" id=\"measured-{id}\">\n\n\
         **Measured** (claim [`{id}`](appendix-claims.md#{id}), {machine}):\n\n",
        id = r.claim.id
    );
    for (check, value, v) in r.checks() {
        let _ = writeln!(
            s,
            "- {}: **{}**. Ideal {}: {}. The test asserts {}: {}. Result: {}.",
            check.measure,
            check.fmt(value),
            check.ideal_text(r.cores),
            check.why_ideal,
            check.bound_text(r.cores),
            check.why_bound,
            verdict(v)
        );
    }
    // Details may open with a Markdown table (lines that start with `|`),
    // for a comparison too wide for one line per check: the box shows it as
    // a table, above the raw times.
    let table: Vec<&str> = r
        .details
        .lines()
        .take_while(|l| l.starts_with('|'))
        .collect();
    let raw: Vec<&str> = r.details.lines().skip(table.len()).collect();
    if !table.is_empty() {
        s += &format!("\n{}\n", table.join("\n"));
    }
    s += "\n<details><summary>Raw times</summary>\n\n```text\n";
    s += &raw.join("\n");
    s += "\n```\n\n</details>\n</div>\n";
    s
}

/// The appendix: every claim, with the figures of this run.
fn appendix(reports: &[Report], machine: &str) -> String {
    let titles = chapter_titles();
    let mut s = String::from(
        "<!-- Generated by `cargo run --example measure` from tests/claims.toml. Do not edit. -->\n\
         # Every claim, measured\n\n\
         Every timing claim in this book is listed here with the figures of one real run.\n\
         `cargo test` measures each claim again and fails when a figure is outside its bound;\n\
         `cargo run --example measure` measures them all and rewrites this page and the\n\
         figures in the chapters. The claims, their ideals and their bounds live in one file,\n\
         `tests/claims.toml`.\n\n\
         Each figure is a ratio of two runs made side by side in one process, the best of\n\
         several interleaved trials, because absolute times on a shared machine mean little.\n\
         The *ideal* is what the physics allows; the *bound* is what the test asserts, with\n\
         the reason for its margin.\n\n",
    );
    let _ = writeln!(s, "**This run:** {machine}.\n");
    s += "| Claim | Chapter | Measured | Ideal | Asserted | Result |\n";
    s += "|---|---|---|---|---|---|\n";
    for r in reports {
        let title = titles
            .iter()
            .find(|(_, file)| *file == r.claim.chapter)
            .map_or(r.claim.chapter.as_str(), |(t, _)| t.as_str());
        for (i, (check, value, v)) in r.checks().enumerate() {
            let claim = if i == 0 {
                format!(
                    "<a id=\"{id}\"></a>{text}<br>`{id}`: {m}",
                    id = r.claim.id,
                    text = r.claim.claim,
                    m = check.measure
                )
            } else {
                format!("`{}`: {}", r.claim.id, check.measure)
            };
            let _ = writeln!(
                s,
                "| {claim} | [{title}]({file}#measured-{id}) | **{value}** | {ideal} | {bound} | {verdict} |",
                file = r.claim.chapter,
                id = r.claim.id,
                value = check.fmt(value),
                ideal = check.ideal_text(r.cores),
                bound = check.bound_text(r.cores),
                verdict = verdict(v),
            );
        }
    }
    s
}

/// (title, file) of every chapter in SUMMARY.md.
fn chapter_titles() -> Vec<(String, String)> {
    let summary = fs::read_to_string(root().join("src/SUMMARY.md")).unwrap();
    summary
        .lines()
        .filter_map(|l| {
            let open = l.find('[')?;
            let close = l[open..].find("](")? + open;
            let end = l[close..].find(')')? + close;
            Some((l[open + 1..close].to_owned(), l[close + 2..end].to_owned()))
        })
        .collect()
}

/// "2 cores (AMD EPYC), linux x86_64, rustc 1.95.0, debug build, 2026-11-23 16:40 UTC"
fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "CPU model unknown".into());
    let rustc = std::process::Command::new(std::env::var("RUSTC").unwrap_or("rustc".into()))
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|v| v.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| "version unknown".into());
    let profile = if cfg!(debug_assertions) {
        "debug build"
    } else {
        "release build"
    };
    format!(
        "{} cores ({cpu}), {} {}, rustc {rustc}, {profile}, {}",
        support::registry::cores(),
        std::env::consts::OS,
        std::env::consts::ARCH,
        utc_now()
    )
}

/// The current UTC time as "YYYY-MM-DD HH:MM UTC", without a date crate.
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3_600,
        rest % 3_600 / 60
    )
}
