//! How each claim in `tests/claims.toml` is measured: the listing's own
//! functions, run side by side. One module per chapter; each lists its
//! claims in `CLAIMS`, a function per claim that returns one value per check
//! of the claim, in the registry's order.
use super::timing::Pair;

mod async_pitfalls;
mod async_tokio;
mod choosing;
mod data_parallel;
mod distributed;
mod event_loop;
mod gil;
mod io_cpu;
mod processes;
mod processes_threads;
mod real_io;
mod shared_state;
mod sync_async;
mod threads;

/// A claim id and the function that measures it.
pub type Measurement = (&'static str, fn() -> Measured);

pub struct Measured {
    /// One value per check; NaN for a check that cannot be measured on this
    /// machine (it is then skipped, and `details` says why).
    pub values: Vec<f64>,
    /// The raw numbers behind the values, printed with every result. It may
    /// open with a Markdown table, which the book shows as a table.
    pub details: String,
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
        event_loop::CLAIMS,
        async_tokio::CLAIMS,
        real_io::CLAIMS,
        async_pitfalls::CLAIMS,
        choosing::CLAIMS,
        distributed::CLAIMS,
    ]
    .concat()
}

pub fn measure(id: &str) -> Measured {
    let (_, f) = all()
        .into_iter()
        .find(|(claim, _)| *claim == id)
        .unwrap_or_else(|| {
            panic!("no measurement for claim `{id}`: add one to tests/support/measure/")
        });
    f()
}

/// A claim whose one check is the ratio of a pair of timings.
pub fn ratio(pair: Pair) -> Measured {
    Measured {
        values: vec![pair.ratio()],
        details: pair.describe(),
    }
}

/// A ratio of two CPU-bound runs, robust to the speed of our cores.
///
/// Elsewhere the book takes each side's best time. That fails for CPU-bound
/// work whose two sides use different numbers of cores: each
/// of our two virtual cores runs, for stretches of a second or so, either at
/// full speed or at about 60% of it (3,000,000 units of `compute` took 38-41 ms or
/// 61-69 ms, in runs of a dozen), whatever the other core is doing. One side's
/// best can come from a fast stretch the other side never had, and the ratio
/// of bests then moves by half. The two runs of a trial are made back to
/// back, mostly within one stretch, so this takes the ratio within each
/// trial, a over b, and reports the median of those.
pub fn median_ratio(pair: Pair) -> Measured {
    let mut ratios: Vec<f64> = pair
        .a
        .times
        .iter()
        .zip(&pair.b.times)
        .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    let shown: Vec<String> = ratios.iter().map(|r| format!("{r:.2}")).collect();
    Measured {
        values: vec![median],
        details: format!(
            "{}\nratio within each trial, sorted: [{}]; the median is the value",
            pair.describe(),
            shown.join(", ")
        ),
    }
}
