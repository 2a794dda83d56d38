//! How each claim in `tests/claims.toml` is measured: the listing's own
//! functions, run side by side. One module per chapter; each lists its
//! claims in `CLAIMS`, a function per claim that returns one value per check
//! of the claim, in the registry's order.
//!
//! Each function takes `broken`: when true, it makes the claim's breaker,
//! the change to the listing that the registry's `breaker` describes and
//! that the claim must refute. The change is made where the listing is
//! called, in a line or two marked `// Breaker:`.
use crate::registry::Estimator;
use crate::timing::{self, Pair};

mod async_pitfalls;
mod async_tokio;
mod choosing;
mod data_parallel;
mod distributed;
mod event_loop;
mod gil;
mod io_cpu;
mod message_passing;
mod processes;
mod processes_threads;
mod real_io;
mod shared_state;
mod sync_async;
mod threads;

/// A claim id and the function that measures it (with its breaker when
/// the argument is true).
pub type Measurement = (&'static str, fn(bool) -> Measured);

#[derive(Default)]
pub struct Measured {
    /// One value per check; NaN for a check that cannot be measured on this
    /// machine (it is then skipped, and `details` says why).
    pub values: Vec<f64>,
    /// The raw numbers behind the values, printed with every result. It may
    /// open with a Markdown table, which the book shows as a table.
    pub details: String,
    /// Where the two sides gave different answers: every check is refuted,
    /// however fast the wrong answer came.
    pub disagreement: Option<String>,
    /// Why the trials could not give a value that the checks needing the
    /// whole machine can judge (the machine did not deliver its cores).
    pub unmeasured: Option<String>,
    /// For measurements whose trials were probed: the values from every
    /// trial, whatever the machine delivered (`values` has those from the
    /// trials that counted). Empty where they are the same.
    pub any_machine: Vec<f64>,
    /// For measurements whose trials were probed: per check, the value of
    /// each trial that counted (the check's value is their median). Empty
    /// where a check's value is not such a median. An attempt that could
    /// not measure passes these on to the next (`harness::pool`).
    pub counted: Vec<Vec<f64>>,
    /// How the values were estimated from the trials; it must be the one
    /// the registry names for the claim (`run` checks).
    pub estimator: Option<Estimator>,
    /// For latency claims: each side's requests, pooled over the trials
    /// (`latency::pooled`); the page shows their percentiles.
    pub latency: Vec<crate::latency::Side>,
}

/// Every claim that has a measurement, with its measurement.
pub fn all() -> Vec<Measurement> {
    [
        sync_async::CLAIMS,
        io_cpu::CLAIMS,
        processes_threads::CLAIMS,
        threads::CLAIMS,
        gil::CLAIMS,
        processes::CLAIMS,
        data_parallel::CLAIMS,
        shared_state::CLAIMS,
        message_passing::CLAIMS,
        event_loop::CLAIMS,
        async_tokio::CLAIMS,
        real_io::CLAIMS,
        async_pitfalls::CLAIMS,
        choosing::CLAIMS,
        distributed::CLAIMS,
    ]
    .concat()
}

pub fn measure(id: &str, broken: bool) -> Measured {
    let (_, f) = all()
        .into_iter()
        .find(|(claim, _)| *claim == id)
        .unwrap_or_else(|| {
            panic!("no measurement for claim `{id}`: add one to harness/src/measure/")
        });
    f(broken)
}

/// A claim whose one check is the ratio of a pair of timings, each side's
/// best (`Estimator::Best`).
pub fn ratio(pair: Pair) -> Measured {
    Measured {
        estimator: Some(Estimator::Best),
        values: vec![pair.ratio()],
        details: pair.describe(),
        disagreement: pair.disagreement.clone(),
        ..Measured::default()
    }
}

/// Trials of each side of a latency claim (`crate::latency::pooled`): three
/// trials of a few hundred requests put a thousand or more in each side's
/// histogram, ten or more at its p99.
pub const LATENCY_TRIALS: usize = 3;

/// Trials that counted, fewer than this, cannot give a median worth
/// judging.
pub const ENOUGH_TRIALS: usize = 5;

/// A ratio of two CPU-bound runs, robust to the speed of our cores: the
/// median, over the trials that counted, of the ratio within each trial
/// (`Estimator::MedianWithin`).
///
/// Each side's best fails for CPU-bound work whose two sides use different
/// numbers of cores: each of our two virtual cores runs, for stretches of
/// a second or so, either at full speed or at about 60% of it (3,000,000
/// units of `compute` took 38-41 ms or 61-69 ms, in runs of a dozen),
/// whatever the other core is doing. One side's best can come from a fast
/// stretch the other side never had, and the ratio of bests then moves by
/// half. The two runs of a trial are made back to back, mostly within one
/// stretch, so this takes the ratio within each trial, a over b.
pub fn median_ratio(pair: Pair) -> Measured {
    let ratios = pair.ratios_within();
    let median = median(&ratios);
    let all = pair.ratios_all();
    let mut sorted = ratios.clone();
    sorted.sort_by(f64::total_cmp);
    let shown: Vec<String> = sorted.iter().map(|r| format!("{r:.2}")).collect();
    let too_few = !pair.decided && ratios.len() < ENOUGH_TRIALS.min(pair.usable.len());
    let unmeasured = too_few.then(|| {
        format!(
            "only {} of {} trials had the machine's cores (the probes around them found \
             {} cores delivered, {:.2} needed): too few for a median",
            ratios.len(),
            pair.usable.len(),
            pair.probes
                .iter()
                .map(|p| format!("{p:.2}"))
                .collect::<Vec<_>>()
                .join(", "),
            timing::needed() * super::registry::cores() as f64
        )
    });
    Measured {
        estimator: Some(Estimator::MedianWithin),
        values: vec![median],
        details: format!(
            "{}\nratio within each trial that counted, sorted: [{}]; the median is the value{}",
            pair.describe(),
            shown.join(", "),
            if pair.decided {
                "\nthe trials stopped here: more than half of the trials wanted met the bound, \
                 so their median would meet it whatever the others gave"
            } else {
                ""
            }
        ),
        disagreement: pair.disagreement.clone(),
        unmeasured,
        any_machine: if all.len() == ratios.len() {
            Vec::new()
        } else {
            vec![self::median(&all)]
        },
        counted: vec![ratios],
        ..Measured::default()
    }
}

/// The median of some values (the upper one of an even count); NaN for none.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}
