//! `cargo xtask measure`: measures every claim in `tests/claims.toml`
//! on this machine, prints what it found, and writes it into the book:
//! `src/measured/<id>.md`, the figures each chapter shows beside its claim,
//! and `src/appendix-claims.md`, the appendix "Every claim, measured",
//! with a bar chart of every check against its ideal and bound.
//!
//! It uses the same measurements and bounds as `cargo test --test claims`.
//! It exits with status 1 when a claim fails its bound (and still writes
//! the figures, so the book shows what happened), 2 on bad arguments.
use harness::Report;
use harness::registry::{Verdict, root};
use std::fmt::Write as _;
use std::fs;
use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask measure [--breakers] [ID...] | --redraw | --list | --help

Measures every claim in tests/claims.toml on this machine, one at a time,
with a progress bar. Prints a table (claim, measured, ideal, asserted
bound, verdict) and writes what it found into the book: src/measured/<id>.md,
the figures beside each claim, and src/appendix-claims.md, the appendix
with its bar chart of measured against ideal.

Each check's verdict is pass, refuted, or could not measure (the machine
did not give the cores or the quiet the check needs; the table says why).

  ID...       measure only these claims and print their table; the book is
              not written, since its appendix shows one run of every claim
  --breakers  measure each claim with its breaker, the change to its
              listing that the claim must refute (tests/claims.toml says
              which), and check that the verdict is refuted; the book is
              not written
  --redraw    measure nothing: write the appendix again, chart and table,
              from the run it records (after a change to how it is drawn)
  --list      list the claims' ids, what each says and its breaker
  --help      this text

Exit status: 0 when no claim is refuted (with --breakers: when every
claim is), 1 otherwise, and 1 when a claim could not be measured under
CI=true or CLAIMS_STRICT=1; 2 on bad arguments.";

struct Args {
    help: bool,
    list: bool,
    breakers: bool,
    redraw: bool,
    ids: Vec<String>,
}

fn parse_args(registry: &harness::registry::Registry, argv: &[String]) -> Result<Args, String> {
    let mut args = Args {
        help: false,
        list: false,
        breakers: false,
        redraw: false,
        ids: Vec::new(),
    };
    for arg in argv {
        match arg.as_str() {
            "-h" | "--help" => args.help = true,
            "--list" => args.list = true,
            "--breakers" => args.breakers = true,
            "--redraw" => args.redraw = true,
            a if a.starts_with('-') => return Err(format!("unknown option `{a}`")),
            id if registry.claim.iter().any(|c| c.id == id) => args.ids.push(id.to_owned()),
            id => {
                return Err(format!(
                    "no claim `{id}` in tests/claims.toml (`--list` lists them)"
                ));
            }
        }
    }
    Ok(args)
}

