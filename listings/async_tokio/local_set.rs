//! Futures that are not `Send`, run as tasks: `spawn_local` inside a
//! `LocalSet` keeps every task on the thread that runs the set, so they may
//! hold an `Rc` or a `RefCell` across `.await`.
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use tokio::task::{self, LocalSet};

// ANCHOR: local
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    // `Rc` is not `Send` (Listing 4-3): tokio::spawn would refuse these tasks.
    let log = Rc::new(RefCell::new(Vec::new()));
    let local = LocalSet::new();
    local
        .run_until(async {
            let mut tasks = Vec::new();
            for i in 0..3 {
                let log = log.clone();
                tasks.push(task::spawn_local(async move {
                    tokio::time::sleep(Duration::from_millis(10 * (3 - i))).await;
                    log.borrow_mut().push(i); // the Rc lived across the .await
                }));
            }
            for task in tasks {
                task.await.unwrap();
            }
        })
        .await;
    println!("finished in this order: {:?}", log.borrow());
}
// ANCHOR_END: local
