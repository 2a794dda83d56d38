//! Timelines of chapter 5, "The GIL, measured".
use super::{Figure, Panel, record};
use concurrency_measured::gil::{no_gil, simulated_gil};

pub const FIGURES: &[Figure] = &[Figure {
    id: "gil-vs-free",
    chapter: "gil.md",
    number: "5-1",
    caption: "Two CPU-bound jobs of a million bytecodes each, on two threads: under the \
              simulated GIL of Listing 5-1, then each with an interpreter of its own, as in \
              Listing 5-3. Solid where the kernel's CPU clock for the thread advanced \
              (sampled every millisecond), pale where the thread existed but was off the \
              processor. The calling thread only waits for the two.",
    listings: &["listings/gil/simulated_gil.rs", "listings/gil/no_gil.rs"],
    draw: gil_vs_free,
    expect: || {
        let lanes = || {
            ["calling thread", "thread 1", "thread 2"]
                .map(String::from)
                .to_vec()
        };
        vec![(UNDER_GIL, lanes()), (FREE, lanes())]
    },
}];

const UNDER_GIL: &str = "Listing 5-1, two threads, one GIL";
const FREE: &str = "Listing 5-3, two threads, an interpreter each";

/// Bytecodes per job, as in both listings' `main`.
const BYTECODES: u64 = 1_000_000;

fn gil_vs_free() -> Vec<Panel> {
    let gil = simulated_gil::Gil::new(simulated_gil::Interpreter::new());
    vec![
        record::on_cores(UNDER_GIL, || {
            simulated_gil::on_threads(2, || {
                simulated_gil::count_down(&gil, BYTECODES);
            });
        }),
        record::on_cores(FREE, || {
            no_gil::on_threads(2, BYTECODES);
        }),
    ]
}
