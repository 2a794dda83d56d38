//! Timelines of chapter 8, "Shared state: races, atomics, locks and
//! deadlock".
use super::{Figure, Panel, record};
use concurrency_measured::shared_state::{deadlock, false_sharing, lock_order};

pub const FIGURES: &[Figure] = &[
    Figure {
        id: "deadlock",
        chapter: "shared-state.md",
        number: "8-1",
        caption: "The transfers of Listing 8-5, whose two threads take the two locks in \
              opposite orders, then those of Listing 8-6, which take them in one order; each \
              under its watchdog on the calling thread. Solid where the kernel's CPU clock for \
              the thread advanced (sampled every millisecond), pale where the thread existed \
              but was off the processor.",
        listings: &[
            "listings/shared_state/deadlock.rs",
            "listings/shared_state/lock_order.rs",
        ],
        draw: deadlock_and_lock_order,
        expect: || {
            let lanes = || {
                ["calling thread", "thread 1", "thread 2"]
                    .map(String::from)
                    .to_vec()
            };
            vec![
                ("Listing 8-5, locks in opposite orders", lanes()),
                ("Listing 8-6, locks in one order", lanes()),
            ]
        },
    },
    Figure {
        id: "false-sharing",
        chapter: "shared-state.md",
        number: "8-2",
        caption: "Listing 8-10's threads, one per core, each adding 5,000,000 times to a \
                  counter of its own: first with the counters side by side in one cache line, \
                  then each on a line of its own. Solid where the kernel's CPU clock for the \
                  thread advanced (sampled every millisecond), pale where it was off the \
                  processor: the waits for the shared line count as computing.",
        listings: &["listings/shared_state/false_sharing.rs"],
        draw: packed_and_padded,
        expect: || {
            let mut lanes = vec!["calling thread".to_owned()];
            lanes.extend((1..=crate::registry::cores()).map(|i| format!("thread {i}")));
            vec![
                ("packed into one line", lanes.clone()),
                ("a line each", lanes),
            ]
        },
    },
];

fn packed_and_padded() -> Vec<Panel> {
    use false_sharing::{packed, padded};
    let cores = crate::registry::cores();
    vec![
        record::on_cores("packed into one line", || {
            packed(cores, 5_000_000);
        }),
        record::on_cores("a line each", || {
            padded(cores, 5_000_000);
        }),
    ]
}

fn deadlock_and_lock_order() -> Vec<Panel> {
    // The calling thread runs the watchdog; what it printed goes into the
    // lane's tooltip.
    let watched = |name: &str, run: fn() -> bool| {
        let mut outcome = (false, String::new());
        let mut panel = record::on_cores(name, || {
            outcome = record::capture_stdout(run);
        });
        let caller = &mut panel.lanes[0];
        caller.note = "watchdog".to_owned();
        caller.spans[0].tip += &format!("; the watchdog printed \"{}\"", outcome.1.trim());
        (panel, outcome.0)
    };
    // A run of Listing 8-5 that finishes without a deadlock is possible,
    // though rare on two cores: the figure shows one that deadlocked. (Its
    // two stuck threads stay blocked until this process ends.)
    let stuck = (0..5)
        .map(|_| {
            watched(
                "Listing 8-5, locks in opposite orders",
                deadlock::main_reports_deadlock,
            )
        })
        .find(|(_, deadlocked)| *deadlocked)
        .expect("Listing 8-5 deadlocks within five runs")
        .0;
    let (ordered, deadlocked) = watched(
        "Listing 8-6, locks in one order",
        lock_order::main_reports_deadlock,
    );
    assert!(!deadlocked, "Listing 8-6 deadlocked");
    vec![stuck, ordered]
}
