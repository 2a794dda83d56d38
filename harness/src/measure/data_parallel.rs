//! Claims of chapter 7, "Data parallelism with rayon".
use concurrency_measured::data_parallel::{amdahl, grain, par_map};
use std::hint::black_box;
use std::time::Duration;

use super::{ENOUGH_TRIALS, Measured, Measurement, median, median_ratio};
use crate::registry::Estimator;
use crate::registry::cores;
use crate::timing::{Side, on_all_cores, time, until_decided};
use std::cell::RefCell;

pub const CLAIMS: &[Measurement] = &[
    ("rayon-compute", rayon_compute),
    ("memory-bound", memory_bound),
    ("amdahl", amdahl_law),
    ("grain", grain_size),
];

/// 1..=n, with n large enough that `sequential` takes at least `target`.
fn calibrated_numbers(target: Duration, sequential: fn(&[u64]) -> u64) -> Vec<u64> {
    let mut n = 10_000;
    loop {
        let numbers: Vec<u64> = (1..=n).collect();
        if time(&mut || {
            black_box(sequential(&numbers));
        }) >= target
        {
            return numbers;
        }
        n *= 2;
    }
}

fn rayon_compute(broken: bool) -> Measured {
    use par_map::{parallel, sequential};
    let numbers = calibrated_numbers(Duration::from_millis(100), sequential);
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("iter().map()", || sequential(black_box(&numbers))),
        ("par_iter().map()", || {
            if broken {
                // Breaker: iter() where the listing has par_iter().
                sequential(black_box(&numbers))
            } else {
                parallel(black_box(&numbers))
            }
        }),
    ));
    m.details = format!(
        "Collatz steps of 1..={}, {} rayon threads\n{}",
        numbers.len(),
        rayon::current_num_threads(),
        m.details
    );
    m
}

fn memory_bound(broken: bool) -> Measured {
    // The listings compiled with optimization (optimized/): in a
    // debug build, the sum adds too slowly for memory to be what limits it.
    use optimized_listings::{par_map, sum_memory};
    let data = vec![1u64; sum_memory::LEN];
    // 256 KiB fits in a core's own cache; summed 1,024 times, it makes the
    // same 32 Mi additions as one sum of the 256 MiB, none of which waits
    // for memory.
    let cached = &data[..sum_memory::LEN / 1024];
    let sum_cached = || {
        let mut total = 0;
        for _ in 0..1024 {
            total += sum_memory::sum(black_box(cached));
        }
        total
    };
    assert_eq!(sum_cached(), sum_memory::LEN as u64);
    // About as long as one sum of the 256 MiB, so that the jobs are
    // exposed to the machine's noise alike.
    let sum_time = time(&mut || {
        black_box(sum_memory::sum(&data));
    });
    let numbers = calibrated_numbers(sum_time, par_map::sequential);
    // Five sides, taking turns in a different order each round.
    let names = [
        "iter().sum(), 256 MiB from memory",
        "iter().sum(), 256 KiB from cache, 1,024 times",
        "par_iter().sum(), 256 MiB",
        "iter().map(collatz_steps)",
        "par_iter().map(collatz_steps)",
    ];
    let mut runs: [Box<dyn FnMut()>; 5] = [
        Box::new(|| {
            if broken {
                // Breaker: the "256 MiB" sum made over the 256 KiB that
                // stay in the cache.
                black_box(sum_cached());
            } else {
                black_box(sum_memory::sum(&data));
            }
        }),
        Box::new(|| {
            black_box(sum_cached());
        }),
        Box::new(|| {
            black_box(sum_memory::par_sum(&data));
        }),
        Box::new(|| {
            black_box(par_map::sequential(&numbers));
        }),
        Box::new(|| {
            black_box(par_map::parallel(&numbers));
        }),
    ];
    let mut times: [Vec<Duration>; 5] = Default::default();
    for round in 0..10 {
        for i in 0..5 {
            let side = (i + round) % 5;
            times[side].push(time(&mut runs[side]));
        }
    }
    drop(runs);
    let [from_memory, from_cache, sum_par, map_seq, map_par] = [0, 1, 2, 3, 4].map(|i| Side {
        name: names[i],
        times: std::mem::take(&mut times[i]),
    });
    drop(data);
    let gb = (sum_memory::LEN * 8) as f64 / 1e9;
    let bandwidth = |side: &Side| gb / side.best().as_secs_f64();
    let memory_over_cache = from_memory.best().as_secs_f64() / from_cache.best().as_secs_f64();
    let sum_speedup = from_memory.best().as_secs_f64() / sum_par.best().as_secs_f64();
    let map_speedup = map_seq.best().as_secs_f64() / map_par.best().as_secs_f64();
    let describe = |s: &Side| format!("{}: best {:.2?} of {:.2?}", s.name, s.best(), s.times);
    Measured {
        estimator: Some(Estimator::Best),
        values: vec![memory_over_cache],
        details: format!(
            "optimized build (opt-level 3) of sum_memory.rs and par_map.rs, {} cores\n\
             one thread: {:.1} GB/s from memory, {:.1} GB/s from cache\n\
             not asserted: the sum's speedup on all cores {:.2}x ({:.1} GB/s), \
             the Collatz map's {:.2}x (Collatz steps of 1..={})\n{}",
            cores(),
            bandwidth(&from_memory),
            bandwidth(&from_cache),
            sum_speedup,
            bandwidth(&sum_par),
            map_speedup,
            numbers.len(),
            [&from_memory, &from_cache, &sum_par, &map_seq, &map_par]
                .map(describe)
                .join("\n"),
        ),
        ..Measured::default()
    }
}

