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
    spawn_ladder => "spawn-ladder",
    pinned_no_speedup => "pinned-no-speedup",
    unpinned_speedup => "unpinned-speedup",
    switch_cost => "switch-cost",
    oversubscribe => "oversubscribe",
    lost_updates => "lost-updates",
    atomic_exact => "atomic-exact",
    compute_as_tasks => "compute-as-tasks",
    executor => "executor",
    runtime_parallel => "runtime-parallel",
    task_vs_thread_spawn => "task-vs-thread-spawn",
    task_memory => "task-memory",
    many_tasks => "many-tasks",
    io_clients => "io-clients",
    blocking_sleep => "blocking-sleep",
    starvation => "starvation",
    dataflow_same_answer => "dataflow-same-answer",
    dataflow_process_cost => "dataflow-process-cost",
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
