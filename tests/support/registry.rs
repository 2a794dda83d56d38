//! The claims registry (`tests/claims.toml`): what each claim says, and the
//! bounds its checks must meet on this machine.
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    pub claim: Vec<Claim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    pub claim: String,
    pub chapter: String,
    pub listing: String,
    pub check: Vec<Check>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub measure: String,
    pub ideal: Option<f64>,
    pub why_ideal: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub why_bound: String,
    #[serde(default)]
    pub per_core: bool,
    pub min_cores: Option<usize>,
    /// The check runs only on this operating system (`std::env::consts::OS`,
    /// e.g. "linux"); elsewhere it is skipped, and says so.
    pub os: Option<String>,
    #[serde(default = "times")]
    pub unit: String,
}

fn times() -> String {
    "x".to_owned()
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn load() -> Registry {
    let path = root().join("tests/claims.toml");
    let text = std::fs::read_to_string(&path).expect("read tests/claims.toml");
    let registry: Registry =
        toml::from_str(&text).unwrap_or_else(|e| panic!("tests/claims.toml: {e}"));
    let mut ids = std::collections::BTreeSet::new();
    for claim in &registry.claim {
        assert!(ids.insert(&claim.id), "claim {} is listed twice", claim.id);
        assert!(!claim.check.is_empty(), "claim {} has no check", claim.id);
        for check in &claim.check {
            assert!(
                check.min.is_some() || check.max.is_some(),
                "claim {}: check `{}` has no bound",
                claim.id,
                check.measure
            );
        }
        assert!(
            Path::new(&root().join(&claim.listing)).exists(),
            "claim {}: listing {} does not exist",
            claim.id,
            claim.listing
        );
    }
    registry
}

impl Registry {
    pub fn get(&self, id: &str) -> &Claim {
        self.claim
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no claim `{id}` in tests/claims.toml"))
    }
}

/// Cores this process may run on, as the claims scale with them.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

pub enum Verdict {
    Pass,
    Fail,
    Skipped(String),
}

impl Check {
    fn scale(&self, cores: usize) -> f64 {
        if self.per_core { cores as f64 } else { 1.0 }
    }

    pub fn ideal_here(&self, cores: usize) -> Option<f64> {
        self.ideal.map(|i| i * self.scale(cores))
    }

    pub fn fmt(&self, value: f64) -> String {
        if value.is_nan() {
            return "not measured".to_owned();
        }
        format!("{value:.2}{}", self.unit)
    }

    /// The ideal as the book prints it, e.g. "10x" or "2x (1x per core)".
    pub fn ideal_text(&self, cores: usize) -> String {
        match (self.ideal, self.per_core) {
            (None, _) => "none".to_owned(),
            (Some(i), false) => format!("{}{}", short(i), self.unit),
            (Some(i), true) => format!(
                "{}{} ({}{} per core)",
                short(i * cores as f64),
                self.unit,
                short(i),
                self.unit
            ),
        }
    }

    /// The bound as the book prints it, e.g. "≥ 5x" or "≥ 1.4x (0.7x per core)".
    pub fn bound_text(&self, cores: usize) -> String {
        let one = |sign: &str, b: f64| {
            let here = format!("{sign} {}{}", short(b * self.scale(cores)), self.unit);
            if self.per_core {
                format!("{here} ({}{} per core)", short(b), self.unit)
            } else {
                here
            }
        };
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => format!("{} and {}", one("≥", lo), one("≤", hi)),
            (Some(lo), None) => one("≥", lo),
            (None, Some(hi)) => one("≤", hi),
            (None, None) => unreachable!("checked in load()"),
        }
    }

    pub fn verdict(&self, value: f64, cores: usize) -> Verdict {
        if let Some(os) = &self.os
            && os != std::env::consts::OS
        {
            return Verdict::Skipped(format!(
                "runs on {os} only, this is {}",
                std::env::consts::OS
            ));
        }
        if let Some(need) = self.min_cores
            && cores < need
        {
            return Verdict::Skipped(format!("needs {need} cores, this machine has {cores}"));
        }
        // A measurement that cannot be made here (say, it needs a program
        // this machine lacks) returns NaN, and its details say why.
        if value.is_nan() {
            return Verdict::Skipped(
                "not measured on this machine; the details say why".to_owned(),
            );
        }
        let s = self.scale(cores);
        let low_ok = self.min.is_none_or(|lo| value >= lo * s);
        let high_ok = self.max.is_none_or(|hi| value <= hi * s);
        if low_ok && high_ok {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }
}

/// 10.0 -> "10", 1.4 -> "1.4", 0.75 -> "0.75".
fn short(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
