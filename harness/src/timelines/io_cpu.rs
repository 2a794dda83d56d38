//! Timelines of chapter 2, "I/O-bound and CPU-bound work".
use super::{Figure, Panel, record};
use concurrency_measured::io_cpu;

pub const FIGURES: &[Figure] = &[
    Figure {
        id: "computing-vs-waiting",
        chapter: "io-cpu.md",
        number: "2-1",
        caption: "The two jobs of Listing 2-1 on the thread that calls them: counting the \
                  primes below 300,000, then ten waits of 100 ms. Solid where the kernel's \
                  CPU clock for the thread advanced (sampled every millisecond), pale where \
                  the thread was off the processor.",
        listings: &["listings/io_cpu/cpu_time.rs"],
        draw: computing_vs_waiting,
        expect: || {
            vec![
                ("counting primes", vec!["calling thread".to_owned()]),
                ("ten waits of 100 ms", vec!["calling thread".to_owned()]),
            ]
        },
    },
    Figure {
        id: "primes-on-threads",
        chapter: "io-cpu.md",
        number: "2-2",
        caption: "Listing 2-2 counting the primes below 300,000 on one thread, then on one \
                  thread per core. The calling thread only waits for the scope to end; the \
                  threads it starts compute, side by side on separate cores in the second run.",
        listings: &["listings/io_cpu/primes_threads.rs"],
        draw: primes_on_threads,
        expect: || {
            let cores = crate::registry::cores();
            let mut per_core = vec!["calling thread".to_owned()];
            per_core.extend((1..=cores).map(|i| format!("thread {i}")));
            vec![
                (
                    "1 thread",
                    vec!["calling thread".to_owned(), "thread 1".to_owned()],
                ),
                ("one thread per core", per_core),
            ]
        },
    },
];

fn computing_vs_waiting() -> Vec<Panel> {
    use io_cpu::cpu_time::{count_primes, wait_ten_times};
    vec![
        record::on_cores("counting primes", || {
            count_primes(300_000);
        }),
        record::on_cores("ten waits of 100 ms", wait_ten_times),
    ]
}

fn primes_on_threads() -> Vec<Panel> {
    use io_cpu::primes_threads::count_primes;
    let cores = crate::registry::cores() as u64;
    vec![
        record::on_cores("1 thread", || {
            count_primes(300_000, 1);
        }),
        record::on_cores("one thread per core", || {
            count_primes(300_000, cores);
        }),
    ]
}
