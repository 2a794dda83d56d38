//! Test layer 4: the harness for timing claims, shared by `tests/claims.rs`
//! (which asserts them) and `tests/tools/measure.rs` (which writes what they
//! measured into the book). Each uses a part of it.
#![allow(dead_code)]

pub mod chart;
pub mod machine;
pub mod measure;
pub mod registry;
pub mod timelines;
pub mod timing;

use registry::{Check, Claim, Verdict};

pub struct Report<'r> {
    pub claim: &'r Claim,
    pub cores: usize,
    pub values: Vec<f64>,
    pub verdicts: Vec<Verdict>,
    pub details: String,
}

/// Measures one claim, alone on the machine, and judges each of its checks.
pub fn run<'r>(registry: &'r registry::Registry, id: &str) -> Report<'r> {
    let claim = registry.get(id);
    let cores = registry::cores();
    let mut earlier = String::new();
    let mut attempt = 1;
    loop {
        let (measured, stolen) = {
            let _alone = timing::exclusive();
            let before = timing::stolen();
            let t0 = std::time::Instant::now();
            let measured = measure::measure(id);
            let wall = t0.elapsed();
            let stolen = timing::stolen().zip(before).map(|(a, b)| (a - b, wall));
            (measured, stolen)
        };
        assert_eq!(
            measured.values.len(),
            claim.check.len(),
            "claim {id}: the measurement returns one value per check"
        );
        let verdicts = claim
            .check
            .iter()
            .zip(&measured.values)
            .map(|(check, &v)| check.verdict(v, cores))
            .collect();
        let mut report = Report {
            claim,
            cores,
            values: measured.values,
            verdicts,
            details: measured.details,
        };
        // The hypervisor may take a core away from this virtual machine for
        // a second or more ("steal" time in /proc/stat), and our two virtual
        // cores sometimes deliver together little more than one of them
        // does alone (they share hardware underneath). Either way two
        // threads then share one core's worth of computing, whatever our
        // code does. A measurement that failed while the hypervisor took
        // more than a tenth of one core's time, or right after which the
        // machine's cores, all busy with plain arithmetic, delivered under
        // three quarters of what they should (`timing::capacity`), is not
        // one of our code: it is made again, twice at most, and the report
        // keeps every attempt's numbers. A measurement that passed is never
        // made again, and a bound never moves.
        let mut why_again = Vec::new();
        if let Some((s, wall)) = stolen.filter(|(s, w)| s.as_secs_f64() > 0.1 * w.as_secs_f64()) {
            why_again.push(format!(
                "the hypervisor took {s:.2?} of CPU time from this machine during the \
                 {wall:.2?} of the measurement (steal time in /proc/stat)"
            ));
        }
        if !report.passed() && cores > 1 {
            let capacity = timing::capacity(cores);
            if capacity < 0.75 * cores as f64 {
                why_again.push(format!(
                    "right after it, {cores} threads of plain arithmetic ran only {capacity:.2}x \
                     as fast as one: the machine was not giving its {cores} cores"
                ));
            }
        }
        if !why_again.is_empty() {
            let note = format!("attempt {attempt}: {}", why_again.join("; "));
            if !report.passed() && attempt < 3 {
                earlier += &format!("{note}; measured again. Its numbers:\n{}\n", report.text());
                attempt += 1;
                continue;
            }
            report.details = format!("{note}\n{}", report.details);
        }
        if !earlier.is_empty() {
            report.details = format!("{}\n{earlier}", report.details);
        }
        return report;
    }
}

impl Report<'_> {
    pub fn passed(&self) -> bool {
        !self.verdicts.iter().any(|v| matches!(v, Verdict::Fail))
    }

    pub fn checks(&self) -> impl Iterator<Item = (&Check, f64, &Verdict)> {
        self.claim
            .check
            .iter()
            .zip(self.values.iter().copied())
            .zip(&self.verdicts)
            .map(|((c, v), verdict)| (c, v, verdict))
    }

    /// Everything a reader of a failure needs: the measured numbers, the
    /// ideal, the bound and the core count.
    pub fn text(&self) -> String {
        let mut s = format!(
            "claim {}: {}\n  listing {}, {} cores\n",
            self.claim.id, self.claim.claim, self.claim.listing, self.cores
        );
        for (check, value, verdict) in self.checks() {
            let verdict = match verdict {
                Verdict::Pass => "pass".to_owned(),
                Verdict::Fail => "FAIL".to_owned(),
                Verdict::Skipped(why) => format!("skipped: {why}"),
            };
            s += &format!(
                "  {}: measured {}, ideal {} ({}), asserted {} ({}): {verdict}\n",
                check.measure,
                check.fmt(value),
                check.ideal_text(self.cores),
                check.why_ideal,
                check.bound_text(self.cores),
                check.why_bound,
            );
        }
        for line in self.details.lines() {
            s += &format!("    {line}\n");
        }
        s
    }
}
