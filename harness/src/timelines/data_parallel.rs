//! Timelines of chapter 7, "Data parallelism with rayon".
use super::{Figure, Panel, record};
use concurrency_measured::data_parallel::par_map;

pub const FIGURES: &[Figure] = &[Figure {
    id: "par-map-on-cores",
    chapter: "data-parallel.md",
    number: "7-1",
    caption: "Listing 7-1's Collatz map over 1..=100,000 with <code>iter</code>, then with \
              <code>par_iter</code> on a rayon pool of one thread per core, started for the \
              run. Solid where the kernel's CPU clock for the thread advanced (sampled every \
              millisecond), pale where the thread was off the processor: the calling thread \
              hands the work to the pool and waits while the pool's threads compute.",
    listings: &["listings/data_parallel/par_map.rs"],
    draw: par_map_on_cores,
    expect: || {
        let cores = crate::registry::cores();
        let mut pool = vec!["calling thread".to_owned()];
        pool.extend((1..=cores).map(|i| format!("thread {i}")));
        vec![
            (
                "iter, on the calling thread",
                vec!["calling thread".to_owned()],
            ),
            ("par_iter, on a pool of one thread per core", pool),
        ]
    },
}];

fn par_map_on_cores() -> Vec<Panel> {
    let numbers: Vec<u64> = (1..=100_000).collect();
    let cores = crate::registry::cores();
    vec![
        record::on_cores("iter, on the calling thread", || {
            par_map::sequential(&numbers);
        }),
        // A pool of its own, built inside the run, so that its threads are
        // the run's (the recorder leaves out threads that existed before),
        // and `install` makes it the pool `par_iter` uses.
        record::on_cores("par_iter, on a pool of one thread per core", || {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(cores)
                .build()
                .unwrap();
            pool.install(|| par_map::parallel(&numbers));
        }),
    ]
}
