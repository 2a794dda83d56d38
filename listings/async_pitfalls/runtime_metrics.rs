//! Reads tokio's stable runtime metrics from a plain thread while a task
//! holds the runtime's only worker for 200 ms, once blocking and once
//! awaiting a tokio sleep, with a request arriving every 10 ms meanwhile.
use std::future::Future;
use std::thread;
use std::time::{Duration, Instant};
use tokio::runtime::{Builder, RuntimeMetrics};

// ANCHOR: sample
/// What the watcher reads: the runtime's queue and tasks, and worker 0.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub at: Instant,
    pub workers: usize, // worker threads, numbered from 0
    pub queued: usize,  // tasks waiting in the global queue
    pub alive: usize,   // tasks spawned and not yet finished
    pub parks: u64,     // times the worker went to sleep for want of work
    pub busy: Duration, // time the worker spent running tasks
}

pub fn sample(metrics: &RuntimeMetrics) -> Sample {
    Sample {
        at: Instant::now(),
        workers: metrics.num_workers(),
        queued: metrics.global_queue_depth(),
        alive: metrics.num_alive_tasks(),
        parks: metrics.worker_park_count(0),
        busy: metrics.worker_total_busy_duration(0),
    }
}
// ANCHOR_END: sample

// ANCHOR: watch
/// Runs `handler` as a task on a runtime with one worker. While it runs,
/// sends a request (an empty task) every 10 ms from outside the runtime,
/// and reads the metrics after each. Returns those readings, and one more
/// taken once the worker has parked after the handler.
pub fn watch(handler: impl Future<Output = ()> + Send + 'static) -> (Vec<Sample>, Sample) {
    let runtime = Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let metrics = runtime.metrics();
    let (started_tx, started) = std::sync::mpsc::channel();
    let task = runtime.spawn(async move {
        started_tx.send(()).unwrap();
        handler.await
    });
    started.recv().unwrap();
    let mut during = Vec::new();
    loop {
        runtime.spawn(async {}); // from outside the runtime: into the global queue
        let reading = sample(&metrics);
        if task.is_finished() {
            break; // this reading may come from after the handler
        }
        during.push(reading);
        thread::sleep(Duration::from_millis(10));
    }
    // A worker publishes its counts when it parks (and every 61 polls):
    // send one more request, and wait until it has parked after it.
    let parks = metrics.worker_park_count(0);
    runtime.spawn(async {});
    while metrics.worker_park_count(0) == parks {
        thread::sleep(Duration::from_millis(1));
    }
    (during, sample(&metrics))
}
// ANCHOR_END: watch

// ANCHOR: main
pub async fn blocking_handler() {
    std::thread::sleep(Duration::from_millis(200));
}

pub async fn sleeping_handler() {
    tokio::time::sleep(Duration::from_millis(200)).await;
}

fn report(name: &str, (during, after): (Vec<Sample>, Sample)) {
    let (first, last) = (during[0], during[during.len() - 1]);
    let (workers, readings) = (first.workers, during.len());
    let queued = during.iter().map(|s| s.queued).max().unwrap();
    let alive = during.iter().map(|s| s.alive).max().unwrap();
    let (busy, window) = (after.busy - first.busy, after.at - first.at);
    println!("{name}, {workers} worker, {readings} readings:");
    println!("  global queue depth, most:  {queued}");
    println!("  alive tasks, most:         {alive}");
    println!("  worker parks meanwhile:    {}", last.parks - first.parks);
    println!(
        "  worker busy meanwhile:     {:.1?}",
        last.busy - first.busy
    );
    println!("  worker busy, once parked:  {busy:.1?} of {window:.1?}");
}

pub fn main() {
    report("std::thread::sleep(200 ms)", watch(blocking_handler()));
    report("tokio::time::sleep(200 ms)", watch(sleeping_handler()));
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blocked_worker_freezes_its_counts_while_the_queue_grows() {
        let (during, after) = watch(blocking_handler());
        // Ten readings 10 ms apart fit in the 200 ms block with room to
        // spare (twenty, on a quiet machine).
        assert!(during.len() >= 10, "{during:?}");
        for (i, s) in during.iter().enumerate() {
            // Every reading comes before the handler ended, so the only
            // worker was inside its one poll: no request could be taken.
            // The queue holds every request sent so far, exactly.
            assert_eq!(s.queued, i + 1, "{during:?}");
            assert_eq!(s.alive, i + 2, "the handler and the requests: {during:?}");
            // And the worker published nothing: it publishes when it
            // parks, and a worker inside a poll does not park.
            assert_eq!((s.parks, s.busy), (during[0].parks, during[0].busy));
        }
        // Once parked, it published the whole block as busy time: its
        // clock runs from when it takes a task until it runs out of them,
        // so it holds all 200 ms of the sleep (ideal: 1.0 of it, at least).
        // 0.95 allows for a coarser clock than this machine's; the
        // sleeping handler comes to under 0.05 (next test).
        let busy = after.busy - during[0].busy;
        assert!(busy >= Duration::from_millis(190), "busy {busy:?}");
    }

    #[test]
    fn a_free_worker_takes_each_request_and_parks() {
        let (during, after) = watch(sleeping_handler());
        assert!(during.len() >= 10, "{during:?}");
        // Ideal: at most the one request just sent, before the idle worker
        // wakes to take it. 5 would need the worker to be 40 ms late to
        // wake, four times the spacing of the requests.
        let most = during.iter().map(|s| s.queued).max().unwrap();
        assert!(most <= 5, "{during:?}");
        // Each request wakes the worker, which parks again once it has run
        // it: one park per request, ideally. Half allows for a worker slow
        // to wake that finds two requests at once, every time.
        let parks = after.parks - during[0].parks;
        assert!(
            parks as usize >= during.len() / 2,
            "{parks} parks, {during:?}"
        );
        // Busy only for polls of microseconds: ideal near 0 of the window.
        // A quarter allows for the worker losing its core mid-poll on a
        // busy machine; the blocked worker is busy the whole 200 ms.
        let (busy, window) = (after.busy - during[0].busy, after.at - during[0].at);
        assert!(
            busy.as_secs_f64() <= 0.25 * window.as_secs_f64(),
            "busy {busy:?} of {window:?}"
        );
    }
}
