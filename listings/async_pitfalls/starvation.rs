//! A task that computes without awaiting starves the others: a 10 ms timer
//! beside it fires late. Three fixes, each measured.
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::time::sleep;

/// Computes for `busy`: keeps the thread busy and never awaits.
pub fn spin(busy: Duration) {
    let t0 = Instant::now();
    while t0.elapsed() < busy {
        std::hint::spin_loop();
    }
}

// ANCHOR: lateness
/// Starts a 10 ms timer, then runs `busy` beside it on the same runtime.
/// Returns how late the timer fired.
pub async fn timer_lateness(busy: impl Future<Output = ()> + Send + 'static) -> Duration {
    let timer = tokio::spawn(async {
        let t0 = Instant::now();
        sleep(Duration::from_millis(10)).await;
        t0.elapsed().saturating_sub(Duration::from_millis(10))
    });
    tokio::spawn(busy).await.unwrap();
    timer.await.unwrap()
}
// ANCHOR_END: lateness

// ANCHOR: variants
/// The problem: 200 ms of computing with no `.await` in it.
pub async fn greedy(busy: Duration) {
    spin(busy);
}

/// Fix 1: compute in slices of 1 ms, and step aside after each one.
pub async fn yielding(busy: Duration) {
    let t0 = Instant::now();
    while t0.elapsed() < busy {
        spin(Duration::from_millis(1));
        tokio::task::yield_now().await;
    }
}

/// Fix 2: compute on tokio's pool of threads for blocking work.
pub async fn on_blocking_pool(busy: Duration) {
    tokio::task::spawn_blocking(move || spin(busy))
        .await
        .unwrap();
}

/// Fix 3: compute on rayon's pool, and await the answer.
pub async fn on_rayon(busy: Duration) {
    let (done, answer) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        spin(busy);
        let _ = done.send(());
    });
    answer.await.unwrap();
}
// ANCHOR_END: variants

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let busy = Duration::from_millis(200);
    let runs = [
        ("greedy", timer_lateness(greedy(busy)).await),
        ("yield_now", timer_lateness(yielding(busy)).await),
        (
            "spawn_blocking",
            timer_lateness(on_blocking_pool(busy)).await,
        ),
        ("rayon", timer_lateness(on_rayon(busy)).await),
    ];
    for (name, late) in runs {
        println!("beside {name:<14}: the 10 ms timer fired {late:>9.2?} late");
    }
}
// ANCHOR_END: main
