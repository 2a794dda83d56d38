//! The claims registry (`tests/claims.toml`): what each claim says, and the
//! bounds its checks must meet on this machine.
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    pub claim: Vec<Claim>,
    /// The ecosystem's rules of thumb, each with the claims that measure
    /// it: the appendix "Folklore, measured" (`cargo xtask measure`).
    #[serde(default)]
    pub folklore: Vec<Folklore>,
}

/// A rule of thumb of the ecosystem, and what the claims that measure it
/// found. Its verdict holds only while they pass: `cargo test` asserts
/// them, and the appendix shows their numbers from the run.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Folklore {
    /// Short name, the appendix's anchor.
    pub id: String,
    /// The rule as it is usually stated.
    pub rule: String,
    /// Where it is heard.
    pub heard: String,
    /// The verdict, in a word or three ("Holds", "Half true", "False as
    /// stated").
    pub verdict: String,
    /// The verdict's reasons. `{id}` or `{id:N}` stands for the value that
    /// claim `id`'s check N (from 0; 0 where absent) measured in the run.
    pub because: String,
    /// Where the rule holds, and where it fails.
    pub holds: String,
    pub fails: String,
    /// The claims that measure it; `because` may name only these.
    pub claims: Vec<String>,
    /// The chapter's section that measures it: `file.md#anchor`.
    pub section: String,
}

impl Folklore {
    /// The values `because` names, as (placeholder, claim id, check).
    pub fn placeholders(&self) -> Vec<(String, String, usize)> {
        let mut found = Vec::new();
        let mut rest = self.because.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + 1..open + close];
            let (id, check) = match inner.split_once(':') {
                Some((id, n)) => (id, n.parse().unwrap_or(usize::MAX)),
                None => (inner, 0),
            };
            found.push((format!("{{{inner}}}"), id.to_owned(), check));
            rest = &rest[open + close + 1..];
        }
        found
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: String,
    pub claim: String,
    pub chapter: String,
    pub listing: String,
    /// The smallest change to the listing that the claim must refute (the
    /// concurrent side made sequential, tokio's sleep replaced by std's...).
    /// Each measurement makes this change when asked for its breaker, and
    /// `cargo xtask breakers` shows the verdict is
    /// *refuted*: a claim nothing can refute would prove nothing.
    pub breaker: String,
    /// The fraction of the machine's cores that the probes around a trial
    /// must find delivered for the trial to count (`timing::DELIVERED`
    /// where absent).
    pub delivered: Option<f64>,
    /// How the measurement makes one value of its trials.
    pub estimator: Estimator,
    pub check: Vec<Check>,
}

/// How a measurement makes one value of its trials. Each guards against a
/// way a shared machine's noise misleads, named beside it.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub enum Estimator {
    /// Each side's best time, and the ratio of the two bests: for work that
    /// waits, or that runs on one core on both sides. Noise only ever adds
    /// time, so the best run is the least disturbed one; a mean would count
    /// another program's burst as the listing's.
    Best,
    /// The median, over the trials that counted, of the ratio within each
    /// trial: for work that needs every core. Our virtual cores run at full
    /// speed or at about 60% of it for a second or so at a time; the two runs
    /// of a trial share one such stretch, two best times may not (`amdahl`
    /// once failed at 1.12 against <= 1.1 on a best from a fast stretch
    /// divided by a best from a slow one).
    MedianWithin,
    /// A count or an answer that does not depend on time (lost updates, the
    /// same counts): noise cannot move it, so one run is judged as it is.
    Exact,
    /// The least favourable pairing of the trials: the smallest figure on
    /// one side against the largest on the other (memory per thread and per
    /// task, where the kernel's accounting moves by a page or two).
    LeastFavourable,
    /// Each side's requests from all its trials (interleaved with the
    /// other side's) pooled in one histogram, and a percentile of one side
    /// set against a percentile of the other: for latency. One trial's
    /// p99 is a handful of requests, which a burst of another program can
    /// make; pooled, a burst must hit every trial to move it.
    Pooled,
}

impl Estimator {
    /// How the figures beside a claim say it.
    pub fn describe(self) -> &'static str {
        match self {
            Estimator::Best => {
                "each side's best trial, set against the other's (other programs only add time to work that waits, or runs on one core)"
            }
            Estimator::MedianWithin => {
                "the median of the ratios within the trials that counted (the cores change speed from one stretch of seconds to the next; a trial's two runs share one)"
            }
            Estimator::Exact => "a count that time does not move, taken as it is",
            Estimator::LeastFavourable => {
                "the least favourable pairing of the trials: one side's smallest figure against the other's largest"
            }
            Estimator::Pooled => {
                "every request of every trial, each side's pooled in one histogram (the trials of the sides interleaved), and a percentile of one side against a percentile of the other"
            }
        }
    }
}

