//! Exercise 15-2, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises combine_then_shuffle`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/distributed/exercise_combine_then_shuffle.rs` (setup, `main`, tests) and the chapter `src/distributed.md` (the
//! stub). To start again: `git checkout exercises/src/distributed/combine_then_shuffle.rs`.
// Listing 15-1's text, its plain loop and its owner of a word, from this
// book's crate.
use concurrency_measured::distributed::word_count::{Counts, count_sequential, line, owner};

/// Counts the words of lines `0..lines` on `workers` threads. Worker `w`
/// reads lines `w`, `w + workers`, ... and counts their words; then it
/// sends every worker one `Counts`, its totals of the words that worker
/// owns (`owner(word) % workers`), and adds up the totals sent to it.
/// Returns each worker's counts, in worker order.
pub fn count_by_owner(lines: u64, workers: usize) -> Vec<Counts> {
    // Your code here: a channel per worker, count, send to the owners, add up.
    let _ = (lines, workers);
    Vec::new()
}

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
