//! A parallel closure may not change what it captures: the pieces run at
//! the same time, and that would be a data race.
use rayon::prelude::*;

fn main() {
    let numbers: Vec<u64> = (1..=1_000).collect();
    let mut squares = Vec::new();
    numbers.par_iter().for_each(|n| squares.push(n * n));
    println!("{}", squares.len());
}