#[derive(Deserialize, Clone)]
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
    /// The check runs only on this processor architecture
    /// (`std::env::consts::ARCH`, e.g. "x86_64"); elsewhere it is skipped,
    /// and says so.
    pub arch: Option<String>,
    #[serde(default = "times")]
    pub unit: String,
    /// What the check needs of the machine: every core to itself, for the
    /// whole measurement. `per_core` implies "to-refute".
    pub quiet: Option<Quiet>,
}

/// When a check needs every core of the machine to itself.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub enum Quiet {
    /// For any verdict: its value moves either way when another program
    /// takes a core or a core slows down (an upper bound on a speedup: a
    /// broken listing gets what the busy machine gives; a slowdown with the
    /// parallel side on top).
    Always,
    /// Only to refute: a lower bound on a speedup whose parallel side is
    /// below the line. A busy machine or a slow core only takes speed from
    /// the side that uses more cores, so a bound met stands on any machine,
    /// while a bound missed means something only where the machine gave
    /// its cores.
    ToRefute,
}

fn times() -> String {
    "x".to_owned()
}

/// The repository: this crate's parent folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn load() -> Registry {
    let path = root().join("tests/claims.toml");
    let text = std::fs::read_to_string(&path).expect("read tests/claims.toml");
    let registry: Registry =
        toml::from_str(&text).unwrap_or_else(|e| panic!("tests/claims.toml: {e}"));
    if let Err(e) = registry.validate() {
        panic!("tests/claims.toml: {e}");
    }
    registry
}

impl Registry {
    /// What every claim must be, beyond what parsing checks: one id each,
    /// at least one check, a breaker, a listing that exists, a bound on
    /// each check on the far side of its ideal from what the check rules
    /// out, and, where the sentence promises a speedup by the number of
    /// cores, a check that scales with them.
    pub fn validate(&self) -> Result<(), String> {
        let mut ids = std::collections::BTreeSet::new();
        for claim in &self.claim {
            let id = &claim.id;
            let fail = |why: String| Err(format!("claim {id}: {why}"));
            if !ids.insert(id) {
                return fail("listed twice".into());
            }
            if claim.check.is_empty() {
                return fail("no check".into());
            }
            if claim.breaker.trim().is_empty() {
                return fail("no breaker: a claim nothing can refute proves nothing".into());
            }
            if !root().join(&claim.listing).exists() {
                return fail(format!("listing {} does not exist", claim.listing));
            }
            for check in &claim.check {
                let what = &check.measure;
                if check.min.is_none() && check.max.is_none() {
                    return fail(format!("check `{what}` has no bound"));
                }
                if let Some(ideal) = check.ideal {
                    // A lower bound above the ideal, or an upper bound below
                    // it, would refute the physics itself.
                    if check.min.is_some_and(|min| min > ideal) {
                        return fail(format!(
                            "check `{what}`: its lower bound is above its ideal"
                        ));
                    }
                    if check.max.is_some_and(|max| max < ideal) {
                        return fail(format!(
                            "check `{what}`: its upper bound is below its ideal"
                        ));
                    }
                }
            }
            let by_cores = ["as there are cores", "the number of cores"]
                .iter()
                .any(|w| claim.claim.contains(w));
            if by_cores && !claim.check.iter().any(|c| c.per_core) {
                return fail(
                    "its sentence speaks of the number of cores, and no check is per_core".into(),
                );
            }
        }
        let mut rules = std::collections::BTreeSet::new();
        for rule in &self.folklore {
            let fail = |why: String| Err(format!("folklore {}: {why}", rule.id));
            if !rules.insert(&rule.id) {
                return fail("listed twice".into());
            }
            if rule.claims.is_empty() {
                return fail("no claim measures it: a verdict needs one".into());
            }
            for id in &rule.claims {
                if !ids.contains(id) {
                    return fail(format!("no claim `{id}` in the registry"));
                }
            }
            for (text, id, check) in rule.placeholders() {
                if !rule.claims.contains(&id) {
                    return fail(format!("{text} names a claim the rule does not list"));
                }
                if check >= self.get(&id).check.len() {
                    return fail(format!("{text}: claim {id} has no such check"));
                }
            }
            let file = rule.section.split('#').next().unwrap_or_default();
            if !rule.section.contains('#') || !root().join("src").join(file).exists() {
                return fail(format!(
                    "section `{}` is not file.md#anchor of a chapter",
                    rule.section
                ));
            }
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> &Claim {
        self.claim
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no claim `{id}` in tests/claims.toml"))
    }
}

/// Cores this process may run on, as the claims scale with them (or the
/// cores of the machine that drew a committed figure, while `drawn_on` is
/// checking it).
pub fn cores() -> usize {
    match DRAWN_ON.load(std::sync::atomic::Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
}

static DRAWN_ON: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Runs `f` as if this machine had `cores` cores: what a figure drawn on
/// another machine should show is worked out with that machine's cores.
pub fn drawn_on<T>(cores: usize, f: impl FnOnce() -> T) -> T {
    DRAWN_ON.store(cores, std::sync::atomic::Ordering::Relaxed);
    let out = f();
    DRAWN_ON.store(0, std::sync::atomic::Ordering::Relaxed);
    out
}

/// What a check says of the listing on this machine.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The machine gave what the check needs, and the listing met the bound.
    Pass,
    /// The machine gave what the check needs, and the listing did not meet
    /// the bound, or its two sides gave different answers.
    Refuted(String),
    /// The machine did not give what the check needs (its cores, or quiet),
    /// judged from what was measured during the claim's own trials; the
    /// text says what was missing, with the numbers, and what to do. Not a
    /// pass: it fails under `CI=true`, and is reported as skipped elsewhere.
    Unmeasured(String),
    /// The check does not apply here (another operating system, too few
    /// cores, a program this machine lacks).
    Skipped(String),
}

impl Verdict {
    /// One word for tables and charts.
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Refuted(_) => "REFUTED",
            Verdict::Unmeasured(_) => "could not measure",
            Verdict::Skipped(_) => "skipped",
        }
    }

