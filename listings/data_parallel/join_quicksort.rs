//! `rayon::join`: run two closures, in parallel if a core is free.
use std::time::Instant;

// ANCHOR: quicksort
/// Below this many elements, splitting costs more than it saves.
const SEQUENTIAL_BELOW: usize = 2_000;

pub fn quicksort(v: &mut [u64]) {
    if v.len() < SEQUENTIAL_BELOW {
        v.sort_unstable();
        return;
    }
    let mid = partition(v);
    let (low, high) = v.split_at_mut(mid);
    // Both halves are sorted before `join` returns; another thread of the
    // pool takes the second one if it is idle, else this thread runs it.
    rayon::join(|| quicksort(low), || quicksort(&mut high[1..]));
}

/// Lomuto's partition around the last element; returns where it lands.
fn partition(v: &mut [u64]) -> usize {
    let pivot = v.len() - 1;
    let mut store = 0;
    for i in 0..pivot {
        if v[i] <= v[pivot] {
            v.swap(i, store);
            store += 1;
        }
    }
    v.swap(store, pivot);
    store
}
// ANCHOR_END: quicksort

/// Pseudo-random numbers (xorshift), the same on every run.
pub fn shuffled(n: usize) -> Vec<u64> {
    let mut x = 0x2545_f491_4f6c_dd1d_u64;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        })
        .collect()
}

pub fn main() {
    let mut v = shuffled(300_000);
    let mut expected = v.clone();
    expected.sort_unstable();

    let t0 = Instant::now();
    quicksort(&mut v);
    println!("sorted 300,000 numbers in {:.2?}", t0.elapsed());
    assert_eq!(v, expected);
}
