//! Claims of chapter 8, "Shared state: races, atomics, locks and deadlock".
use concurrency_measured::shared_state::{
    contention, counter_atomic, counter_mutex, counter_race, false_sharing, guard_lifetime,
    lock_tail, rwlock_readers, spin_lock,
};
use std::sync::{Mutex, RwLock};

use super::{ENOUGH_TRIALS, Measured, Measurement, median_ratio};
use crate::registry::Estimator;
use crate::timing::{interleaved, on_all_cores, until_decided};

pub const CLAIMS: &[Measurement] = &[
    ("lost-updates", lost_updates),
    ("atomic-exact", atomic_exact),
    ("guard-held", guard_held),
    ("false-sharing", false_sharing),
    ("ordering-cost", ordering_cost),
    ("spin-lock", spin_lock),
    ("rwlock-readers", rwlock_readers),
    ("atomic-vs-mutex", atomic_vs_mutex),
    ("lock-tail", lock_tail),
];

const TIMES: u64 = 1_000_000;

fn lost_updates(broken: bool) -> Measured {
    // Breaker: one lock for the whole increment (counter_mutex.rs).
    let count = if broken {
        counter_mutex::count
    } else {
        counter_race::count
    };
    // A run in which the two threads happen not to overlap loses nothing,
    // so up to five runs, stopping at the first that loses an update.
    let mut lost = Vec::new();
    for _ in 0..5 {
        lost.push(2 * TIMES - count(TIMES));
        if lost[lost.len() - 1] > 0 {
            break;
        }
    }
    Measured {
        estimator: Some(Estimator::Exact),
        values: vec![*lost.last().unwrap() as f64],
        details: format!("updates lost in each run, of {}: {lost:?}", 2 * TIMES),
        ..Measured::default()
    }
}

/// `counter_atomic::count` with the breaker's change: `fetch_add` split
/// into a load and a store.
fn count_with_load_and_store(times: u64) -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    let counter = AtomicU64::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..times {
                    let seen = counter.load(Relaxed);
                    counter.store(seen + 1, Relaxed);
                }
            });
        }
    });
    counter.load(Relaxed)
}

fn atomic_exact(broken: bool) -> Measured {
    // Breaker: fetch_add split into a load and a store, and the lock taken
    // for the read and again for the write (counter_race.rs).
    let (atomic, mutex) = if broken {
        (count_with_load_and_store(TIMES), counter_race::count(TIMES))
    } else {
        (counter_atomic::count(TIMES), counter_mutex::count(TIMES))
    };
    Measured {
        estimator: Some(Estimator::Exact),
        values: vec![(2 * TIMES - atomic) as f64, (2 * TIMES - mutex) as f64],
        details: format!(
            "expected {}: fetch_add counted {atomic}, Mutex counted {mutex}",
            2 * TIMES
        ),
        ..Measured::default()
    }
}

/// Jobs of 1,000 numbers each: about 100 ms of them on one core.
const BLOCKS: u64 = 80;

fn guard_held(broken: bool) -> Measured {
    use guard_lifetime::{dropping, holding};
    let cores = crate::registry::cores();
    let queue = || Mutex::new((0..BLOCKS).collect::<Vec<u64>>());
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("guard held through each job", || holding(&queue(), cores)),
        ("guard dropped before each job", || {
            if broken {
                // Breaker: the fixed pool takes its jobs with the same
                // `while let`, and keeps the guard through each job too.
                holding(&queue(), cores)
            } else {
                dropping(&queue(), cores)
            }
        }),
    ));
    m.details = format!(
        "{BLOCKS} jobs of counting the primes among 1,000 numbers, {cores} workers\n{}",
        m.details
    );
    m
}

/// Increments per thread: about 30 ms of them padded, on this machine.
const INCREMENTS: u64 = 2_000_000;

fn false_sharing(broken: bool) -> Measured {
    use false_sharing::{packed, padded};
    let cores = crate::registry::cores();
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("counters packed into one line", || {
            if broken {
                // Breaker: the packed counters padded too.
                padded(cores, INCREMENTS)
            } else {
                packed(cores, INCREMENTS)
            }
        }),
        ("each counter on a line of its own", || {
            padded(cores, INCREMENTS)
        }),
    ));
    m.details = format!(
        "{INCREMENTS} increments on each of {cores} threads, one per core\n{}",
        m.details
    );
    m
}

