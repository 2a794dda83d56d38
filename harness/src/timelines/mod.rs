//! Timelines drawn from real runs: which task or thread did what, and when.
//!
//! A figure reruns listings through their own public functions and records
//! spans (a lane, a start, an end, a kind) with one of the recorders in
//! `record`: the lines a listing's tasks print, the kernel's per-thread CPU
//! clocks, or spans recorded around calls. `svg` draws them as an inline SVG
//! with a `<title>` tooltip on every bar. `cargo xtask timelines`
//! writes every figure to `src/timelines/<id>.html`; a chapter shows it with
//! `{{#include timelines/<id>.html}}`.
//!
//! One module per chapter lists that chapter's figures in `FIGURES`.
use std::time::Duration;

pub mod record;
pub mod svg;

mod async_pitfalls;
mod async_tokio;
mod choosing;
mod data_parallel;
mod distributed;
mod event_loop;
mod gil;
mod io_cpu;
mod message_passing;
mod processes;
mod processes_threads;
mod real_io;
mod shared_state;
mod sync_async;
mod threads;

/// Every figure of the book.
pub fn all() -> Vec<&'static Figure> {
    [
        sync_async::FIGURES,
        io_cpu::FIGURES,
        processes_threads::FIGURES,
        threads::FIGURES,
        gil::FIGURES,
        processes::FIGURES,
        data_parallel::FIGURES,
        shared_state::FIGURES,
        message_passing::FIGURES,
        event_loop::FIGURES,
        async_tokio::FIGURES,
        real_io::FIGURES,
        async_pitfalls::FIGURES,
        choosing::FIGURES,
        distributed::FIGURES,
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn get(id: &str) -> Option<&'static Figure> {
    all().into_iter().find(|f| f.id == id)
}

pub struct Figure {
    /// File name (`src/timelines/<id>.html`) and HTML id (`figure-<id>`).
    pub id: &'static str,
    /// The chapter under src/ that shows it.
    pub chapter: &'static str,
    /// "1-1": chapter and figure number, as in "Figure 1-1".
    pub number: &'static str,
    /// What the figure shows, one sentence; may hold inline HTML (`<code>`).
    pub caption: &'static str,
    /// The listings it runs, named in the caption.
    pub listings: &'static [&'static str],
    /// Runs the listings and records what happened.
    pub draw: fn() -> Vec<Panel>,
    /// The panels and lanes the figure must have on this machine (some
    /// depend on the core count), checked by `tests/timelines.rs`.
    pub expect: fn() -> Vec<(&'static str, Vec<String>)>,
}

/// One run: a row of lanes under a title, on the figure's shared time axis.
pub struct Panel {
    pub name: String,
    /// How long the whole run took, measured around the call.
    pub wall: Duration,
    pub lanes: Vec<Lane>,
}

/// One task or thread.
pub struct Lane {
    pub label: String,
    /// A second, quieter label: the thread that ran a task, say.
    pub note: String,
    /// Index into the palette: lanes that ran on the same thread share one.
    pub color: usize,
    pub spans: Vec<Span>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A thread on a core, computing.
    Cpu,
    /// A thread that exists but is off the processor: sleeping, blocked,
    /// waiting for a core.
    Waiting,
    /// A task, from the moment it started to the moment it finished, whatever
    /// it did in between.
    Task,
    /// A task being polled: it has its thread until the poll returns.
    Polled,
    /// Items waiting in a channel: the lane "k in the channel" is filled
    /// while the channel holds at least k items.
    Queued,
}

pub struct Span {
    pub start: Duration,
    pub end: Duration,
    pub kind: Kind,
    /// The tooltip: what the span is, with its exact times.
    pub tip: String,
}

impl Panel {
    /// The latest end of any span, or the wall time if that is later.
    pub fn end(&self) -> Duration {
        self.lanes
            .iter()
            .flat_map(|l| &l.spans)
            .map(|s| s.end)
            .fold(self.wall, Duration::max)
    }
}

/// "1.002 s", "101.3 ms", "12 µs": a time as a tooltip or title shows it.
pub fn fmt_time(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 0.001 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.0} µs", s * 1e6)
    }
}

/// "task 0", "task 1", ... "task {n-1}": expected lanes of a panel of tasks.
pub fn tasks(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("task {i}")).collect()
}
