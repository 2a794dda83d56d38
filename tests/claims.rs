//! Test layer 4: every timing claim of the book, measured and asserted
//! against the bound in `tests/claims.toml`. The tests take turns (a lock in
//! `support::timing`), so no two measurements share the machine. Run with
//! `--nocapture` to see every number, not only those of a failure.
mod support;

use std::collections::BTreeSet;

macro_rules! claims {
    ($($test:ident => $id:literal,)*) => {
        $(
            #[test]
            fn $test() {
                let registry = support::registry::load();
                let report = support::run(&registry, $id);
                println!("{}", report.text());
                assert!(report.passed(), "\n{}", report.text());
            }
        )*
        const TESTED: &[&str] = &[$($id),*];
    };
}

claims! {
    io_threads => "io-threads",
    io_tokio => "io-tokio",
    cpu_threads => "cpu-threads",
    spawn_overhead => "spawn-overhead",
    cpu_vs_wall => "cpu-vs-wall",
    gil_cpu => "gil-cpu",
    gil_io => "gil-io",
    python_gil => "python-gil",
    process_speedup => "process-speedup",
    process_data_cost => "process-data-cost",
    rayon_compute => "rayon-compute",
    memory_bound => "memory-bound",
    amdahl => "amdahl",
    grain => "grain",
}

#[test]
fn every_claim_in_the_registry_is_measured_and_tested() {
    let registry = support::registry::load();
    let listed: BTreeSet<&str> = registry.claim.iter().map(|c| c.id.as_str()).collect();
    let tested: BTreeSet<&str> = TESTED.iter().copied().collect();
    let measured: BTreeSet<&str> = support::measure::all().iter().map(|(id, _)| *id).collect();
    assert_eq!(listed, tested, "registry ids vs tests in tests/claims.rs");
    assert_eq!(
        listed, measured,
        "registry ids vs measurements in tests/support/measure/"
    );
}
