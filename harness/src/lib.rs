//! Test layer 4: the harness for timing claims and timeline figures,
//! shared by the tests that assert and check them (`tests/claims.rs`,
//! `tests/timelines.rs`) and by the tools that write them into the book
//! (`cargo xtask measure`, `cargo xtask timelines`).
//!
//! - `registry`: the claims of `tests/claims.toml`, their checks and bounds;
//! - `measure`: how each claim is measured, one module per chapter;
//! - `timing`: the machinery that makes a measurement trustworthy on a
//!   shared machine, each mechanism with the failure it prevents;
//! - `run` and `judge` (here): one claim measured, and each check given
//!   one of three verdicts;
//! - `timelines`: what the listings' threads and tasks did, recorded and
//!   drawn; `chart`: the appendix's bar chart;
//! - `workers`: the program the listings' worker processes run;
//! - `outputs`: the listings' output that the pages show, from runs;
//! - `decision_tree`: the decision helper's data, from Listing 14-1.

pub mod chart;
pub mod decision_tree;
pub mod latency;
pub mod machine;
pub mod measure;
pub mod outputs;
pub mod registry;
pub mod timelines;
pub mod timing;
pub mod workers;

use registry::{Check, Claim, Quiet, Verdict};
use std::io::Write as _;
use std::time::Duration;

pub struct Report<'r> {
    pub claim: &'r Claim,
    pub cores: usize,
    pub values: Vec<f64>,
    pub verdicts: Vec<Verdict>,
    pub details: String,
    /// For latency claims, each side's requests (`latency::Side`).
    pub latency: Vec<latency::Side>,
}

/// How many times a claim is measured, at most, while the machine does not
/// give what one of its checks needs: three times, and twelve where a claim
/// that could not be measured fails the run (`strict`). Our virtual cores
/// stay slow for minutes at times (one core at 60% of its speed for the
/// five minutes of a CI run's six attempts, seen here), and a CI run had
/// better wait that out than fail on it; `PATIENCE` bounds the waiting of
/// the whole run.
fn attempts() -> usize {
    if strict() { 12 } else { 3 }
}

/// Seconds to wait for the cores before each attempt (`Probe::wait_for_cores`).
const WAITS: [u64; 12] = [2, 20, 40, 60, 60, 60, 60, 60, 60, 60, 60, 60];

/// At most this long, in all, does one run (one process: `cargo test`'s
/// claims, or `cargo xtask breakers`) wait for the cores between attempts:
/// twelve attempts of every claim would wait for hours on a machine that
/// never gives its cores. Once it is spent, a claim is measured only as
/// often as outside CI.
const PATIENCE: Duration = Duration::from_secs(15 * 60);

/// The time waited so far by this run, in milliseconds.
static WAITED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn patience_left() -> bool {
    WAITED.load(std::sync::atomic::Ordering::Relaxed) < PATIENCE.as_millis() as u64
}

