//! Claims of chapter 14, "Choosing a model".
use concurrency_measured::choosing::compute_as_tasks::{as_tasks, on_threads};
use std::time::Instant;

use super::{Measured, Measurement, median_ratio};
use crate::support::timing::interleaved;

pub const CLAIMS: &[Measurement] = &[("compute-as-tasks", compute_as_tasks)];

/// The listing's jobs, two per core, so that every core has work on
/// threads whatever their number.
fn compute_as_tasks() -> Measured {
    let jobs = 2 * crate::support::registry::cores();
    let below = 100_000;
    let mut m = median_ratio(interleaved(
        5,
        ("tokio tasks on one thread", || {
            as_tasks(jobs, below, Instant::now());
        }),
        ("a thread each", || {
            on_threads(jobs, below, Instant::now());
        }),
    ));
    m.details = format!(
        "{jobs} jobs, each counting the primes below {below}\n{}",
        m.details
    );
    m
}