fn amdahl_law(broken: bool) -> Measured {
    use amdahl::{amdahl, job, parallel_part};
    // Steps for about 50 ms of each part on one core.
    let mut steps = 1_000;
    while job(steps, 0, false).0 < Duration::from_millis(50) {
        steps *= 2;
    }
    let on_all = |steps| {
        if broken {
            // Breaker: the serial part run on all cores as well.
            let t0 = std::time::Instant::now();
            black_box(parallel_part(steps, true));
            let t1 = std::time::Instant::now();
            black_box(parallel_part(steps, true));
            (t1 - t0, t1.elapsed())
        } else {
            job(steps, steps, true)
        }
    };
    let (one, all) = (RefCell::new(Vec::new()), RefCell::new(Vec::new()));
    // A trial is a run on one core and a run on all cores, back to back:
    // the serial fraction and the speedup are taken within each trial, as
    // a fast stretch of our cores' speed may favour one run of another
    // trial.
    let pair = on_all_cores(
        ENOUGH_TRIALS,
        ("one core", || {
            one.borrow_mut().push(job(steps, steps, false))
        }),
        ("all cores", || all.borrow_mut().push(on_all(steps))),
    );
    let (one, all) = (one.into_inner(), all.into_inner());
    let cores = rayon::current_num_threads() as f64;
    let total = |(s, p): &(Duration, Duration)| (*s + *p).as_secs_f64();
    let mut ratios = Vec::new();
    let mut shown = Vec::new();
    for ((o, a), usable) in one.iter().zip(&all).zip(&pair.usable) {
        let f = o.0.as_secs_f64() / total(o);
        let speedup = total(o) / total(a);
        let bound = amdahl(f, cores);
        shown.push(format!(
            "F {f:.3}, speedup {speedup:.3}x, bound {bound:.3}x: {:.3}{}",
            speedup / bound,
            if *usable { "" } else { " (did not count)" }
        ));
        if *usable {
            ratios.push(speedup / bound);
        }
    }
    let mut m = median_ratio(pair);
    m.values = vec![median(&ratios)];
    m.counted = vec![ratios];
    m.any_machine = Vec::new();
    let fmt = |runs: &[(Duration, Duration)]| {
        runs.iter()
            .map(|(s, p)| format!("{:.2?} ({s:.2?} + {p:.2?})", *s + *p))
            .collect::<Vec<_>>()
            .join(", ")
    };
    m.details = format!(
        "{steps} serial steps + {steps} independent steps, {cores} rayon threads\n\
         each trial: serial fraction on one core F, speedup on all cores, Amdahl's bound \
         1 / (F + (1 - F) / {cores}), and their ratio, whose median is the value:\n  {}\n\
         one core: [{}]\nall cores: [{}]\n{}",
        shown.join("\n  "),
        fmt(&one),
        fmt(&all),
        m.details
            .lines()
            .filter(|l| l.starts_with("cores delivered"))
            .collect::<String>()
    );
    m
}

fn grain_size(broken: bool) -> Measured {
    use grain::{par_sum, sum};
    // Breaker: ten million numbers, summed once, where the listing sums a
    // thousand: enough work for the pool to pay off.
    let (n, calls) = if broken {
        (10_000_000, 1)
    } else {
        (1_000, 200)
    };
    let numbers: Vec<u64> = (0..n).collect();
    let mut m = median_ratio(until_decided(
        0,
        ENOUGH_TRIALS,
        ("par_iter().sum() of 1,000 numbers, 200 calls", || {
            (0..calls).fold(0, |_, _| par_sum(black_box(&numbers)))
        }),
        ("iter().sum() of 1,000 numbers, 200 calls", || {
            (0..calls).fold(0, |_, _| sum(black_box(&numbers)))
        }),
    ));
    m.details = format!(
        "{} rayon threads\n{}",
        rayon::current_num_threads(),
        m.details
    );
    m
}
