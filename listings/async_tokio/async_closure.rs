//! Async closures, stable since Rust 1.85: a closure whose call returns a
//! future that may borrow from the closure's own captures, taken as
//! `impl AsyncFn`.
use std::time::Duration;

// ANCHOR: closure
/// Calls `f` for every key, one after another.
pub async fn for_each_key(keys: &[u64], f: impl AsyncFn(u64) -> String) -> Vec<String> {
    let mut answers = Vec::new();
    for &key in keys {
        answers.push(f(key).await);
    }
    answers
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let prefix = String::from("value");
    // The closure borrows `prefix`, and each future it returns borrows it
    // across an `.await`: no clone, no `Arc`, no `move`.
    let answers = for_each_key(&[1, 2, 3], async |key| {
        tokio::time::sleep(Duration::from_millis(10)).await;
        format!("{prefix} {key}")
    })
    .await;
    println!("{answers:?}");
    println!("{prefix} is still ours");
}
// ANCHOR_END: closure
