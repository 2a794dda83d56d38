//! Draws a figure's panels as one inline SVG inside a `<figure>`, with a
//! caption. The output has no blank line, so Markdown keeps it as one HTML
//! block, and it is well-formed XML (checked by `tests/timelines.rs`).
//!
//! Every bar carries a `<title>`, which browsers show as a tooltip, and
//! the same times are in a table folded under the figure (`<details>`), for
//! readers who cannot hover: touch, keyboard, screen reader, paper. Lanes
//! and panels carry `data-lane` and `data-panel` so tests can find them.
//! Colours are presentation attributes, which `theme/book.css` overrides
//! per theme through the classes `c0`...`c9` (a lane's colour) and the
//! kind of a span (`cpu`, `waiting`...). No text is smaller than 11 units:
//! the SVG is drawn 720 units wide, and the book never shows it narrower
//! than 720 px (on a phone the figure scrolls sideways), so every label
//! renders at 11 px or more.
use super::{Figure, Kind, Panel, fmt_time};
use std::fmt::Write as _;
use std::time::Duration;

const WIDTH: f64 = 720.0;
const LABELS: f64 = 150.0;
const RIGHT: f64 = 30.0;
const LANE: f64 = 14.0;
const GAP: f64 = 3.0;
const PANEL_TITLE: f64 = 22.0;
const PANEL_GAP: f64 = 10.0;
const AXIS: f64 = 30.0;
const LEGEND: f64 = 22.0;

/// Colours for lanes: one per thread (or per lane), cycling.
pub const PALETTE: &[&str] = &[
    "#2f6db5", "#c0392b", "#2f7d32", "#8e44ad", "#d35400", "#16a085", "#7f5a2a", "#c2185b",
    "#5d6d7e", "#9a7d0a",
];

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A tick step of 1, 2 or 5 times a power of ten, giving at most 8 ticks.
fn tick_step(end: Duration) -> Duration {
    let ms = end.as_secs_f64() * 1e3;
    let mut step = 1e-3;
    loop {
        for m in [1.0, 2.0, 5.0] {
            if ms / (step * m) <= 8.0 {
                return Duration::from_secs_f64(step * m / 1e3);
            }
        }
        step *= 10.0;
    }
}

fn tick_label(t: Duration, step: Duration) -> String {
    if step >= Duration::from_millis(1000) {
        format!("{} s", t.as_secs_f64())
    } else if step >= Duration::from_millis(1) {
        format!("{} ms", t.as_millis())
    } else {
        format!("{} µs", t.as_micros())
    }
}