/// Measures one claim, alone on the machine, and judges each of its checks
/// (the claim's breaker instead of its listing when `broken`).
///
/// A check is judged only on a machine that gave what it needs. A check
/// that needs the whole machine (`Check::needs_quiet`) is *not measured*
/// when other programs or the hypervisor took more than `timing::QUIET`
/// cores during the measurement, or when its trials' probes found the
/// cores not delivered (but a lower bound on a speedup that was met
/// stands: `judge`); the claim is then measured again, after waiting for
/// the cores, `attempts()` times at most, and the report keeps every
/// attempt's numbers. A value outside
/// its bound on a machine that gave what the check needs is *refuted*, and
/// so is every check of a claim whose two sides gave different answers.
/// Nothing is measured again because it failed, and no bound moves.
pub fn run<'r>(registry: &'r registry::Registry, id: &str, broken: bool) -> Report<'r> {
    let claim = registry.get(id);
    let cores = registry::cores();
    // Nothing to measure where no check applies (too few cores, another
    // operating system).
    let skipped: Vec<Option<String>> = claim.check.iter().map(|c| c.skipped(cores)).collect();
    if skipped.iter().all(Option::is_some) {
        return Report {
            claim,
            cores,
            values: vec![f64::NAN; claim.check.len()],
            verdicts: skipped
                .into_iter()
                .flatten()
                .map(Verdict::Skipped)
                .collect(),
            details: "not measured: no check applies on this machine".to_owned(),
            latency: Vec::new(),
        };
    }
    let quiet = claim.check.iter().any(|c| c.needs_quiet().is_some());
    timing::set_needed(claim.delivered.unwrap_or(timing::DELIVERED));
    let decide = claim.estimator == registry::Estimator::MedianWithin && !full_trials();
    timing::set_decide(if decide {
        claim
            .check
            .iter()
            .map(|check| {
                let check = check.clone();
                timing::Decide {
                    every_trial: check.needs_quiet() == Some(Quiet::ToRefute),
                    meets: Box::new(move |r| check.verdict(r, cores) == Verdict::Pass),
                }
            })
            .collect()
    } else {
        Vec::new()
    });
    let mut earlier = String::new();
    let mut pooled = Vec::new();
    let attempts = attempts();
    for attempt in 1..=attempts {
        let (mut measured, load) = {
            let _alone = timing::exclusive();
            if quiet {
                // Waiting costs nothing on a machine that gives its cores.
                let wait = WAITS[attempt - 1];
                let waited = std::time::Instant::now();
                let found = timing::Probe::new(cores).wait_for_cores(Duration::from_secs(wait));
                WAITED.fetch_add(
                    waited.elapsed().as_millis() as u64,
                    std::sync::atomic::Ordering::Relaxed,
                );
                if attempt > 1 {
                    let last: Vec<String> = found
                        .iter()
                        .rev()
                        .take(4)
                        .rev()
                        .map(|d| format!("{d:.2}"))
                        .collect();
                    earlier += &format!(
                        "before attempt {attempt}, waited {:.1} s for the cores: {} probes, \
                         the last found [{}] cores delivered\n",
                        waited.elapsed().as_secs_f64(),
                        found.len(),
                        last.join(", ")
                    );
                }
            }
            let watch = timing::Watch::start();
            let measured = measure::measure(id, broken);
            (measured, watch.stop())
        };
        assert_eq!(
            measured.values.len(),
            claim.check.len(),
            "claim {id}: the measurement returns one value per check"
        );
        assert_eq!(
            measured.estimator,
            Some(claim.estimator),
            "claim {id}: the registry names one estimator, the measurement used another"
        );
        let busy = load.and_then(|l| l.busy(cores));
        if busy.is_none() {
            pool(&mut pooled, &mut measured);
        }
        let (verdicts, values): (Vec<Verdict>, Vec<f64>) = claim
            .check
            .iter()
            .enumerate()
            .map(|(i, check)| judge(check, i, cores, &measured, busy.as_deref()))
            .unzip();
        let mut details = measured.details;
        if let Some(l) = load {
            details += &format!(
                "\nduring the measurement ({:.1} s): other programs used {:.2} cores, \
                 the hypervisor took {:.2}",
                l.wall.as_secs_f64(),
                l.others,
                l.steal
            );
        }
        let report = Report {
            claim,
            cores,
            values,
            verdicts,
            details,
            latency: measured.latency,
        };
        let again = report
            .verdicts
            .iter()
            .any(|v| matches!(v, Verdict::Unmeasured(_)));
        // Past three attempts, only while the run's patience lasts.
        if again && attempt < attempts && (attempt < 3 || patience_left()) {
            earlier += &format!(
                "attempt {attempt} could not measure; measured again. Its numbers:\n{}\n",
                report.text()
            );
            continue;
        }
        return Report {
            details: if earlier.is_empty() {
                report.details
            } else {
                format!("{}\n{earlier}", report.details)
            },
            ..report
        };
    }
    unreachable!("the last attempt returns")
}

/// Trials that counted in earlier attempts count in this one: each ran on
/// a machine that delivered its cores, whenever it ran. `pooled` keeps,
/// per check, the counted trials of the attempts so far (none from an
/// attempt that other programs disturbed: the caller leaves those out).
/// An attempt that could not measure on its own is judged on them all,
/// once each check has enough for a median; an attempt that could
/// measure keeps its own value. A run here once had a core at 60% of
/// its speed for minutes: six attempts counted 1, 1, 4, 2, 1 and 1 trials,
/// none enough alone, ten in all.
pub fn pool(pooled: &mut Vec<Vec<f64>>, measured: &mut measure::Measured) {
    if measured.counted.len() != measured.values.len() {
        return;
    }
    if pooled.is_empty() {
        pooled.resize(measured.values.len(), Vec::new());
    }
    for (all, these) in pooled.iter_mut().zip(&measured.counted) {
        all.extend(these);
    }
    let enough = pooled.iter().all(|all| all.len() >= measure::ENOUGH_TRIALS);
    let earlier = pooled[0].len() > measured.counted[0].len();
    if measured.unmeasured.is_none() || !enough || !earlier {
        return;
    }
    measured.values = pooled.iter().map(|all| measure::median(all)).collect();
    measured.unmeasured = None;
    for (i, all) in pooled.iter().enumerate() {
        let mut sorted = all.clone();
        sorted.sort_by(f64::total_cmp);
        let shown: Vec<String> = sorted.iter().map(|v| format!("{v:.2}")).collect();
        measured.details += &format!(
            "\ntoo few trials counted in this attempt alone; with the earlier attempts', \
             check {}: [{}], whose median is the value",
            i + 1,
            shown.join(", ")
        );
    }
}

