use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::main]
async fn main() {
    let counter = Arc::new(Mutex::new(0));
    let task = tokio::spawn(async move {
        let mut n = counter.lock().unwrap();
        // The guard `n` is still alive here, across the `.await`: the task
        // might resume on another worker thread, holding it.
        tokio::time::sleep(Duration::from_millis(10)).await;
        *n += 1;
    });
    task.await.unwrap();
}
