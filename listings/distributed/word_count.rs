//! Counting words with timely dataflow. The same dataflow runs on one
//! worker, on several worker threads of one process, or on several
//! processes that talk over TCP; only the `Config` says which.
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::{Duration, Instant};
use timely::dataflow::channels::pact::Exchange;
use timely::dataflow::operators::vec::{Map, ToStream};
use timely::dataflow::operators::{Exchange as _, Inspect, Operator};
use timely::synchronization::Barrier;

/// How many times each word occurs.
pub type Counts = BTreeMap<String, u64>;

// ANCHOR: text
const WORDS: [&str; 8] = [
    "thread", "process", "task", "lock", "channel", "wait", "compute", "future",
];

/// Line `i` of the text: six words picked by a small hash of `i`. Every
/// process can make any line without reading a file, and makes it the same.
pub fn line(i: u64) -> String {
    let mut x = i;
    let mut words = Vec::new();
    for _ in 0..6 {
        x = (x ^ (x >> 29))
            .wrapping_mul(0xBF58_476D_1CE4_E5B9)
            .wrapping_add(1);
        words.push(WORDS[(x >> 61) as usize]);
    }
    words.join(" ")
}

/// The answer to check the dataflow against: one thread, no timely.
pub fn count_sequential(lines: u64) -> Counts {
    let mut counts = Counts::new();
    for i in 0..lines {
        for word in line(i).split(' ') {
            *counts.entry(word.to_owned()).or_insert(0) += 1;
        }
    }
    counts
}
// ANCHOR_END: text

// ANCHOR: dataflow
/// Which worker counts `word`: timely sends it to worker `owner % peers`.
/// Every process must compute the same number for the same word, so the
/// hash (FNV-1a) is spelled out rather than taken from a std hasher, which
/// may differ between builds. Its high bits are better mixed than its low.
pub fn owner(word: &str) -> u64 {
    let fnv = word.bytes().fold(0xcbf2_9ce4_8422_2325, |h: u64, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    fnv >> 32
}

/// Counts the words of lines `0..lines`, each read by `read_line`, on the
/// workers `config` asks for: one, a few threads, or processes. Returns the
/// counts gathered in this process (all of them in the process of worker 0,
/// none elsewhere) and how long its slowest worker took, from its start to
/// the end of the count.
pub fn count_words<R>(
    config: timely::Config,
    lines: u64,
    read_line: R,
) -> Result<(Counts, Duration), String>
where
    R: Fn(u64) -> String + Clone + Send + Sync + 'static,
{
    let guards = timely::execute(config, move |worker| {
        // Processes start their workers once connected, not all at the same
        // moment: wait until every worker has started, then start the clock.
        let mut barrier = Barrier::new(worker);
        barrier.advance();
        while !barrier.reached() {
            worker.step_or_park(None);
        }
        drop(barrier);
        let start = Instant::now();
        let read_line = read_line.clone();
        let (index, peers) = (worker.index() as u64, worker.peers() as u64);
        let gathered = Rc::new(RefCell::new(Counts::new()));
        let into = gathered.clone();
        worker.dataflow::<(), _, _>(|scope| {
            // Each worker reads its own share of the lines: every `peers`-th.
            (index..lines)
                .step_by(peers as usize)
                .to_stream(scope)
                .flat_map(move |i| {
                    let text = read_line(i);
                    text.split(' ').map(str::to_owned).collect::<Vec<_>>()
                })
                // Each word travels to the worker that owns it, which counts
                // it. The counts are final once no worker can send more.
                .unary_frontier(Exchange::new(|w: &String| owner(w)), "Count", |cap, _| {
                    let mut cap = Some(cap);
                    let mut counts = Counts::new();
                    move |(input, frontier), output| {
                        input.for_each(|_, words| {
                            for word in words.drain(..) {
                                *counts.entry(word).or_insert(0) += 1;
                            }
                        });
                        // Once no worker can send another word, hand the
                        // counts on, once.
                        if let Some(cap) = cap.take_if(|_| frontier.is_empty()) {
                            output
                                .session(&cap)
                                .give_iterator(std::mem::take(&mut counts).into_iter());
                        }
                    }
                })
                .container::<Vec<(String, u64)>>()
                // Every count travels to worker 0, which keeps them.
                .exchange(|_| 0)
                .inspect(move |(word, n)| {
                    into.borrow_mut().insert(word.clone(), *n);
                });
        });
        while worker.step_or_park(None) {}
        (gathered.take(), start.elapsed())
    })?;
    let mut counts = Counts::new();
    let mut slowest = Duration::ZERO;
    for result in guards.join() {
        let (gathered, took) = result?;
        counts.extend(gathered);
        slowest = slowest.max(took);
    }
    Ok((counts, slowest))
}
// ANCHOR_END: dataflow

// ANCHOR: main
pub fn main() {
    let lines = 20_000;
    let expected = count_sequential(lines);
    println!("one thread, no timely: {expected:?}");
    for (name, config) in [
        ("1 worker", timely::Config::thread()),
        ("1 process, 2 workers", timely::Config::process(2)),
    ] {
        let (counts, took) = count_words(config, lines, line).unwrap();
        assert_eq!(counts, expected);
        println!("{name:>21}: the same counts, in {took:.2?}");
    }
}
// ANCHOR_END: main