/// The verdict on check `i` of a claim, from what was measured and what
/// the machine gave, with the value it rests on.
///
/// Checks that need the whole machine are judged from the trials in which
/// the machine delivered its cores (`Measured::values`). One kind of them
/// (`Quiet::ToRefute`) also stands on every trial (`Measured::any_machine`)
/// when those meet the bound, since a busy machine only makes that bound
/// harder to meet; but not while `cargo xtask measure` writes the book.
pub fn judge(
    check: &Check,
    i: usize,
    cores: usize,
    measured: &measure::Measured,
    busy: Option<&str>,
) -> (Verdict, f64) {
    let value = measured.values[i];
    if let Some(why) = check.skipped(cores) {
        return (Verdict::Skipped(why), value);
    }
    if let Some(why) = &measured.disagreement {
        return (
            Verdict::Refuted(format!("the two sides gave different answers: {why}")),
            value,
        );
    }
    let Some(quiet) = check.needs_quiet() else {
        return (check.verdict(value, cores), value);
    };
    // Not for the book's figures (`set_full_trials`): a figure from trials
    // without the cores would be a verdict's evidence, not the listing's
    // number, and the words beside it describe the listing.
    if quiet == Quiet::ToRefute && !full_trials() {
        let any = measured.any_machine.get(i).copied().unwrap_or(value);
        if check.verdict(any, cores) == Verdict::Pass {
            return (Verdict::Pass, any);
        }
    }
    let rerun = "close other programs and run it again";
    let what = match quiet {
        Quiet::Always => "the check needs every core to itself",
        Quiet::ToRefute => {
            "the bound was missed, and to refute the claim the check needs every core to itself"
        }
    };
    if let Some(why) = busy {
        return (
            Verdict::Unmeasured(format!("{what}, and {why}; {rerun}")),
            value,
        );
    }
    if let Some(why) = &measured.unmeasured {
        return (
            Verdict::Unmeasured(format!("{what}: {why}; {rerun}")),
            value,
        );
    }
    (check.verdict(value, cores), value)
}

static FULL_TRIALS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// From now on, every claim runs all the trials it wants, even where its
/// check is decided sooner (`timing::Decide`), and a check that needs the
/// whole machine only to refute needs it to pass too (`judge`): `cargo
/// xtask measure` shows these figures in the book. Once, a run wrote
/// unpinned-speedup as 1.44x, the median of six trials of which two did
/// not have the cores, where five that had them give 2x.
pub fn set_full_trials() {
    FULL_TRIALS.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn full_trials() -> bool {
    FULL_TRIALS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Whether a verdict that could not be measured fails the run: under
/// `CI=true` (as CI sets it) or `CLAIMS_STRICT=1`. Elsewhere it is
/// reported as skipped, with its reason.
pub fn strict() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var("CLAIMS_STRICT").is_ok_and(|v| v == "1")
}

impl Report<'_> {
    /// No check refuted.
    pub fn passed(&self) -> bool {
        !self
            .verdicts
            .iter()
            .any(|v| matches!(v, Verdict::Refuted(_)))
    }

    /// Some check refuted.
    pub fn refuted(&self) -> bool {
        !self.passed()
    }

    /// No check refuted, and every check measured (or not applicable here).
    pub fn measured(&self) -> bool {
        !self
            .verdicts
            .iter()
            .any(|v| matches!(v, Verdict::Unmeasured(_)))
    }

    /// The claim's verdict in a word: refuted if any check is, could not
    /// measure if any check could not be, pass otherwise (skipped checks
    /// aside; skipped if all are).
    pub fn word(&self) -> &'static str {
        if self.refuted() {
            "REFUTED"
        } else if !self.measured() {
            "could not measure"
        } else if self
            .verdicts
            .iter()
            .all(|v| matches!(v, Verdict::Skipped(_)))
        {
            "skipped"
        } else {
            "pass"
        }
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
            let verdict = verdict.text();
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

/// The listings print as they run (on the page, their output is the
/// lesson). While a claim is measured, their output goes to /dev/null, so
/// that the report stays readable. Unix only, as the crate is.
pub struct Silenced {
    saved: i32,
}

impl Silenced {
    pub fn stdout() -> Silenced {
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
