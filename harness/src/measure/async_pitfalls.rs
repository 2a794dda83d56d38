//! Claims of chapter 13, "Async pitfalls".
use concurrency_measured::async_pitfalls::{await_gap, blocking_sleep, blocking_tail, starvation};
use std::time::Duration;

use super::{Measured, Measurement, ratio};
use crate::registry::Estimator;
use crate::timing::interleaved;

pub const CLAIMS: &[Measurement] = &[
    ("blocking-sleep", blocking_sleep),
    ("starvation", starvation),
    ("cancel-safety", cancel_safety),
    ("coop-budget", coop_budget),
    ("blocking-tail", blocking_tail),
    ("await-gap", await_gap),
];

fn blocking_tail(broken: bool) -> Measured {
    use blocking_tail::{SlowCall, run};
    // Breaker: spawn_blocking on the blocking side too.
    let call = if broken {
        SlowCall::SpawnBlocking
    } else {
        SlowCall::Blocking
    };
    let sides = crate::latency::pooled(
        "requests",
        &[
            ("std::thread::sleep in the handler", &|| run(call)),
            ("spawn_blocking", &|| run(SlowCall::SpawnBlocking)),
        ],
        super::LATENCY_TRIALS,
    );
    crate::latency::measured(
        sides,
        &[(0.99, 0, 1), (0.5, 0, 1)],
        "1,000 requests a trial, one a millisecond; every 50th makes a 10 ms call; \
         the fast requests' latencies"
            .to_owned(),
    )
}

fn await_gap(broken: bool) -> Measured {
    let gap = |micros| Duration::from_micros(micros);
    // Breaker: 10 ms between awaits on every side.
    let (short, middle) = if broken {
        (gap(10_000), gap(10_000))
    } else {
        (gap(100), gap(1_000))
    };
    let sides = crate::latency::pooled(
        "requests",
        &[
            ("an await every 10 ms", &|| await_gap::run(gap(10_000))),
            ("every 1 ms", &|| await_gap::run(middle)),
            ("every 100 µs", &|| await_gap::run(short)),
        ],
        super::LATENCY_TRIALS,
    );
    crate::latency::measured(
        sides,
        &[(0.99, 0, 2), (0.99, 1, 2)],
        "500 requests a trial, one a millisecond, beside a task that computes the whole time"
            .to_owned(),
    )
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn blocking_sleep(broken: bool) -> Measured {
    use blocking_sleep::{async_wait, blocking_wait, run};
    let rt = current_thread();
    let wait = Duration::from_millis(100);
    ratio(interleaved(
        2,
        ("10 tasks, std::thread::sleep", || {
            if broken {
                // Breaker: tokio::time::sleep on this side too.
                rt.block_on(run(10, wait, async_wait))
            } else {
                rt.block_on(run(10, wait, blocking_wait))
            }
        }),
        ("10 tasks, tokio::time::sleep", || {
            rt.block_on(run(10, wait, async_wait))
        }),
    ))
}

fn starvation(broken: bool) -> Measured {
    use starvation::{greedy, on_blocking_pool, on_rayon, timer_lateness, yielding};
    let rt = current_thread();
    let busy = Duration::from_millis(200);
    let mut late: [Vec<Duration>; 4] = Default::default();
    for _ in 0..3 {
        late[0].push(rt.block_on(timer_lateness(greedy(busy))));
        if broken {
            // Breaker: no fix; each of the three computes as greedily.
            for fixed in &mut late[1..] {
                fixed.push(rt.block_on(timer_lateness(greedy(busy))));
            }
            continue;
        }
        late[1].push(rt.block_on(timer_lateness(yielding(busy))));
        late[2].push(rt.block_on(timer_lateness(on_blocking_pool(busy))));
        late[3].push(rt.block_on(timer_lateness(on_rayon(busy))));
    }
    // Noise only makes a timer later: each variant keeps its best trial.
    let best: Vec<f64> = late
        .iter()
        .map(|l| l.iter().min().unwrap().as_secs_f64())
        .collect();
    let names = ["no fix (greedy)", "yield_now", "spawn_blocking", "rayon"];
    let details = names
        .iter()
        .zip(&late)
        .map(|(n, l)| format!("lateness beside {n}: {l:.2?}"))
        .collect::<Vec<_>>()
        .join("\n");
    Measured {
        estimator: Some(Estimator::Best),
        values: vec![best[0] / best[1], best[0] / best[2], best[0] / best[3]],
        details,
        ..Measured::default()
    }
}

fn cancel_safety(broken: bool) -> Measured {
    use concurrency_measured::async_pitfalls::cancel_safety::{
        lost, pairs_cancel_safe, pairs_in_select,
    };
    let n = 600;
    let rt = current_thread();
    let (in_select, ticks) = rt.block_on(pairs_in_select(n));
    // Breaker: the select! loop of next_pair replaced by the cancel-safe one.
    let (in_select, ticks) = if broken {
        rt.block_on(pairs_cancel_safe(n))
    } else {
        (in_select, ticks)
    };
    let (fixed, fixed_ticks) = rt.block_on(pairs_cancel_safe(n));
    let (lost_in_select, lost_fixed) = (lost(n, &in_select), lost(n, &fixed));
    Measured {
        estimator: Some(Estimator::Exact),
        values: vec![lost_in_select as f64, lost_fixed as f64],
        details: format!(
            "{n} numbers; next_pair in select!: {lost_in_select} lost, {ticks} ticks; \
             cancel-safe select!: {lost_fixed} lost, {fixed_ticks} ticks"
        ),
        ..Measured::default()
    }
}

fn coop_budget(broken: bool) -> Measured {
    use concurrency_measured::async_pitfalls::coop_budget::wait_beside_drain;
    let rt = current_thread();
    let messages = 128_000;
    // The other task's wait is the measurement; the time of the whole run
    // (filling the channel, draining it) is not.
    let mut waits: [Vec<Duration>; 2] = Default::default();
    let mut sums = Vec::new();
    for trial in 0..5 {
        for unconstrained in if trial % 2 == 0 {
            [true, false]
        } else {
            [false, true]
        } {
            // Breaker: unconstrained on the budget side too.
            let (waited, _, sum) =
                rt.block_on(wait_beside_drain(messages, unconstrained || broken));
            waits[usize::from(!unconstrained)].push(waited);
            sums.push(sum);
        }
    }
    // Noise only makes a wait longer: each side keeps its best trial.
    let best = |w: &[Duration]| w.iter().min().unwrap().as_secs_f64();
    let expected = messages * (messages - 1) / 2;
    Measured {
        estimator: Some(Estimator::Best),
        values: vec![best(&waits[0]) / best(&waits[1])],
        details: format!(
            "{messages} messages waiting; the other task waited, unconstrained: {:.2?}; \
             with the budget: {:.2?}",
            waits[0], waits[1]
        ),
        disagreement: sums
            .iter()
            .find(|&&s| s != expected)
            .map(|s| format!("a drain summed {s}, not {expected}")),
        ..Measured::default()
    }
}
