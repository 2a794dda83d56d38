//! Exercise 15-2: combine, then shuffle. The chapter shows the starter (the
//! `setup` and `main` anchors around a stub written on the page) and,
//! folded, the solution.
// ANCHOR: setup
// Listing 15-1's text, its plain loop and its owner of a word, from this
// book's crate.
use concurrency_measured::distributed::word_count::{Counts, count_sequential, line, owner};
// ANCHOR_END: setup

// ANCHOR: solution
use std::sync::mpsc;
use std::thread;

/// Counts the words of lines `0..lines` on `workers` threads. Worker `w`
/// reads lines `w`, `w + workers`, ... and counts their words; then it
/// sends every worker one `Counts`, its totals of the words that worker
/// owns (`owner(word) % workers`), and adds up the totals sent to it.
/// Returns each worker's counts, in worker order.
pub fn count_by_owner(lines: u64, workers: usize) -> Vec<Counts> {
    let (senders, inboxes): (Vec<_>, Vec<_>) =
        (0..workers).map(|_| mpsc::channel::<Counts>()).unzip();
    thread::scope(|s| {
        let handles: Vec<_> = inboxes
            .into_iter()
            .enumerate()
            .map(|(w, inbox)| {
                let senders = senders.clone();
                s.spawn(move || {
                    // The combiner: count this worker's own lines first.
                    let mut mine = Counts::new();
                    for i in (w as u64..lines).step_by(workers) {
                        for word in line(i).split(' ') {
                            *mine.entry(word.to_owned()).or_insert(0) += 1;
                        }
                    }
                    // The shuffle: one message to each owner.
                    let mut outgoing = vec![Counts::new(); workers];
                    for (word, n) in mine {
                        outgoing[(owner(&word) % workers as u64) as usize].insert(word, n);
                    }
                    for (to, totals) in outgoing.into_iter().enumerate() {
                        senders[to].send(totals).unwrap();
                    }
                    // No more to send. An inbox ends once every sender is
                    // dropped, so each worker drops its own before reading.
                    drop(senders);
                    let mut owned = Counts::new();
                    for totals in inbox {
                        for (word, n) in totals {
                            *owned.entry(word).or_insert(0) += n;
                        }
                    }
                    owned
                })
            })
            .collect();
        drop(senders); // the originals, which no worker uses
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}
// ANCHOR_END: solution

// ANCHOR: main
pub fn main() {
    let lines = 20_000;
    let counts = count_by_owner(lines, 3);
    let mut all = Counts::new();
    for (w, owned) in counts.iter().enumerate() {
        println!("worker {w} owns {owned:?}");
        all.extend(owned.clone());
    }
    println!(
        "the same counts as one thread: {}",
        all == count_sequential(lines)
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    /// `count_by_owner` on a thread of its own, watched: a worker that
    /// waits for an inbox that never ends would otherwise hang the test.
    fn count(lines: u64, workers: usize) -> Vec<Counts> {
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let _ = tx.send(count_by_owner(lines, workers));
        });
        rx.recv_timeout(Duration::from_secs(5)).expect(
            "no answer within 5 s: does each worker drop its senders before it reads its inbox?",
        )
    }

    #[test]
    fn the_counts_are_the_plain_loops() {
        for workers in 1..=4 {
            let counts = count(2_000, workers);
            assert_eq!(counts.len(), workers, "one `Counts` per worker");
            let mut all = Counts::new();
            for owned in counts {
                for (word, n) in owned {
                    assert!(
                        all.insert(word.clone(), n).is_none(),
                        "{word} counted twice"
                    );
                }
            }
            assert_eq!(all, count_sequential(2_000), "{workers} workers");
        }
    }

    #[test]
    fn each_word_is_counted_by_its_owner() {
        for workers in 1..=4 {
            let counts = count(2_000, workers);
            assert_eq!(counts.len(), workers, "one `Counts` per worker");
            for (w, owned) in counts.into_iter().enumerate() {
                for word in owned.keys() {
                    assert_eq!(
                        (owner(word) % workers as u64) as usize,
                        w,
                        "worker {w} of {workers} counted {word}, which it does not own"
                    );
                }
            }
        }
    }
}
