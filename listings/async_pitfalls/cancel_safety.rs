//! `select!` cancels the branches that lose: it drops their futures. A
//! future that had received a message and was waiting for the next one
//! loses the first with it.
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};

/// The producer: `n` numbers, with a tick on the second channel after
/// every third, letting the consumer run after every send.
async fn produce(n: u32, data: UnboundedSender<u32>, ticks: UnboundedSender<()>) {
    for i in 0..n {
        data.send(i).unwrap();
        tokio::task::yield_now().await;
        if i % 3 == 2 {
            ticks.send(()).unwrap();
            tokio::task::yield_now().await;
        }
    }
}

// ANCHOR: pair
/// Receives two numbers. Each `recv` is cancel-safe, but this future is
/// not: dropped between the two, it drops the first number it holds.
async fn next_pair(data: &mut UnboundedReceiver<u32>) -> Option<(u32, u32)> {
    let a = data.recv().await?;
    let b = data.recv().await?;
    Some((a, b))
}

/// Adds up pairs of numbers and counts the ticks, in one `select!` loop.
/// Returns the numbers it added, and the ticks.
pub async fn pairs_in_select(n: u32) -> (Vec<u32>, u32) {
    let (data_tx, mut data) = mpsc::unbounded_channel();
    let (ticks_tx, mut ticks) = mpsc::unbounded_channel();
    let producer = tokio::spawn(produce(n, data_tx, ticks_tx));
    let mut added = Vec::new();
    let mut ticked = 0;
    loop {
        tokio::select! {
            biased;
            Some(()) = ticks.recv() => ticked += 1,
            pair = next_pair(&mut data) => match pair {
                Some((a, b)) => added.extend([a, b]),
                None => break,
            },
        }
    }
    producer.await.unwrap();
    (added, ticked)
}
// ANCHOR_END: pair

// ANCHOR: fixed
/// The same loop with only cancel-safe operations in `select!`: the first
/// number of a pair waits in a variable of the loop, not in a future that
/// `select!` may drop.
pub async fn pairs_cancel_safe(n: u32) -> (Vec<u32>, u32) {
    let (data_tx, mut data) = mpsc::unbounded_channel();
    let (ticks_tx, mut ticks) = mpsc::unbounded_channel();
    let producer = tokio::spawn(produce(n, data_tx, ticks_tx));
    let mut added = Vec::new();
    let mut first = None;
    let mut ticked = 0;
    loop {
        tokio::select! {
            biased;
            Some(()) = ticks.recv() => ticked += 1,
            number = data.recv() => match (number, first.take()) {
                (Some(b), Some(a)) => added.extend([a, b]),
                (Some(a), None) => first = Some(a),
                (None, _) => break,
            },
        }
    }
    producer.await.unwrap();
    (added, ticked)
}
// ANCHOR_END: fixed

/// How many of the numbers 0..`n` a consumer did not add.
pub fn lost(n: u32, added: &[u32]) -> usize {
    (0..n).filter(|i| !added.contains(i)).count()
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let n = 600;
    let (added, ticks) = pairs_in_select(n).await;
    let lost_here = lost(n, &added);
    println!("next_pair in select!: {lost_here} of {n} numbers lost, {ticks} ticks");
    let (added, ticks) = pairs_cancel_safe(n).await;
    let lost_here = lost(n, &added);
    println!("cancel-safe select!: {lost_here} of {n} numbers lost, {ticks} ticks");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn next_pair_in_select_loses_numbers_and_the_fix_none() {
        let (added, ticks) = pairs_in_select(60).await;
        assert_eq!((lost(60, &added), ticks), (20, 20));
        let (added, ticks) = pairs_cancel_safe(60).await;
        assert_eq!((lost(60, &added), ticks), (0, 20));
    }
}