/// Stores, and loads, per side: about 5 ms of `Release` stores here.
const ACCESSES: u64 = 10_000_000;

fn ordering_cost(broken: bool) -> Measured {
    // The listing compiled with optimization (optimized/): in a debug
    // build each store is a call, and the calls cost more than the store.
    use optimized_listings::ordering_cost::{
        acquire_loads, release_stores, seqcst_loads, seqcst_stores,
    };
    use std::sync::atomic::AtomicU64;
    // The checks name x86-64 (`arch` in the registry): elsewhere they are
    // skipped, and this runs for nothing but the record.
    let x = AtomicU64::new(1);
    let stores = median_ratio(interleaved(
        ENOUGH_TRIALS + 2,
        ("SeqCst stores", || {
            if broken {
                // Breaker: the SeqCst side's stores made Release.
                release_stores(&x, ACCESSES)
            } else {
                seqcst_stores(&x, ACCESSES)
            }
        }),
        ("Release stores", || release_stores(&x, ACCESSES)),
    ));
    let loads = median_ratio(interleaved(
        ENOUGH_TRIALS + 2,
        ("SeqCst loads", || seqcst_loads(&x, ACCESSES)),
        ("Acquire loads", || acquire_loads(&x, ACCESSES)),
    ));
    Measured {
        estimator: Some(Estimator::MedianWithin),
        values: vec![stores.values[0], loads.values[0]],
        details: format!(
            "optimized build (opt-level 3) of ordering_cost.rs, {ACCESSES} accesses a side, one thread\n{}\n{}",
            stores.details, loads.details
        ),
        disagreement: stores.disagreement.or(loads.disagreement),
        counted: vec![stores.counted[0].clone(), loads.counted[0].clone()],
        ..Measured::default()
    }
}

/// Updates per thread: with eight threads per core, about 350 ms of them
/// under the `Mutex` here. With four threads per core (and 30,000 updates
/// each), the slowdown measured 1.8x to 3.2x from trial to trial, and a
/// median of 1.96x once: how often a holder loses its core is the
/// scheduler's choice, and with three spinners behind it on its core the
/// cost sat near the bound. Seven spinners behind it: 3.7x to 4.7x in a
/// run of eight trials.
const UPDATES: usize = 15_000;

fn spin_lock(broken: bool) -> Measured {
    use spin_lock::{sleeping, spinning};
    let threads = 8 * crate::registry::cores();
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("SpinLock", || {
            if broken {
                // Breaker: std's Mutex on the spin lock's side too.
                sleeping(threads, UPDATES)
            } else {
                spinning(threads, UPDATES)
            }
        }),
        ("Mutex", || sleeping(threads, UPDATES)),
    ));
    m.details = format!(
        "{UPDATES} updates on each of {threads} threads, eight per core\n{}",
        m.details
    );
    m
}

/// One claim's checks, each the median of the ratios within its own
/// trials (`median_ratio`), as one measurement.
fn checks(each: Vec<Measured>, details: String) -> Measured {
    let any = |m: &Measured| m.any_machine.first().copied().unwrap_or(m.values[0]);
    Measured {
        estimator: Some(Estimator::MedianWithin),
        values: each.iter().map(|m| m.values[0]).collect(),
        any_machine: if each.iter().all(|m| m.any_machine.is_empty()) {
            Vec::new()
        } else {
            each.iter().map(any).collect()
        },
        counted: each.iter().map(|m| m.counted[0].clone()).collect(),
        details: each
            .iter()
            .fold(details, |d, m| format!("{d}\n{}", m.details)),
        disagreement: each.iter().find_map(|m| m.disagreement.clone()),
        unmeasured: each.iter().find_map(|m| m.unmeasured.clone()),
        latency: Vec::new(),
    }
}

/// Numbers a long read sums: tens of µs of summing in the listing's
/// unoptimized build.
const LONG: u64 = 4_000;
/// Long reads per thread: about 100 ms of them on each core under the
/// `RwLock` here.
const LONG_READS: usize = 2_000;
/// Short reads, of one number, per thread: about 200 ms of them here,
/// under either lock.
const SHORT_READS: usize = 500_000;

