//! Claims of chapter 14, "Choosing a model".
use concurrency_measured::choosing::compute_as_tasks::{as_tasks, on_threads};
use std::time::Instant;

use super::{ENOUGH_TRIALS, Measured, Measurement, median_ratio};
use crate::registry::Estimator;
use crate::registry::Registry;
use crate::timing::until_decided;
use std::collections::BTreeSet;

pub const CLAIMS: &[Measurement] = &[
    ("compute-as-tasks", compute_as_tasks),
    ("decision-table", decision_table),
];

/// The listing's jobs, two per core, so that every core has work on
/// threads whatever their number.
fn compute_as_tasks(broken: bool) -> Measured {
    let jobs = 2 * crate::registry::cores();
    let below = 100_000;
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("tokio tasks on one thread", || {
            as_tasks(jobs, below, Instant::now())
        }),
        ("a thread each", || {
            if broken {
                // Breaker: tasks on one thread on this side too.
                as_tasks(jobs, below, Instant::now())
            } else {
                on_threads(jobs, below, Instant::now())
            }
        }),
    ));
    m.details = format!(
        "{jobs} jobs, each counting the primes below {below}\n{}",
        m.details
    );
    m
}

/// The header of the chapter's summary table; the rows under it are the
/// data this claim checks.
pub const TABLE_HEADER: &str = "| The work | The model | Measured evidence | Chapter |";

/// One row of the summary table: the cells as written, and the links in the
/// evidence and chapter cells as (text, target).
pub struct Row {
    pub work: String,
    pub evidence: Vec<(String, String)>,
    pub chapter: Vec<(String, String)>,
}

/// The `[text](target)` links in a piece of Markdown.
fn links(md: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = md;
    while let Some(mid) = rest.find("](") {
        let open = rest[..mid].rfind('[').unwrap_or(0);
        let close = rest[mid..].find(')').map_or(rest.len(), |e| mid + e);
        out.push((
            rest[open + 1..mid].to_owned(),
            rest[mid + 2..close].to_owned(),
        ));
        rest = &rest[(close + 1).min(rest.len())..];
    }
    out
}

/// The rows of the table under `TABLE_HEADER` in a chapter's Markdown.
pub fn table_rows(chapter: &str) -> Option<Vec<Row>> {
    let mut lines = chapter.lines().skip_while(|l| l.trim() != TABLE_HEADER);
    lines.next()?; // the header
    lines.next()?; // |---|---|
    let rows = lines
        .take_while(|l| l.trim_start().starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            Row {
                work: cells.first().copied().unwrap_or("").to_owned(),
                evidence: cells.get(2).map_or(Vec::new(), |c| links(c)),
                chapter: cells.get(3).map_or(Vec::new(), |c| links(c)),
            }
        })
        .collect();
    Some(rows)
}

/// What is wrong with a row: each claim it names must be in the registry,
/// have a measurement (so `tests/claims.rs` asserts it), and be a claim of
/// the row's chapter.
pub fn row_problems(row: &Row, registry: &Registry, measured: &BTreeSet<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    let chapter = match row.chapter.as_slice() {
        // A row may link to the section that shows its model.
        [(_, target)] if target.split('#').next().unwrap().ends_with(".md") => {
            target.split('#').next().unwrap()
        }
        _ => {
            problems.push("the chapter cell is not one link to a chapter".to_owned());
            ""
        }
    };
    if row.evidence.is_empty() {
        problems.push("it names no claim".to_owned());
    }
    for (text, target) in &row.evidence {
        let Some(id) = target.strip_prefix("appendix-claims.md#") else {
            problems.push(format!(
                "`{target}` is not a claim's figure in the appendix"
            ));
            continue;
        };
        if text != id {
            problems.push(format!("the link `{text}` leads to claim `{id}`"));
        }
        let Some(claim) = registry.claim.iter().find(|c| c.id == id) else {
            problems.push(format!("`{id}` is no claim in tests/claims.toml"));
            continue;
        };
        if id == "decision-table" {
            problems.push("the table cannot be its own evidence".to_owned());
        }
        if !measured.contains(id) {
            problems.push(format!("`{id}` has no measurement, so no test asserts it"));
        }
        if claim.chapter != chapter {
            problems.push(format!(
                "`{id}` is a claim of {}, not of {chapter}",
                claim.chapter
            ));
        }
    }
    problems
}

/// Every row of the summary table in "Choosing a model" rests on claims
/// that are asserted, in the row's chapter.
fn decision_table(broken: bool) -> Measured {
    let path = crate::registry::root().join("src/choosing.md");
    let mut text = std::fs::read_to_string(&path).expect("read src/choosing.md");
    if broken {
        // Breaker: the table's first row names a claim that the registry
        // does not list.
        if let Some(at) = text.find(TABLE_HEADER) {
            let row = &text[at..];
            let link = "](appendix-claims.md#";
            if let Some(i) = row.find(link) {
                text.insert_str(at + i + link.len(), "unlisted-");
            }
        }
    }
    let registry = crate::registry::load();
    let all = super::all();
    let measured: BTreeSet<&str> = all.iter().map(|(id, _)| *id).collect();
    let Some(rows) = table_rows(&text).filter(|r| !r.is_empty()) else {
        return Measured {
            estimator: Some(Estimator::Exact),
            values: vec![0.0],
            details: format!("src/choosing.md has no table under `{TABLE_HEADER}`"),
            ..Measured::default()
        };
    };
    let mut good = 0;
    let mut details = String::new();
    for row in &rows {
        let ids: Vec<&str> = row.evidence.iter().map(|(t, _)| t.as_str()).collect();
        let chapter = row.chapter.first().map_or("?", |(_, t)| t.as_str());
        let chapter = chapter.split('#').next().unwrap();
        let problems = row_problems(row, &registry, &measured);
        if problems.is_empty() {
            good += 1;
            details += &format!("ok    {} -> {chapter}: {}\n", row.work, ids.join(", "));
        } else {
            details += &format!("FAIL  {} -> {chapter}: {}\n", row.work, problems.join("; "));
        }
    }
    details += &format!(
        "{good} of {} rows rest on asserted claims of their chapter",
        rows.len()
    );
    Measured {
        estimator: Some(Estimator::Exact),
        values: vec![good as f64 / rows.len() as f64],
        details,
        ..Measured::default()
    }
}
