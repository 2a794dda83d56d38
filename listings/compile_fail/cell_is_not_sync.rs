use std::cell::Cell;
use std::thread;

fn main() {
    let hits = Cell::new(0);
    // Both threads would change `hits` through a shared reference, and
    // `Cell` has no lock or atomic operation to keep their changes apart.
    thread::scope(|s| {
        s.spawn(|| hits.set(hits.get() + 1));
        s.spawn(|| hits.set(hits.get() + 1));
    });
    println!("{}", hits.get());
}