fn rwlock_readers(broken: bool) -> Measured {
    use rwlock_readers::{readers, sum_locked, sum_read_locked};
    let cores = crate::registry::cores();
    let long: Vec<u64> = (0..LONG).collect();
    let (mutex, rwlock) = (Mutex::new(long.clone()), RwLock::new(long));
    let long = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("Mutex, long reads", || {
            readers(&mutex, cores, LONG_READS, sum_locked)
        }),
        ("RwLock, long reads", || {
            if broken {
                // Breaker: the readers take the write lock.
                readers(&rwlock, cores, LONG_READS, |l| {
                    l.write().unwrap().iter().sum()
                })
            } else {
                readers(&rwlock, cores, LONG_READS, sum_read_locked)
            }
        }),
    ));
    let (mutex, rwlock) = (Mutex::new(vec![1]), RwLock::new(vec![1]));
    let short = median_ratio(until_decided(
        1,
        ENOUGH_TRIALS,
        ("Mutex, short reads", || {
            readers(&mutex, cores, SHORT_READS, sum_locked)
        }),
        ("RwLock, short reads", || {
            readers(&rwlock, cores, SHORT_READS, sum_read_locked)
        }),
    ));
    let at_once = median_ratio(until_decided(
        2,
        ENOUGH_TRIALS,
        ("RwLock, short reads, all on one thread", || {
            readers(&rwlock, 1, cores * SHORT_READS, sum_read_locked)
        }),
        ("RwLock, short reads, one thread per core", || {
            readers(&rwlock, cores, SHORT_READS, sum_read_locked)
        }),
    ));
    checks(
        vec![long, short, at_once],
        format!(
            "{cores} reader threads, one per core, no writer: {LONG_READS} reads of {LONG} \
             numbers each, then {SHORT_READS} reads of one number each; then the short \
             reads of them all on one thread"
        ),
    )
}

/// Updates per thread: about 35 ms of them under the `Mutex` on one thread
/// here.
const ADDS: u32 = 500_000;

fn atomic_vs_mutex(broken: bool) -> Measured {
    use contention::{Counters, time_per_op};
    let cores = crate::registry::cores();
    let threads = cores as u32;
    let mutex = |threads| {
        let c = Counters::new();
        time_per_op(threads, ADDS, || c.mutex_add());
        c.mutex.into_inner().unwrap()
    };
    let atomic = |threads| {
        let c = Counters::new();
        if broken {
            // Breaker: the atomic side's counter behind the Mutex too.
            time_per_op(threads, ADDS, || c.mutex_add());
            return c.mutex.into_inner().unwrap();
        }
        time_per_op(threads, ADDS, || c.atomic_add());
        c.atomic.into_inner()
    };
    let alone = median_ratio(interleaved(
        ENOUGH_TRIALS + 2,
        ("Mutex, 1 thread", || mutex(1)),
        ("fetch_add, 1 thread", || atomic(1)),
    ));
    let contended = median_ratio(on_all_cores(
        ENOUGH_TRIALS,
        ("Mutex, one thread per core", || mutex(threads)),
        ("fetch_add, one thread per core", || atomic(threads)),
    ));
    checks(
        vec![alone, contended],
        format!("{ADDS} updates of one counter on each thread; {cores} threads when contended"),
    )
}

/// Updates by each thread: 200,000 take a few tenths of a second on one
/// thread, time for the threads of a core to take many turns.
const TAIL_UPDATES: usize = 200_000;

fn lock_tail(broken: bool) -> Measured {
    let cores = crate::registry::cores();
    // Breaker: one thread per core on the many-threads side too.
    let many = if broken { cores } else { 4 * cores };
    let labels = [
        format!("{} threads, 4 per core", 4 * cores),
        format!("{cores} threads, 1 per core"),
        "1 thread".to_owned(),
    ];
    let sides = crate::latency::pooled(
        "updates",
        &[
            (&labels[0], &|| {
                lock_tail::update_latencies(many, TAIL_UPDATES)
            }),
            (&labels[1], &|| {
                lock_tail::update_latencies(cores, TAIL_UPDATES)
            }),
            (&labels[2], &|| lock_tail::update_latencies(1, TAIL_UPDATES)),
        ],
        super::LATENCY_TRIALS,
    );
    crate::latency::measured(
        sides,
        &[(0.9999, 0, 1), (0.99, 0, 2)],
        format!("{TAIL_UPDATES} updates by each thread, the lock held for each"),
    )
}
