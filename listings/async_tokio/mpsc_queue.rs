//! The notes' `asyncio.Queue` in tokio: a bounded `mpsc` channel between a
//! producer task and a consumer task.
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio::time::sleep;

// ANCHOR: queue
pub async fn producer(queue: mpsc::Sender<u32>, t0: Instant) {
    for job in 0..4 {
        // With the queue full, `send` waits here until the consumer takes
        // a job out: the producer is held to the consumer's pace.
        queue.send(job).await.unwrap();
        println!("{:>3} ms  queued {job}", t0.elapsed().as_millis());
    }
    // `queue`, the last sender, is dropped here: that closes the queue.
}

pub async fn consumer(mut queue: mpsc::Receiver<u32>, t0: Instant) -> u32 {
    let mut done = 0;
    while let Some(job) = queue.recv().await {
        sleep(Duration::from_millis(20)).await; // the work
        println!("{:>3} ms      done {job}", t0.elapsed().as_millis());
        done += 1;
    }
    done // `recv` returned `None`: the queue is closed and empty
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let (tx, rx) = mpsc::channel(2); // room for two jobs
    let t0 = Instant::now();
    let ((), done) = tokio::join!(producer(tx, t0), consumer(rx, t0));
    assert_eq!(done, 4);
}
// ANCHOR_END: queue