    /// The word and, for any verdict but a pass, why.
    pub fn text(&self) -> String {
        match self {
            Verdict::Pass => "pass".to_owned(),
            Verdict::Refuted(why) | Verdict::Unmeasured(why) | Verdict::Skipped(why) => {
                format!("{}: {why}", self.word())
            }
        }
    }
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

    /// When the check needs the whole machine to itself, if ever.
    pub fn needs_quiet(&self) -> Option<Quiet> {
        self.quiet.or(self.per_core.then_some(Quiet::ToRefute))
    }

    /// Whether the check applies on this machine; the reason if it does not.
    pub fn skipped(&self, cores: usize) -> Option<String> {
        if let Some(os) = &self.os
            && os != std::env::consts::OS
        {
            return Some(format!(
                "runs on {os} only, this is {}",
                std::env::consts::OS
            ));
        }
        if let Some(arch) = &self.arch
            && arch != std::env::consts::ARCH
        {
            return Some(format!(
                "runs on {arch} only, this is {}",
                std::env::consts::ARCH
            ));
        }
        if let Some(need) = self.min_cores
            && cores < need
        {
            return Some(format!("needs {need} cores, this machine has {cores}"));
        }
        None
    }

    /// The verdict on a value measured while the machine gave what the
    /// check needs.
    /// The lowest value that passes, on a machine of `cores` cores.
    pub fn lower_bound(&self, cores: usize) -> Option<f64> {
        self.min.map(|lo| lo * self.scale(cores))
    }

    pub fn verdict(&self, value: f64, cores: usize) -> Verdict {
        if let Some(why) = self.skipped(cores) {
            return Verdict::Skipped(why);
        }
        // A measurement that cannot be made here (say, it needs a program
        // this machine lacks) returns NaN, and its details say why.
        if value.is_nan() {
            return Verdict::Skipped(
                "not measured on this machine; the details say why".to_owned(),
            );
        }
        let s = self.scale(cores);
        let low_ok = self.lower_bound(cores).is_none_or(|lo| value >= lo);
        let high_ok = self.max.is_none_or(|hi| value <= hi * s);
        if low_ok && high_ok {
            Verdict::Pass
        } else {
            Verdict::Refuted(format!(
                "measured {}, outside {}",
                self.fmt(value),
                self.bound_text(cores)
            ))
        }
    }
}

/// 10.0 -> "10", 1.4 -> "1.4", 0.75 -> "0.75".
fn short(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
