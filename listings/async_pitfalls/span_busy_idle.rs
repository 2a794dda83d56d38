//! Two tasks on one thread, each in a `tracing` span: one blocks for
//! 100 ms, one sleeps 100 ms with tokio. A `tracing_subscriber::fmt`
//! subscriber prints each span when it closes, with how long the span was
//! busy (its task being polled) and idle (its task waiting).
use std::time::Duration;
use tracing::{Instrument, info_span};
use tracing_subscriber::fmt::format::FmtSpan;

// ANCHOR: tasks
/// Holds its thread for 100 ms: a blocking call inside a task.
pub async fn blocking() {
    std::thread::sleep(Duration::from_millis(100));
}

/// Waits 100 ms and gives its thread back meanwhile.
pub async fn sleeping() {
    tokio::time::sleep(Duration::from_millis(100)).await;
}

/// Spawns both, each in a span named for it, and waits for them.
pub async fn run() {
    let a = tokio::spawn(blocking().instrument(info_span!("blocking")));
    let b = tokio::spawn(sleeping().instrument(info_span!("sleeping")));
    a.await.unwrap();
    b.await.unwrap();
}
// ANCHOR_END: tasks

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    tracing_subscriber::fmt()
        .with_span_events(FmtSpan::CLOSE) // a line per span as it closes
        .with_timer(()) // no timestamps (`without_time` drops the timings too)
        .with_target(false) // no module path
        .with_ansi(false) // no colours
        .init();
    run().await;
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{self, Write};
    use std::sync::{Arc, Mutex};

    /// Where the test's subscriber writes: a buffer the test reads after.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().write(bytes)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Runs `run` under the listing's subscriber, writing to a buffer, and
    /// returns each span's name with its busy and idle times.
    fn closed_spans() -> Vec<(String, Duration, Duration)> {
        let out = Buffer::default();
        let writer = out.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_span_events(FmtSpan::CLOSE)
            .with_timer(())
            .with_target(false)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
                .block_on(run())
        });
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        text.lines().map(parse).collect()
    }

    /// `  INFO sleeping: close time.busy=25.1µs time.idle=200ms`
    fn parse(line: &str) -> (String, Duration, Duration) {
        let name = line
            .split_whitespace()
            .nth(1)
            .unwrap()
            .trim_end_matches(':');
        let field = |key: &str| {
            let value = line.split(key).nth(1).unwrap().split_whitespace().next();
            duration(value.unwrap())
        };
        (name.to_string(), field("time.busy="), field("time.idle="))
    }

    /// tracing-subscriber writes a duration as a number and a unit.
    fn duration(text: &str) -> Duration {
        let digits = text.trim_end_matches(|c: char| c.is_alphabetic() || c == 'µ');
        let number: f64 = digits.parse().unwrap();
        let unit = match &text[digits.len()..] {
            "ns" => 1e-9,
            "µs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            other => panic!("unknown unit {other:?} in {text:?}"),
        };
        Duration::from_secs_f64(number * unit)
    }

    #[test]
    fn the_blocking_span_is_busy_and_the_sleeping_one_idle() {
        let spans = closed_spans();
        let names: Vec<&str> = spans.iter().map(|(name, ..)| name.as_str()).collect();
        // The blocking task runs first and ends first: nothing can run
        // beside it on the one thread.
        assert_eq!(names, ["blocking", "sleeping"]);
        let (_, blocking_busy, _) = spans[0];
        let (_, sleeping_busy, sleeping_idle) = spans[1];
        // A span is busy while its task is polled, and the blocking task's
        // one poll holds the thread through the whole 100 ms sleep, which
        // lasts at least that long: busy >= 100 ms, by construction.
        assert!(blocking_busy >= Duration::from_millis(100), "{spans:?}");
        // The sleeping task is polled twice, each time for microseconds.
        // 10 ms, a tenth of its wait, is far above that and far below the
        // 100 ms it would show if it blocked.
        assert!(sleeping_busy < Duration::from_millis(10), "{spans:?}");
        // Idle from its spawn to its end, less its two polls: 100 ms
        // waiting for the thread, then its own 100 ms sleep, which tokio
        // never ends early. 195 ms leaves 5 ms for the polls and for the
        // rounding of the printed times, both far smaller.
        assert!(sleeping_idle >= Duration::from_millis(195), "{spans:?}");
    }

    #[test]
    fn durations_parse_in_every_unit() {
        assert_eq!(duration("512ns"), Duration::from_nanos(512));
        assert_eq!(duration("100ms"), Duration::from_millis(100));
        assert_eq!(duration("2.5s"), Duration::from_millis(2500));
        assert!(duration("25.1µs") > Duration::from_micros(25));
    }
}
