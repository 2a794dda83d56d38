//! What chapter 9, "Message passing", says about its listings, checked.
use concurrency_measured::message_passing::{
    backpressure, mpsc_workers, pipeline, select, throughput,
};
use crossbeam::channel;
use std::time::Duration;

#[test]
fn every_worker_result_arrives_once() {
    let mut got = mpsc_workers::squares(3, 100);
    assert_eq!(got.len(), 300);
    // Each worker's results arrive in the order it sent them.
    for w in 0..3 {
        let mine: Vec<u64> = got.iter().filter(|r| r.0 == w).map(|r| r.1).collect();
        assert_eq!(mine, (w * 100..(w + 1) * 100).collect::<Vec<_>>());
    }
    got.sort();
    assert!(got.iter().all(|&(_, n, sq)| sq == n * n));
}

#[test]
fn a_bounded_channel_holds_the_producer_back() {
    let pace = Duration::from_millis(1);
    let (_, most) = backpressure::produce_consume(channel::bounded(4), 20, pace);
    assert!(most <= 4, "a bounded(4) channel held {most} items");
    // Unbounded, the producer sends all 20 while the consumer sleeps on the
    // first: the channel fills up far beyond 4.
    let (_, most) = backpressure::produce_consume(channel::unbounded(), 20, pace);
    assert!(most > 4, "an unbounded channel held at most {most} items");
}

#[test]
fn select_takes_every_message_from_both_in_order() {
    let taken = std::thread::scope(|s| {
        let fast = select::ticker(s, 5, Duration::from_millis(1));
        let slow = select::ticker(s, 3, Duration::from_millis(3));
        select::merge(fast, slow, Duration::from_secs(10))
    });
    let from = |name| {
        taken
            .iter()
            .filter(|t| t.0 == name)
            .map(|t| t.1)
            .collect::<Vec<_>>()
    };
    assert_eq!(from("fast"), [0, 1, 2, 3, 4]);
    assert_eq!(from("slow"), [0, 1, 2]);
}

#[test]
fn select_stops_at_the_deadline() {
    let taken = std::thread::scope(|s| {
        let fast = select::ticker(s, 3, Duration::from_millis(1));
        let slow = select::ticker(s, 3, Duration::from_millis(200));
        select::merge(fast, slow, Duration::from_millis(50))
    });
    assert!(taken.iter().all(|t| t.0 == "fast"), "{taken:?}");
}

#[test]
fn the_pipeline_computes_what_a_loop_computes() {
    let n = 10_000;
    let direct: u64 = (1..=n).map(|x| x * x).filter(|x| x % 2 == 1).sum();
    assert_eq!(pipeline::sum_of_odd_squares(n), direct);
}

#[test]
fn all_three_queues_deliver_every_message() {
    let n = 100_000;
    assert_eq!(throughput::crossbeam_channel(n), n * (n - 1) / 2);
    assert_eq!(throughput::std_channel(n), n * (n - 1) / 2);
    assert_eq!(throughput::locked_queue(n), n * (n - 1) / 2);
}