pub fn main(argv: &[String]) -> ExitCode {
    let registry = harness::registry::load();
    let args = match parse_args(&registry, argv) {
        Ok(args) => args,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if args.list {
        for c in &registry.claim {
            println!(
                "{:<22} {}\n{:<22} breaker: {}",
                c.id, c.claim, "", c.breaker
            );
        }
        return ExitCode::SUCCESS;
    }
    if args.redraw {
        return redraw(&registry);
    }
    let machine = harness::machine::describe();
    let mut claims: Vec<_> = registry
        .claim
        .iter()
        .filter(|c| args.ids.is_empty() || args.ids.contains(&c.id))
        .collect();
    // In the order of the book: by chapter as SUMMARY.md lists them, and
    // within a chapter as the registry does.
    let chapters = chapter_titles();
    claims.sort_by_key(|c| chapters.iter().position(|(_, file)| *file == c.chapter));
    if !args.breakers {
        // The book shows the figures of every trial a claim wants.
        harness::set_full_trials();
    }
    let mut progress = Progress::start(claims.len());
    let mut reports = Vec::new();
    for claim in &claims {
        progress.begin(&claim.id);
        let report = {
            let _quiet = harness::Silenced::stdout();
            harness::run(&registry, &claim.id, args.breakers)
        };
        progress.end(report.word());
        reports.push(report);
    }
    progress.finish();
    let strict = harness::strict();

    if args.breakers {
        println!("\n{}", breakers_table(&reports));
        let shown = |word: &str| reports.iter().filter(|r| r.word() == word).count();
        let (refuted, passed, unmeasured) =
            (shown("REFUTED"), shown("pass"), shown("could not measure"));
        for r in reports.iter().filter(|r| !r.refuted()) {
            println!("{}", r.text());
        }
        println!(
            "breakers: {refuted} of {} claims refuted by their breaker; {passed} passed it \
             (a claim that cannot fail); {unmeasured} could not be measured{}",
            reports.len(),
            if strict {
                ""
            } else {
                " (not counted as failures without CI=true)"
            }
        );
        let ok = passed == 0 && (!strict || unmeasured == 0);
        return if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }

    println!("\n{}", table(&reports));
    for report in &reports {
        if report.word() != "pass" {
            println!("{}", report.text());
        }
    }

    if !args.ids.is_empty() {
        println!(
            "measured {} of {} claims; the book is written only when all are measured",
            reports.len(),
            registry.claim.len()
        );
    } else {
        let dir = root().join("src/measured");
        fs::create_dir_all(&dir).unwrap();
        for entry in fs::read_dir(&dir).unwrap() {
            fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for report in &reports {
            let path = dir.join(format!("{}.md", report.claim.id));
            fs::write(&path, figure(report, &machine)).unwrap();
            if !report.latency.is_empty() {
                let path = dir.join(format!("{}.percentiles.md", report.claim.id));
                let page =
                    harness::latency::percentiles_page(&report.claim.id, &report.latency, &machine);
                fs::write(&path, page).unwrap();
            }
        }
        fs::write(
            root().join("src/appendix-claims.md"),
            appendix(&reports, &machine),
        )
        .unwrap();
        fs::write(
            root().join("src/appendix-folklore.md"),
            folklore(&registry, &reports, &machine),
        )
        .unwrap();
        println!("wrote src/measured/*.md and src/appendix-claims.md ({machine})");
    }

    let failed = reports
        .iter()
        .any(|r| r.refuted() || (strict && !r.measured()));
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The breakers' table: each claim, its breaker, and the verdict on it.
fn breakers_table(reports: &[Report]) -> String {
    let mut s = format!("{:<22} {:<18}  breaker\n", "claim", "verdict");
    for r in reports {
        let verdict = match r.word() {
            "REFUTED" => "refuted (good)",
            "pass" => "PASSED: cannot fail",
            other => other,
        };
        let _ = writeln!(s, "{:<22} {verdict:<18}  {}", r.claim.id, r.claim.breaker);
        if r.verdicts.len() > 1 {
            for (check, value, v) in r.checks() {
                let _ = writeln!(
                    s,
                    "{:<22}   {}: {} against {}: {}",
                    "",
                    check.measure,
                    check.fmt(value),
                    check.bound_text(r.cores),
                    v.word()
                );
            }
        }
    }
    s
}

/// A progress bar on standard error: redrawn in place, with the claim being
/// measured and the time so far, when standard error is a terminal; a line
/// per claim when it is not (a CI log, a pipe).
struct Progress {
    total: usize,
    done: usize,
    passed: usize,
    started: Instant,
    tty: bool,
    current: Arc<Mutex<Option<(String, Instant, usize)>>>,
    ticker: Option<(Arc<AtomicBool>, thread::JoinHandle<()>)>,
}

impl Progress {
    fn start(total: usize) -> Progress {
        let tty = std::io::stderr().is_terminal();
        let current: Arc<Mutex<Option<(String, Instant, usize)>>> = Arc::new(Mutex::new(None));
        // Redraws the bar five times a second, so the clock moves while a
        // claim is measured. It wakes for microseconds: no load worth the
        // name beside the measurements.
        let ticker = tty.then(|| {
            let stop = Arc::new(AtomicBool::new(false));
            let (stop2, current) = (stop.clone(), current.clone());
            let handle = thread::spawn(move || {
                while !stop2.load(Ordering::Relaxed) {
                    if let Some((id, since, done)) = &*current.lock().unwrap() {
                        draw(*done, total, id, since.elapsed());
                    }
                    thread::sleep(Duration::from_millis(200));
                }
            });
            (stop, handle)
        });
        Progress {
            total,
            done: 0,
            passed: 0,
            started: Instant::now(),
            tty,
            current,
            ticker,
        }
    }

    fn begin(&mut self, id: &str) {
        if self.tty {
            *self.current.lock().unwrap() = Some((id.to_owned(), Instant::now(), self.done));
            draw(self.done, self.total, id, Duration::ZERO);
        } else {
            eprint!("[{}/{}] {id} ... ", self.done + 1, self.total);
        }
    }

    fn end(&mut self, verdict: &str) {
        let taken = self.current.lock().unwrap().take();
        self.done += 1;
        self.passed += usize::from(verdict == "pass");
        if self.tty {
            if let Some((id, since, _)) = taken {
                eprint!("\r\x1b[2K");
                eprintln!("{verdict}  {id} ({:.1} s)", since.elapsed().as_secs_f64());
            }
        } else {
            eprintln!("{verdict}");
        }
    }

    fn finish(self) {
        if let Some((stop, handle)) = self.ticker {
            stop.store(true, Ordering::Relaxed);
            handle.join().unwrap();
        }
        eprintln!(
            "measured {} claims in {:.0} s: {} passed, {} did not",
            self.done,
            self.started.elapsed().as_secs_f64(),
            self.passed,
            self.done - self.passed
        );
    }
}

/// `[##########..........] 3/6  cpu-threads  4.2 s`, in place.
fn draw(done: usize, total: usize, id: &str, elapsed: Duration) {
    const WIDTH: usize = 30;
    let filled = WIDTH * done / total.max(1);
    eprint!(
        "\r\x1b[2K[{}{}] {}/{total}  {id}  {:.1} s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        done + 1,
        elapsed.as_secs_f64()
    );
    let _ = std::io::stderr().flush();
}

fn verdict(v: &Verdict) -> String {
    v.text()
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
    let _ = writeln!(
        s,
        "- One value from the trials: {}.",
        r.claim.estimator.describe()
    );
    let _ = writeln!(
        s,
        "- Breaker, the change to the listing that this claim must refute: {}.",
        r.claim.breaker
    );
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
    // A latency claim's percentiles, table and plot, in a file of their
    // own, which the appendix includes too.
    if !r.latency.is_empty() {
        s += &format!("\n{{{{#include {}.percentiles.md}}}}\n", r.claim.id);
    }
    s += "\n<details><summary>Raw measurements</summary>\n\n```text\n";
    s += &raw.join("\n");
    s += "\n```\n\n</details>\n</div>\n";
    s
}

/// `--redraw`: writes the appendix again, chart and table, from the run it
/// records (its table's measured values and results, its "This run" line),
/// measuring nothing: for a change to how the page is drawn
/// (`harness/src/chart.rs`, `appendix` below). The chapters' boxes are
/// left as they are.
fn redraw(registry: &harness::registry::Registry) -> ExitCode {
    let path = root().join("src/appendix-claims.md");
    let text = fs::read_to_string(&path).unwrap();
    match recorded(registry, &text) {
        Ok((reports, machine)) => {
            fs::write(&path, appendix(&reports, &machine)).unwrap();
            fs::write(
                root().join("src/appendix-folklore.md"),
                folklore(registry, &reports, &machine),
            )
            .unwrap();
            println!(
                "redrew src/appendix-claims.md and src/appendix-folklore.md from the recorded run ({machine}): {} claims",
                reports.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "error: src/appendix-claims.md: {e}; measure again with `cargo xtask measure`"
            );
            ExitCode::FAILURE
        }
    }
}

/// The reports and the machine that the appendix records.
fn recorded<'r>(
    registry: &'r harness::registry::Registry,
    text: &str,
) -> Result<(Vec<Report<'r>>, String), String> {
    let machine = text
        .lines()
        .find_map(|l| l.strip_prefix("**This run:** "))
        .ok_or("no \"**This run:**\" line")?
        .trim_end_matches('.')
        .to_owned();
    let cores: usize = machine
        .split(" cores")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no core count in `{machine}`"))?;
    let mut rows = text
        .lines()
        .skip_while(|l| !l.starts_with("| Claim |"))
        .skip(2)
        .take_while(|l| l.starts_with("| "));
    let mut claims: Vec<_> = registry.claim.iter().collect();
    let chapters = chapter_titles();
    claims.sort_by_key(|c| chapters.iter().position(|(_, file)| *file == c.chapter));
    let mut reports = Vec::new();
    for claim in claims {
        let mut values = Vec::new();
        let mut verdicts = Vec::new();
        for check in &claim.check {
            let row = rows
                .next()
                .ok_or_else(|| format!("the table ends before claim `{}`", claim.id))?;
            if !row.contains(&format!("`{}`", claim.id)) {
                return Err(format!(
                    "expected a row of claim `{}`, found `{row}`",
                    claim.id
                ));
            }
            let value = row
                .split_once("| **")
                .and_then(|(_, r)| r.split_once("** |"))
                .map(|(v, _)| v)
                .ok_or_else(|| format!("no measured value in `{row}`"))?;
            values.push(if value == "not measured" {
                f64::NAN
            } else {
                value
                    .strip_suffix(check.unit.as_str())
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| format!("`{value}` is not a value in {}", check.unit))?
            });
            let result = row
                .trim_end()
                .strip_suffix(" |")
                .and_then(|r| r.rsplit_once(" | "))
                .map(|(_, v)| v)
                .ok_or_else(|| format!("no result in `{row}`"))?;
            let why = |word: &str| result.strip_prefix(word).map(str::to_owned);
            verdicts.push(if result == "pass" {
                Verdict::Pass
            } else if let Some(w) = why("REFUTED: ") {
                Verdict::Refuted(w)
            } else if let Some(w) = why("could not measure: ") {
                Verdict::Unmeasured(w)
            } else if let Some(w) = why("skipped: ") {
                Verdict::Skipped(w)
            } else {
                return Err(format!("`{result}` is not a result"));
            });
        }
        reports.push(Report {
            claim,
            cores,
            values,
            verdicts,
            details: String::new(),
            latency: Vec::new(),
        });
    }
    if let Some(row) = rows.next() {
        return Err(format!("a row of no claim in tests/claims.toml: `{row}`"));
    }
    Ok((reports, machine))
}

/// The appendix: every claim, with the figures of this run.
fn appendix(reports: &[Report], machine: &str) -> String {
    let titles = chapter_titles();
    let mut s = String::from(
        "<!-- Generated by `cargo xtask measure` from tests/claims.toml. Do not edit. -->\n\
         # Every claim, measured\n\n\
         Every timing claim in this book is listed here with the figures of one real run.\n\
         `cargo test` measures each claim again and fails when one is refuted;\n\
         `cargo xtask measure` measures them all and rewrites this page and the\n\
         figures in the chapters. The claims, their ideals and their bounds live in one file,\n\
         `tests/claims.toml`.\n\n\
         Each figure is a ratio of two runs made side by side in one process, because\n\
         absolute times on a shared machine mean little: each side's best of several\n\
         interleaved trials, for work that waits or runs on one core; or, for work that\n\
         needs every core, the median of the ratios within each trial, counting only the\n\
         trials around which a probe found the machine's cores delivering (the cores of\n\
         a shared machine run faster and slower by turns, and a trial's two runs share\n\
         a stretch). The raw measurements under each figure say which.\n\
         The *ideal* is what the physics allows; the *bound* is what the test asserts, with\n\
         the reason for its margin. Each check's result is *pass*, *refuted*, or *could\n\
         not measure* (the machine did not give the cores or the quiet the check needs).\n\
         Every claim also names a *breaker*, a change to its listing that the claim must\n\
         refute; `cargo xtask breakers` checks that each does.\n\n",
    );
    let _ = writeln!(s, "**This run:** {machine}.\n");
    s += "The chart shows every check at a glance: the bar is what this run measured, the\n\
          tick the ideal, the line across the bar the bound the test asserts, and the\n\
          outlined band beyond it the values the test rejects. The table below gives the\n\
          same numbers, with links to the chapters.\n\n";
    s += &harness::chart::claims_chart(reports, machine);
    s += "\n";
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
    let latency: Vec<&Report> = reports
        .iter()
        .filter(|r| percentiles(&r.claim.id).exists())
        .collect();
    if !latency.is_empty() {
        s += "\n## The tail: percentiles of the latency claims\n\n\
              A latency claim sets a percentile of one side's requests against a percentile\n\
              of the other's, every request of every trial pooled per side. Its requests'\n\
              percentiles, from the same run:\n";
        for r in latency {
            let _ = write!(
                s,
                "\n### `{id}`\n\n{claim} ([in its chapter]({file}#measured-{id}))\n\n\
                 {{{{#include measured/{id}.percentiles.md}}}}\n",
                id = r.claim.id,
                claim = r.claim.claim,
                file = r.claim.chapter
            );
        }
    }
    s
}

/// Where `cargo xtask measure` writes a latency claim's percentiles.
fn percentiles(id: &str) -> std::path::PathBuf {
    root().join(format!("src/measured/{id}.percentiles.md"))
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

/// The appendix "Folklore, measured": each rule of thumb of the registry,
/// its verdict, and the numbers of this run that back it.
pub fn folklore(
    registry: &harness::registry::Registry,
    reports: &[Report],
    machine: &str,
) -> String {
    let report = |id: &str| reports.iter().find(|r| r.claim.id == id);
    let titles = chapter_titles();
    let mut s = String::from(
        "<!-- Generated by `cargo xtask measure` from tests/claims.toml. Do not edit. -->\n\
         # Folklore, measured\n\n\
         Every ecosystem has its rules of thumb, repeated in talks, answers and\n\
         blog posts, and rarely measured. Here are some of Rust's about concurrency,\n\
         each with a verdict. A verdict rests on claims of this book: the\n\
         measurements that `cargo test` asserts on every run, whose numbers below\n\
         come from the run that [Every claim, measured](appendix-claims.md) records.\n\
         Each rule's chapter measures it where it belongs, with the listing.\n\n",
    );
    let _ = writeln!(s, "**This run:** {machine}.\n");
    s += "| Rule | Verdict | Measured by |\n|---|---|---|\n";
    for rule in &registry.folklore {
        let claims: Vec<String> = rule
            .claims
            .iter()
            .map(|id| format!("[`{id}`](appendix-claims.md#{id})"))
            .collect();
        let _ = writeln!(
            s,
            "| [{}](#{}) | **{}** | {} |",
            rule.rule,
            rule.id,
            rule.verdict,
            claims.join(", ")
        );
    }
    for rule in &registry.folklore {
        let mut because = rule.because.clone();
        for (text, id, check) in rule.placeholders() {
            let value = report(&id).map_or("not measured".to_owned(), |r| {
                r.claim.check[check].fmt(r.values[check])
            });
            because = because.replace(&text, &format!("**{value}**"));
        }
        let (file, anchor) = rule.section.split_once('#').unwrap();
        let title = titles
            .iter()
            .find(|(_, f)| f == file)
            .map_or(file, |(t, _)| t.as_str());
        let measured: Vec<String> = rule
            .claims
            .iter()
            .map(|id| {
                let word = report(id).map_or("not measured", |r| r.word());
                format!("[`{id}`](appendix-claims.md#{id}) ({word})")
            })
            .collect();
        let _ = write!(
            s,
            "\n<a id=\"{id}\"></a>\n\n## \"{rule}\"\n\n\
             *Heard:* {heard}\n\n\
             **Verdict: {verdict}.** {because}\n\n\
             - **Where it holds:** {holds}\n\
             - **Where it fails:** {fails}\n\n\
             Measured by {measured}; measured in its chapter: [{title}]({file}#{anchor}).\n",
            id = rule.id,
            rule = rule.rule.trim_end_matches('.'),
            heard = rule.heard,
            verdict = rule.verdict,
            holds = rule.holds,
            fails = rule.fails,
            measured = measured.join(", "),
        );
    }
    s
}
