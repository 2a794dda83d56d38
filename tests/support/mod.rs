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
    let measured = {
        let _alone = timing::exclusive();
        measure::measure(id)
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
    Report {
        claim,
        cores,
        values: measured.values,
        verdicts,
        details: measured.details,
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
