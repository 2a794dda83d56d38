//! Exercise 13-3, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises stop_worker`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/async_pitfalls/exercise_stop_worker.rs` (setup, `main`, tests) and the chapter `src/async-pitfalls.md` (the
//! stub). To start again: `git checkout exercises/src/async_pitfalls/stop_worker.rs`.
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

pub async fn worker<F, Fut>(
    mut jobs: mpsc::Receiver<u64>,
    stop: CancellationToken,
    work: F,
) -> Vec<u64>
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = ()>,
{
    // Your code here: take jobs until the channel closes or `stop` is cancelled.
    let _ = (&mut jobs, stop, work);
    Vec::new()
}

#[tokio::main]
pub async fn main() {
    let (tx, rx) = mpsc::channel(100);
    for job in 0..10 {
        tx.send(job).await.unwrap();
    }
    let stop = CancellationToken::new();
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    let running = tokio::spawn(worker(rx, stop.clone(), move |job| {
        let log = seen.clone();
        async move {
            log.lock().unwrap().push(format!("begin {job}"));
            tokio::time::sleep(Duration::from_millis(30)).await;
            log.lock().unwrap().push(format!("end {job}"));
        }
    }));
    tokio::time::sleep(Duration::from_millis(70)).await;
    stop.cancel();
    let finished = running.await.unwrap();
    println!("{:?}", log.lock().unwrap());
    println!("finished: {finished:?}");
}

#[cfg(test)]
mod tests {
    use super::worker;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    use tokio::sync::{Notify, mpsc};
    use tokio::time::timeout;
    use tokio_util::sync::CancellationToken;

    /// The worker must return within this once it should.
    const PATIENCE: Duration = Duration::from_secs(2);

    #[tokio::test]
    async fn every_job_is_done_when_the_channel_closes() {
        let (tx, rx) = mpsc::channel(10);
        for job in 0..5 {
            tx.send(job).await.unwrap();
        }
        drop(tx);
        let done = timeout(PATIENCE, worker(rx, CancellationToken::new(), |_| async {}))
            .await
            .expect("the worker did not return when the channel closed");
        assert_eq!(done, [0, 1, 2, 3, 4]);
    }

    /// No job comes, and the channel stays open: only the token can stop
    /// the worker.
    #[tokio::test]
    async fn an_idle_worker_stops_when_cancelled() {
        let (_tx, rx) = mpsc::channel::<u64>(10);
        let stop = CancellationToken::new();
        let running = tokio::spawn(worker(rx, stop.clone(), |_| async {}));
        tokio::time::sleep(Duration::from_millis(20)).await;
        stop.cancel();
        let done = timeout(PATIENCE, running)
            .await
            .expect("an idle worker did not stop when cancelled")
            .unwrap();
        assert_eq!(done, Vec::<u64>::new());
    }

    /// Cancelled while job 1 runs: job 1 must end, job 2 must not begin.
    #[tokio::test]
    async fn a_job_begun_is_finished_and_no_job_begins_after_stop() {
        let (tx, rx) = mpsc::channel(10);
        tx.send(1).await.unwrap();
        tx.send(2).await.unwrap();
        let stop = CancellationToken::new();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (began, go) = (Arc::new(Notify::new()), Arc::new(Notify::new()));
        let running = tokio::spawn({
            let (log, began, go) = (log.clone(), began.clone(), go.clone());
            worker(rx, stop.clone(), move |job| {
                let (log, began, go) = (log.clone(), began.clone(), go.clone());
                async move {
                    log.lock().unwrap().push(format!("begin {job}"));
                    began.notify_one();
                    go.notified().await; // the job goes on only when told
                    log.lock().unwrap().push(format!("end {job}"));
                }
            })
        });
        timeout(PATIENCE, began.notified())
            .await
            .expect("job 1 never began");
        stop.cancel();
        tokio::time::sleep(Duration::from_millis(20)).await;
        go.notify_one(); // job 1 may end now
        let done = timeout(PATIENCE, running)
            .await
            .expect("the worker did not stop after its job")
            .unwrap();
        assert_eq!(*log.lock().unwrap(), ["begin 1", "end 1"]);
        assert_eq!(done, [1]);
    }
}
