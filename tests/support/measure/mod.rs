//! How each claim in `tests/claims.toml` is measured: the listing's own
//! functions, run side by side. One module per chapter; each lists its
//! claims in `CLAIMS`, a function per claim that returns one value per check
//! of the claim, in the registry's order.
use super::timing::Pair;

mod data_parallel;
mod gil;
mod io_cpu;
mod processes;
mod sync_async;

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
        gil::CLAIMS,
        processes::CLAIMS,
        data_parallel::CLAIMS,
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
