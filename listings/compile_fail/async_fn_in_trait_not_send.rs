use std::sync::Arc;

pub trait Lookup {
    // The future this returns has no `Send` bound: each implementation's
    // future is `Send` or not, and generic code cannot know which.
    async fn lookup(&self, key: u64) -> String;
}

pub fn spawn_lookup<L: Lookup + Send + Sync + 'static>(source: Arc<L>, key: u64) {
    tokio::spawn(async move { source.lookup(key).await });
}

fn main() {}
