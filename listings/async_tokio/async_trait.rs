//! An async method in a trait, stable since Rust 1.75, written so that
//! generic code can spawn the future it returns: the trait names the
//! future's `Send` bound, and implementations still write `async fn`.
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

// ANCHOR: trait
pub trait Lookup {
    // New: `-> impl Future + Send` where Listing 11-10 has `async fn`.
    fn lookup(&self, key: u64) -> impl Future<Output = String> + Send;
}

pub struct SlowService;

impl Lookup for SlowService {
    async fn lookup(&self, key: u64) -> String {
        tokio::time::sleep(Duration::from_millis(10)).await;
        format!("value {key}")
    }
}

pub fn spawn_lookup<L: Lookup + Send + Sync + 'static>(
    source: Arc<L>,
    key: u64,
) -> JoinHandle<String> {
    tokio::spawn(async move { source.lookup(key).await })
}
// ANCHOR_END: trait

// ANCHOR: main
#[tokio::main]
pub async fn main() {
    let service = Arc::new(SlowService);
    let tasks: Vec<_> = (1..=3).map(|k| spawn_lookup(service.clone(), k)).collect();
    for task in tasks {
        println!("{}", task.await.unwrap());
    }
}
// ANCHOR_END: main
