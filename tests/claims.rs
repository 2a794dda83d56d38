//! Test layer 4: every timing claim of the book, measured and judged
//! against the bound in `tests/claims.toml`, one claim at a time on the
//! whole machine.
//!
//! Each check gets one of three verdicts (`harness::judge`): *pass*;
//! *refuted*, when the machine gave what the check needs and the listing
//! did not deliver; or *could not measure*, when the machine did not (other
//! programs held its cores, or its cores did not deliver), with the
//! numbers and what to do. A refuted claim fails the run. A claim that
//! could not be measured fails it under `CI=true` or `CLAIMS_STRICT=1`,
//! and elsewhere is reported as skipped, with its reason, in the summary.
//!
//! A plain program rather than libtest's runner, so that it can end with
//! that summary: `cargo test --test claims -- cpu-threads io` measures the
//! claims whose id contains either word (with `--exact`, is either word);
//! `--list` lists them.
use harness::registry::Verdict;
use std::collections::BTreeSet;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let registry = harness::registry::load();
    let listed: BTreeSet<&str> = registry.claim.iter().map(|c| c.id.as_str()).collect();
    let measured: BTreeSet<&str> = harness::measure::all().iter().map(|(id, _)| *id).collect();
    assert_eq!(
        listed, measured,
        "registry ids (tests/claims.toml) vs measurements (harness/src/measure/)"
    );

    // libtest's arguments that matter here; the others (--nocapture,
    // --test-threads, ...) change nothing for a program that runs one
    // claim at a time and prints everything.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut filters = Vec::new();
    let mut skip = Vec::new();
    let mut list = false;
    let mut only_ignored = false;
    let mut exact = false;
    let mut words = args.iter();
    while let Some(arg) = words.next() {
        match arg.as_str() {
            "--list" => list = true,
            "--ignored" => only_ignored = true,
            "--exact" => exact = true,
            "--skip" => skip.extend(words.next().cloned()),
            a if a.starts_with('-') => {}
            filter => filters.push(filter.replace('_', "-")),
        }
    }
    let chosen: Vec<&str> = registry
        .claim
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| {
            let matches = |f: &String| {
                if exact {
                    id == f
                } else {
                    id.contains(f.as_str())
                }
            };
            filters.is_empty() || filters.iter().any(matches)
        })
        .filter(|id| {
            !skip
                .iter()
                .any(|s| id.contains(s.replace('_', "-").as_str()))
        })
        .filter(|_| !only_ignored)
        .collect();
    if list {
        for id in &chosen {
            println!("{}: test", id.replace('-', "_"));
        }
        println!("\n{} tests, 0 benchmarks", chosen.len());
        return ExitCode::SUCCESS;
    }

    let strict = harness::strict();
    let started = Instant::now();
    println!("\nrunning {} claims, one at a time", chosen.len());
    let mut reports = Vec::new();
    for id in &chosen {
        let t0 = Instant::now();
        let report = harness::run(&registry, id, false);
        println!(
            "test {} ... {} ({:.1} s)\n{}",
            id.replace('-', "_"),
            report.word(),
            t0.elapsed().as_secs_f64(),
            report.text()
        );
        reports.push((report, t0.elapsed()));
    }

    let count = |word: &str| reports.iter().filter(|(r, _)| r.word() == word).count();
    let (passed, refuted, unmeasured, skipped) = (
        count("pass"),
        count("REFUTED"),
        count("could not measure"),
        count("skipped"),
    );
    println!(
        "\nclaims: {passed} pass, {refuted} refuted, {unmeasured} could not measure, {skipped} skipped"
    );
    for (report, _) in &reports {
        for (check, _, verdict) in report.checks() {
            if !matches!(verdict, Verdict::Pass) {
                println!(
                    "  {} ({}): {}",
                    report.claim.id,
                    check.measure,
                    verdict.text()
                );
            }
        }
    }
    if unmeasured > 0 {
        let ids: Vec<&str> = reports
            .iter()
            .filter(|(r, _)| !r.measured())
            .map(|(r, _)| r.claim.id.as_str())
            .collect();
        println!(
            "  {unmeasured} claims could not be measured: this machine did not give them its \
             cores or its quiet. {} Measure them alone: cargo test --test claims -- {}",
            if strict {
                "CI=true (or CLAIMS_STRICT=1) counts that as a failure."
            } else {
                "They count as skipped, not as passed."
            },
            ids.join(" ")
        );
    }
    let mut slowest: Vec<_> = reports.iter().map(|(r, t)| (t, &r.claim.id)).collect();
    slowest.sort_by(|a, b| b.0.cmp(a.0));
    let slowest: Vec<String> = slowest
        .iter()
        .take(3)
        .map(|(t, id)| format!("{id} {:.1} s", t.as_secs_f64()))
        .collect();
    println!("  slowest: {}", slowest.join(", "));

    let failed = refuted + if strict { unmeasured } else { 0 };
    let ignored = skipped + if strict { 0 } else { unmeasured };
    println!(
        "\ntest result: {}. {} passed; {failed} failed; {ignored} ignored; 0 measured; {} filtered out; finished in {:.2}s\n",
        if failed == 0 { "ok" } else { "FAILED" },
        passed,
        registry.claim.len() - chosen.len(),
        started.elapsed().as_secs_f64()
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
