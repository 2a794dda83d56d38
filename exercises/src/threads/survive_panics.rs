//! Exercise 4-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises survive_panics`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/threads/exercise_survive_panics.rs` (setup, `main`, tests) and the chapter `src/threads.md` (the
//! stub). To start again: `git checkout exercises/src/threads/survive_panics.rs`.
/// The job of Listing 4-1, made stricter: it panics on an empty list, and
/// when the sum does not fit in a `u64`.
pub fn sum(numbers: &[u64]) -> u64 {
    assert!(!numbers.is_empty(), "nothing to sum");
    numbers
        .iter()
        .fold(0, |total, &n| match total.checked_add(n) {
            Some(total) => total,
            None => panic!("{total} + {n} overflows"),
        })
}

/// Sums each list on a thread of its own, all at once. Returns, in the
/// order of the lists, each sum, or the message of the panic that ended its
/// thread. A panic on one thread must not stop the others, nor the caller.
pub fn sum_each(lists: &[Vec<u64>]) -> Vec<Result<u64, String>> {
    // Your code here: a thread per list, and every thread joined.
    let _ = lists;
    Vec::new()
}

pub fn main() {
    let lists = vec![vec![1, 2, 3], vec![], vec![u64::MAX, 1], vec![40, 2]];
    for result in sum_each(&lists) {
        println!("{result:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_gets_its_sum_or_its_panic_in_order() {
        let lists = vec![vec![1, 2, 3], vec![], vec![u64::MAX, 1], vec![40, 2]];
        assert_eq!(
            sum_each(&lists),
            vec![
                Ok(6),
                Err("nothing to sum".to_string()),
                Err(format!("{} + 1 overflows", u64::MAX)),
                Ok(42),
            ]
        );
    }

    #[test]
    fn a_panic_does_not_stop_the_other_threads() {
        // Many lists, every third one empty.
        let lists: Vec<Vec<u64>> = (0..30u64)
            .map(|i| {
                if i.is_multiple_of(3) {
                    vec![]
                } else {
                    vec![i; i as usize]
                }
            })
            .collect();
        let sums = sum_each(&lists);
        assert_eq!(sums.len(), 30);
        for (i, got) in sums.into_iter().enumerate() {
            let i = i as u64;
            let expected = if i.is_multiple_of(3) {
                Err("nothing to sum".to_string())
            } else {
                Ok(i * i)
            };
            assert_eq!(got, expected, "list {i}");
        }
    }
}
