//! Exercise 1-1, starter: write your answer in place of the stub,
//! then check it with `cargo test -p exercises ask_every_shop`. Its hidden
//! tests are at the end of this file.
//!
//! Written by `cargo xtask exercises` from the listing
//! `listings/sync_async/exercise_ask_every_shop.rs` (setup, `main`, tests) and the chapter `src/sync-async.md` (the
//! stub). To start again: `git checkout exercises/src/sync_async/ask_every_shop.rs`.
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::{Duration, Instant};

/// Ten shops, each slow to answer. They count the questions they are
/// answering at each moment, so that you can see whether they overlap.
#[derive(Default)]
pub struct Shops {
    answering: AtomicUsize,
    most: AtomicUsize,
}

impl Shops {
    pub const fn new() -> Shops {
        Shops {
            answering: AtomicUsize::new(0),
            most: AtomicUsize::new(0),
        }
    }

    /// Asks `shop` for its price. Shop 0 takes 100 ms to answer, shop 1
    /// 90 ms, and so on to shop 9, 10 ms: the last shops answer first.
    pub async fn price(&self, shop: u64) -> u64 {
        let now = self.answering.fetch_add(1, SeqCst) + 1;
        self.most.fetch_max(now, SeqCst);
        tokio::time::sleep(Duration::from_millis(10 * (10 - shop % 10))).await;
        self.answering.fetch_sub(1, SeqCst);
        list_price(shop)
    }

    /// The most questions the shops were answering at the same moment.
    pub fn most_at_once(&self) -> usize {
        self.most.load(SeqCst)
    }
}

/// What `price` answers for `shop`.
pub fn list_price(shop: u64) -> u64 {
    90 + shop * 37 % 50
}

/// Asks shops `0..n` for their prices, all at once, and returns the prices
/// in the order of the shops: `prices[i]` is shop `i`'s.
pub async fn all_prices(shops: &'static Shops, n: u64) -> Vec<u64> {
    // Your code here: ask every shop before waiting for any answer.
    let _ = (shops, n);
    Vec::new()
}

// A runtime with a single thread, as in Listing 1-4.
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    static SHOPS: Shops = Shops::new();
    let t0 = Instant::now();
    let prices = all_prices(&SHOPS, 10).await;
    println!("prices: {prices:?}");
    println!(
        "{} prices in {:.0?}; at most {} questions at once",
        prices.len(),
        t0.elapsed(),
        SHOPS.most_at_once()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_prices_come_in_the_order_of_the_shops() {
        static SHOPS: Shops = Shops::new();
        let expected: Vec<u64> = (0..10).map(list_price).collect();
        assert_eq!(all_prices(&SHOPS, 10).await, expected);
    }

    #[tokio::test]
    async fn every_shop_is_asked_before_any_answers() {
        // `#[tokio::test]` runs this on a runtime with one thread, like
        // `main`: the questions overlap by taking turns, not on threads.
        static SHOPS: Shops = Shops::new();
        let prices = all_prices(&SHOPS, 20).await;
        assert_eq!(prices.len(), 20, "one price per shop");
        assert_eq!(
            SHOPS.most_at_once(),
            20,
            "the shops were not all asked at once: asking one shop after \
             another is synchronous"
        );
    }
}
