//! Threads that outlive the function that starts them cannot borrow from it:
//! each gets its own handle to shared data, an `Arc`.
use std::sync::Arc;
use std::thread::{self, JoinHandle};

// ANCHOR: arc
/// Starts one thread per word to count its letters, and returns at once,
/// before the threads finish. Each thread holds an `Arc` to the text, so the
/// text lives until the last thread is done with it.
pub fn count_letters_later(text: String) -> Vec<JoinHandle<usize>> {
    let text = Arc::new(text);
    let words = text.split_whitespace().count();
    (0..words)
        .map(|i| {
            let text = Arc::clone(&text); // a new handle, not a copy of the text
            thread::spawn(move || {
                let word = text.split_whitespace().nth(i).unwrap();
                word.chars().filter(|c| c.is_alphabetic()).count()
            })
        })
        .collect()
}

pub fn main() {
    let handles = count_letters_later("a thread lives in a process".to_owned());
    let counts: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    println!("{counts:?}");
}
// ANCHOR_END: arc
