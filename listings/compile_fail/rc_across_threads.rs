//! Rc counts references with plain, non-atomic adds, as CPython does. The
//! compiler will not let one cross to another thread.
use std::rc::Rc;
use std::thread;

fn main() {
    let shared = Rc::new(vec![1, 2, 3]);
    let for_thread = Rc::clone(&shared);
    let handle = thread::spawn(move || for_thread.len());
    println!("{} and {}", shared.len(), handle.join().unwrap());
}
