//! Timelines of chapter 9, "Message passing".
use super::{Figure, Kind, Panel, Span, fmt_time, record::Recorder};
use concurrency_measured::message_passing::backpressure::produce_consume;
use crossbeam::channel::{self, Receiver, Sender};
use std::time::Duration;

pub const FIGURES: &[Figure] = &[Figure {
    id: "backpressure",
    chapter: "message-passing.md",
    number: "9-1",
    caption: "Listing 9-2's producer sending 20 items to a consumer that takes one every \
              2 ms, through <code>bounded(4)</code>, then through <code>unbounded()</code>. The \
              producer's bar ends when <code>produce_consume</code> says it finished sending; \
              the lane <em>k in the channel</em> is filled while the channel held at least k \
              items, as another thread saw by polling <code>len()</code> without pause.",
    listings: &["listings/message_passing/backpressure.rs"],
    draw: backpressure,
    expect: || {
        vec![
            ("Listing 9-2, bounded(4)", lanes(4)),
            ("Listing 9-2, unbounded", lanes(ITEMS as usize)),
        ]
    },
}];

/// As in the listing's `main`.
const ITEMS: u32 = 20;
const PACE: Duration = Duration::from_millis(2);

fn lanes(slots: usize) -> Vec<String> {
    let mut lanes = vec!["producer".to_owned(), "consumer".to_owned()];
    lanes.extend((1..=slots).map(|k| format!("{k} in the channel")));
    lanes
}

fn backpressure() -> Vec<Panel> {
    vec![
        run("Listing 9-2, bounded(4)", channel::bounded(4), 4),
        run(
            "Listing 9-2, unbounded",
            channel::unbounded(),
            ITEMS as usize,
        ),
    ]
}

/// Runs the listing's `produce_consume` on `chan` while a watcher polls how
/// many items wait in it (through a receiver of its own, which takes none).
fn run(name: &str, chan: (Sender<u32>, Receiver<u32>), slots: usize) -> Panel {
    let rec = Recorder::new();
    for (i, lane) in lanes(slots).iter().enumerate() {
        rec.lane(lane, "", if i < 2 { i } else { 2 });
    }
    let probe = chan.1.clone();
    let ((start, (sent, most)), seen) = rec.watch(
        || probe.len(),
        || (rec.now(), produce_consume(chan, ITEMS, PACE)),
    );
    // Times from the moment the listing started, as in the other figures
    // (the recorder's clock started before the watcher did).
    let end = rec.now() - start;
    let seen: Vec<(Duration, usize)> = seen
        .into_iter()
        .map(|(at, len)| (at.saturating_sub(start), len))
        .collect();
    let task = |lane: &str, what: String, until: Duration| {
        rec.record(
            lane,
            Span {
                start: Duration::ZERO,
                end: until,
                kind: Kind::Task,
                tip: format!("{lane}: {what}, 0 ms -> {}", fmt_time(until)),
            },
        );
    };
    task(
        "producer",
        format!(
            "sending {ITEMS} items, done after {} as produce_consume returned it (at most \
             {most} waiting, by its own count)",
            fmt_time(sent)
        ),
        sent,
    );
    task(
        "consumer",
        format!(
            "taking an item every {} until the channel was empty and closed",
            fmt_time(PACE)
        ),
        end,
    );
    // Lane k: every stretch in which the channel held at least k items.
    for k in 1..=slots {
        let lane = format!("{k} in the channel");
        let mut from: Option<Duration> = None;
        for (i, (at, len)) in seen.iter().enumerate() {
            match (from, *len >= k) {
                (None, true) => from = Some(*at),
                (Some(a), false) => {
                    from = None;
                    rec.record(&lane, queued(&lane, a, *at));
                }
                _ => {}
            }
            if i == seen.len() - 1
                && let Some(a) = from
            {
                rec.record(&lane, queued(&lane, a, end));
            }
        }
    }
    let mut panel = rec.panel(name);
    panel.wall = end;
    panel
}

fn queued(lane: &str, from: Duration, to: Duration) -> Span {
    Span {
        start: from,
        end: to,
        kind: Kind::Queued,
        tip: format!("at least {lane}: {} -> {}", fmt_time(from), fmt_time(to)),
    }
}
