//! Claims of chapter 7, "Data parallelism with rayon".
use concurrency_measured::data_parallel::{amdahl, grain, par_map};
use std::hint::black_box;
use std::time::Duration;

use super::{Measured, Measurement, ratio};
use crate::support::registry::cores;
use crate::support::timing::{Side, interleaved, time};

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

fn rayon_compute() -> Measured {
    use par_map::{parallel, sequential};
    let numbers = calibrated_numbers(Duration::from_millis(100), sequential);
    let mut m = ratio(interleaved(
        9,
        ("iter().map()", || {
            black_box(sequential(&numbers));
        }),
        ("par_iter().map()", || {
            black_box(parallel(&numbers));
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

fn memory_bound() -> Measured {
    // The listings compiled with optimization (tests/optimized/): in a
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
            black_box(sum_memory::sum(&data));
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
    }
}

fn amdahl_law() -> Measured {
    use amdahl::{amdahl, job};
    // Steps for about 50 ms of each part on one core.
    let mut steps = 1_000;
    while job(steps, 0, false).0 < Duration::from_millis(50) {
        steps *= 2;
    }
    let (mut one, mut all) = (Vec::new(), Vec::new());
    for trial in 0..9 {
        let mut run = |on_all: bool| {
            let (serial, parallel) = job(steps, steps, on_all);
            if on_all { &mut all } else { &mut one }.push((serial, parallel));
        };
        run(trial % 2 == 1);
        run(trial % 2 == 0);
    }
    let total = |(s, p): &(Duration, Duration)| *s + *p;
    let best = |runs: &[(Duration, Duration)]| *runs.iter().min_by_key(|r| total(r)).unwrap();
    let (one_best, all_best) = (best(&one), best(&all));
    let f = one_best.0.as_secs_f64() / total(&one_best).as_secs_f64();
    let cores = rayon::current_num_threads() as f64;
    let speedup = total(&one_best).as_secs_f64() / total(&all_best).as_secs_f64();
    let bound = amdahl(f, cores);
    let fmt = |runs: &[(Duration, Duration)]| {
        runs.iter()
            .map(|(s, p)| format!("{:.2?} ({s:.2?} + {p:.2?})", *s + *p))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Measured {
        values: vec![speedup / bound],
        details: format!(
            "{steps} serial steps + {steps} independent steps, {cores} rayon threads\n\
             serial fraction on one core F = {f:.3}; Amdahl's bound 1 / (F + (1 - F) / {cores}) = {bound:.3}x\n\
             measured speedup {speedup:.3}x\n\
             one core: best {:.2?} of [{}]\nall cores: best {:.2?} of [{}]",
            total(&one_best),
            fmt(&one),
            total(&all_best),
            fmt(&all)
        ),
    }
}

fn grain_size() -> Measured {
    use grain::{par_sum, sum};
    let numbers: Vec<u64> = (0..1_000).collect();
    let calls = 200;
    let mut m = ratio(interleaved(
        7,
        ("par_iter().sum() of 1,000 numbers, 200 calls", || {
            for _ in 0..calls {
                black_box(par_sum(black_box(&numbers)));
            }
        }),
        ("iter().sum() of 1,000 numbers, 200 calls", || {
            for _ in 0..calls {
                black_box(sum(black_box(&numbers)));
            }
        }),
    ));
    m.details = format!(
        "{} rayon threads\n{}",
        rayon::current_num_threads(),
        m.details
    );
    m
}