/// The figure as an HTML fragment: `<figure>` with the SVG and a caption
/// that names the listings, the machine and the run (`runs`: how many runs
/// the drawn one was the fastest of).
pub fn figure(fig: &Figure, panels: &[Panel], runs: usize, machine: &str) -> String {
    let id = fig.id;
    let end = panels
        .iter()
        .map(Panel::end)
        .max()
        .unwrap_or(Duration::from_millis(1));
    let step = tick_step(end);
    // A little room past the last bar; ticks only where the axis reaches.
    let axis_end = end.mul_f64(1.03);
    let plot = WIDTH - LABELS - RIGHT;
    let x = |t: Duration| LABELS + plot * t.as_secs_f64() / axis_end.as_secs_f64();
    let kinds: Vec<Kind> = [
        Kind::Task,
        Kind::Polled,
        Kind::Queued,
        Kind::Cpu,
        Kind::Waiting,
    ]
    .into_iter()
    .filter(|k| {
        panels
            .iter()
            .flat_map(|p| &p.lanes)
            .flat_map(|l| &l.spans)
            .any(|s| s.kind == *k)
    })
    .collect();

    let mut body = String::new();
    let mut y = 0.0;
    for panel in panels {
        let _ = writeln!(
            body,
            r#"<g class="panel" data-panel="{}">"#,
            escape(&panel.name)
        );
        let _ = writeln!(
            body,
            r#"<text class="panel-title" x="0" y="{:.1}" font-weight="bold" fill="currentColor">{}: {}</text>"#,
            y + 15.0,
            escape(&panel.name),
            fmt_time(panel.wall)
        );
        y += PANEL_TITLE;
        for lane in &panel.lanes {
            let color = PALETTE[lane.color % PALETTE.len()];
            let _ = writeln!(
                body,
                r#"<g class="lane" data-lane="{}">"#,
                escape(&lane.label)
            );
            let _ = writeln!(
                body,
                r#"<text class="lane-label" x="4" y="{:.1}" fill="currentColor">{}</text>"#,
                y + LANE - 3.0,
                escape(&lane.label)
            );
            if !lane.note.is_empty() {
                let _ = writeln!(
                    body,
                    r#"<text class="lane-note" x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="currentColor" opacity="0.8">{}</text>"#,
                    LABELS - 6.0,
                    y + LANE - 3.0,
                    escape(&lane.note)
                );
            }
            // Pale spans first, so that solid ones are drawn over them.
            let mut spans: Vec<_> = lane.spans.iter().collect();
            spans.sort_by_key(|s| matches!(s.kind, Kind::Cpu | Kind::Polled));
            let c = lane.color % PALETTE.len();
            for s in spans {
                let (class, opacity) = style(s.kind);
                let width = (x(s.end) - x(s.start)).max(1.0);
                let _ = writeln!(
                    body,
                    r#"<rect class="span {class} c{c}" x="{:.1}" y="{y:.1}" width="{width:.1}" height="{LANE}" fill="{color}" fill-opacity="{opacity}" stroke="{color}" stroke-width="1.5"><title>{}</title></rect>"#,
                    x(s.start),
                    escape(&s.tip)
                );
            }
            body += "</g>\n";
            y += LANE + GAP;
        }
        body += "</g>\n";
        y += PANEL_GAP;
    }

    // The time axis, with a faint grid line at every tick.
    let top = 0.0;
    let mut axis = String::from("<g class=\"axis\">\n");
    let ticks = (axis_end.as_secs_f64() / step.as_secs_f64()).floor() as u32;
    for i in 0..=ticks {
        let t = step * i;
        let _ = writeln!(
            axis,
            r#"<line x1="{0:.1}" y1="{top:.1}" x2="{0:.1}" y2="{1:.1}" stroke="currentColor" stroke-opacity="0.15"/>"#,
            x(t),
            y + 4.0
        );
        let _ = writeln!(
            axis,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="currentColor">{}</text>"#,
            x(t),
            y + 16.0,
            tick_label(t, step)
        );
    }
    let _ = writeln!(
        axis,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="currentColor">time since the run started</text>"#,
        LABELS + plot / 2.0,
        y + 28.0
    );
    axis += "</g>\n";
    y += AXIS;

    // The legend: what solid and pale mean, two entries to a row.
    let mut legend = String::from("<g class=\"legend\">\n");
    for (i, kind) in kinds.iter().enumerate() {
        if i > 0 && i % 2 == 0 {
            y += LEGEND;
        }
        let lx = LABELS + if i % 2 == 0 { 0.0 } else { 285.0 };
        let (class, opacity) = style(*kind);
        let text = match kind {
            Kind::Cpu => "thread on a core, computing",
            Kind::Waiting => "thread off the processor",
            Kind::Task => "task, from its start to its end",
            Kind::Polled => "task being polled, holding its thread",
            Kind::Queued => "at least that many items in the channel",
        };
        let _ = writeln!(
            legend,
            r##"<rect class="swatch {class} c8" x="{lx:.1}" y="{:.1}" width="22" height="{LANE}" fill="#5d6d7e" fill-opacity="{opacity}" stroke="#5d6d7e" stroke-width="1.5"/>"##,
            y + 4.0
        );
        let _ = writeln!(
            legend,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="currentColor">{text}</text>"#,
            lx + 28.0,
            y + 15.0
        );
    }
    legend += "</g>\n";
    y += LEGEND;

    let title = format!("Figure {}: {}", fig.number, strip_tags(fig.caption));
    let desc = panels
        .iter()
        .map(|p| format!("{}: {} lanes, {}", p.name, p.lanes.len(), fmt_time(p.wall)))
        .collect::<Vec<_>>()
        .join("; ");
    let listings = fig
        .listings
        .iter()
        .map(|l| format!("<code>{l}</code>"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = String::new();
    let _ = writeln!(s, r#"<figure class="timeline" id="figure-{id}">"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" viewBox="0 0 {WIDTH} {y:.0}" width="100%" font-family="sans-serif" font-size="12" role="img" aria-labelledby="{id}-title {id}-desc">"#
    );
    let _ = writeln!(s, r#"<title id="{id}-title">{}</title>"#, escape(&title));
    let _ = writeln!(s, r#"<desc id="{id}-desc">{}</desc>"#, escape(&desc));
    s += &axis;
    s += &body;
    s += &legend;
    s += "</svg>\n";
    s += &times_table(fig, panels);
    let _ = writeln!(
        s,
        "<figcaption><strong>Figure {}:</strong> {} Drawn from {} of {listings} on {} by <code>cargo xtask timelines</code>. Every bar's exact times are in the table above this caption<span class=\"hover-only\">, and in the bar's tooltip</span>.</figcaption>",
        fig.number,
        fig.caption,
        if runs == 1 {
            "a real run".to_owned()
        } else {
            format!("real runs (each panel the fastest of {runs})")
        },
        escape(machine)
    );
    s += "</figure>\n";
    debug_assert!(!s.contains("\n\n"));
    s
}

/// A span's classes (after `span`) and the opacity of its fill; the
/// theme's CSS sets the colours and overrides the opacity.
fn style(kind: Kind) -> (&'static str, f64) {
    match kind {
        Kind::Cpu => ("cpu", 1.0),
        Kind::Waiting => ("waiting", 0.3),
        Kind::Task => ("task", 0.35),
        Kind::Polled => ("polled", 1.0),
        Kind::Queued => ("queued", 0.7),
    }
}

/// Every bar's times as a table, folded in a `<details>` under the SVG:
/// what the tooltips hold, for a reader who cannot hover (touch, keyboard,
/// screen reader, paper).
fn times_table(fig: &Figure, panels: &[Panel]) -> String {
    let mut t = String::new();
    let bars: usize = panels
        .iter()
        .flat_map(|p| &p.lanes)
        .map(|l| l.spans.len())
        .sum();
    let _ = writeln!(
        t,
        r#"<details class="figure-times"><summary>Figure {}, every bar's times ({bars} bars)</summary>"#,
        fig.number
    );
    t += "<table>\n<thead><tr><th>Lane</th><th>From</th><th>To</th><th>What it was</th></tr></thead>\n";
    for panel in panels {
        let _ = writeln!(
            t,
            r#"<tbody><tr><th colspan="4" scope="colgroup">{}: {}</th></tr>"#,
            escape(&panel.name),
            fmt_time(panel.wall)
        );
        for lane in &panel.lanes {
            let mut spans: Vec<_> = lane.spans.iter().collect();
            spans.sort_by_key(|s| s.start);
            for s in spans {
                let _ = writeln!(
                    t,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&lane.label),
                    fmt_time(s.start),
                    fmt_time(s.end),
                    escape(&s.tip)
                );
            }
        }
        t += "</tbody>\n";
    }
    t += "</table>\n</details>\n";
    t
}

/// The caption as plain text, for the SVG's own `<title>`.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
