//! The latency recorder of the claims about the tail: each side's requests,
//! from every trial, pooled in one `hdrhistogram::Histogram` of
//! nanoseconds, and the percentiles that the claim's checks set side
//! against side (`Estimator::Pooled`). It also writes what the page shows
//! of them: a table of percentiles and a percentile plot, drawn from the
//! run (`cargo xtask measure` puts both in `src/measured/<id>.percentiles.md`,
//! which the claim's box and the appendix include).
use crate::measure::Measured;
use crate::registry::Estimator;
use crate::timelines::svg::escape;
use hdrhistogram::Histogram;
use std::fmt::Write as _;
use std::time::Duration;

/// One side of a latency claim: what it runs, and how long each of its
/// requests took, in nanoseconds.
pub struct Side {
    pub label: String,
    /// What was timed, in the plural: "requests", "updates".
    pub what: String,
    pub latencies: Histogram<u64>,
}

impl Side {
    /// The latency at a quantile; at 1.0, the slowest request's.
    pub fn at(&self, quantile: f64) -> Duration {
        if quantile >= 1.0 {
            return self.max();
        }
        Duration::from_nanos(self.latencies.value_at_quantile(quantile))
    }

    pub fn max(&self) -> Duration {
        Duration::from_nanos(self.latencies.max())
    }
}

/// Runs each side `trials` times, interleaved (a, b, a, b...: a stretch of
/// a noisy machine falls on both sides alike), and pools each side's
/// requests in one histogram. A percentile of one trial's few hundred
/// requests moves with any burst of another program; of all trials'
/// requests, it needs a burst on every trial to move.
pub fn pooled(
    what: &str,
    sides: &[(&str, &dyn Fn() -> Histogram<u64>)],
    trials: usize,
) -> Vec<Side> {
    let mut pooled: Vec<Side> = sides
        .iter()
        .map(|(label, _)| Side {
            label: (*label).to_owned(),
            what: what.to_owned(),
            latencies: Histogram::new(3).unwrap(),
        })
        .collect();
    for _ in 0..trials {
        for (side, (_, run)) in pooled.iter_mut().zip(sides) {
            side.latencies.add(run()).unwrap();
        }
    }
    pooled
}

/// The percentiles shown for every side: (quantile, name).
pub const SHOWN: [(f64, &str); 5] = [
    (0.5, "p50"),
    (0.9, "p90"),
    (0.99, "p99"),
    (0.999, "p99.9"),
    (0.9999, "p99.99"),
];

/// One value per check, each a ratio of a percentile of one side to the
/// same or another percentile of another: `(quantile, side a, side b)`
/// gives side a's value at that quantile over side b's.
pub fn measured(sides: Vec<Side>, checks: &[(f64, usize, usize)], details: String) -> Measured {
    let values = checks
        .iter()
        .map(|&(q, a, b)| sides[a].at(q).as_secs_f64() / sides[b].at(q).as_secs_f64())
        .collect();
    let mut text = details;
    for side in &sides {
        let _ = write!(
            text,
            "\n{}: {} {},",
            side.label,
            thousands(side.latencies.len()),
            side.what
        );
        for (q, name) in SHOWN {
            let _ = write!(text, " {name} {}", ms(side.at(q)));
        }
        let _ = write!(text, " max {}", ms(side.max()));
    }
    Measured {
        estimator: Some(Estimator::Pooled),
        values,
        details: text,
        latency: sides,
        ..Measured::default()
    }
}

/// 4800000 -> "4,800,000".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut s = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            s.push(',');
        }
        s.push(c);
    }
    s
}

fn ms(d: Duration) -> String {
    format!("{d:.1?}")
}

/// The percentiles of every side, as a Markdown table.
pub fn table(sides: &[Side]) -> String {
    let what = sides.first().map_or("requests", |s| s.what.as_str());
    let mut s = format!("| Side | {}{} |", what[..1].to_uppercase(), &what[1..]);
    for (_, name) in SHOWN {
        let _ = write!(s, " {name} |");
    }
    s += " max |\n|---|--:|";
    s += &"--:|".repeat(SHOWN.len() + 1);
    s += "\n";
    for side in sides {
        let _ = write!(
            s,
            "| {} | {} |",
            side.label,
            thousands(side.latencies.len())
        );
        for (q, _) in SHOWN {
            let _ = write!(s, " {} |", ms(side.at(q)));
        }
        let _ = writeln!(s, " {} |", ms(side.max()));
    }
    s
}

const WIDTH: f64 = 720.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 14.0;
const PLOT: f64 = 230.0;
/// Where `max` sits on the axis of 1/(1 - quantile), in decades: half a
/// decade past p99.99.
const MAX_AT: f64 = 4.5;
const DASHES: [&str; 4] = ["", "8 4", "2 3", "10 3 2 3"];

/// The x of a quantile: decades of 1/(1 - q), so that p90, p99 and p99.9
/// are equally far apart, as the tail deserves.
fn decades(q: f64) -> f64 {
    (1.0 / (1.0 - q)).log10()
}

/// A percentile plot of every side (one HTML block, no blank line): the
/// latency at each quantile from the fastest request to the slowest, on
/// logarithmic axes, one line per side.
pub fn chart(id: &str, sides: &[Side], machine: &str) -> String {
    let lowest = sides
        .iter()
        .map(|s| s.latencies.min().max(1) as f64)
        .fold(f64::INFINITY, f64::min);
    let highest = sides
        .iter()
        .map(|s| s.latencies.max().max(1) as f64)
        .fold(1.0, f64::max);
    let (floor, ceil) = (
        lowest.log10().floor(),
        highest.log10().ceil().max(lowest.log10().floor() + 1.0),
    );
    let plot_w = WIDTH - LEFT - RIGHT;
    let x = |d: f64| LEFT + plot_w * d / MAX_AT;
    let y = |ns: f64| TOP + PLOT * (1.0 - (ns.max(1.0).log10() - floor) / (ceil - floor));
    let legend_top = TOP + PLOT + 40.0;
    let height = legend_top + 20.0 * sides.len() as f64 + 6.0;
    let mut s = String::new();
    let _ = writeln!(s, r#"<figure class="latency-chart" id="latency-{id}">"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="100%" font-family="sans-serif" font-size="12" role="img" aria-labelledby="latency-{id}-title">"#
    );
    let _ = writeln!(
        s,
        r#"<title id="latency-{id}-title">Latency at each percentile, {}</title>"#,
        escape(
            &sides
                .iter()
                .map(|s| format!(
                    "{}: p50 {}, p99 {}, max {}",
                    s.label,
                    ms(s.at(0.5)),
                    ms(s.at(0.99)),
                    ms(s.max())
                ))
                .collect::<Vec<_>>()
                .join("; ")
        )
    );
    // The grid: a line per decade of latency, and one per percentile shown.
    let mut decade = floor;
    while decade <= ceil {
        let ns = 10_f64.powf(decade);
        let _ = writeln!(
            s,
            r#"<line class="grid" x1="{LEFT}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="currentColor" stroke-opacity="0.25"/><text x="{2:.1}" y="{3:.1}" text-anchor="end" fill="currentColor">{4}</text>"#,
            y(ns),
            WIDTH - RIGHT,
            LEFT - 6.0,
            y(ns) + 4.0,
            escape(&format!("{:?}", Duration::from_nanos(ns as u64)))
        );
        decade += 1.0;
    }
    let ticks = [(0.0, "min")]
        .into_iter()
        .chain(SHOWN.iter().map(|&(q, name)| (decades(q), name)))
        .chain([(MAX_AT, "max")]);
    for (d, name) in ticks {
        let _ = writeln!(
            s,
            r#"<line class="grid" x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{1:.1}" stroke="currentColor" stroke-opacity="0.25"/><text x="{0:.1}" y="{2:.1}" text-anchor="middle" fill="currentColor">{name}</text>"#,
            x(d),
            TOP + PLOT,
            TOP + PLOT + 16.0
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="currentColor">percentile of the {what}, fastest to slowest (each step from p90 to p99.99 is ten times fewer {what})</text>"#,
        LEFT + plot_w / 2.0,
        TOP + PLOT + 32.0,
        what = escape(sides.first().map_or("requests", |s| s.what.as_str()))
    );
    // A line per side: the latency at quantiles from 0 to 99.99% in
    // tenths of a decade, then the slowest request.
    for (i, side) in sides.iter().enumerate() {
        let mut points: Vec<(f64, f64)> = (0..=40)
            .map(|k| {
                let q = 1.0 - 10_f64.powf(-f64::from(k) / 10.0);
                (x(decades(q)), y(side.latencies.value_at_quantile(q) as f64))
            })
            .collect();
        points.push((x(MAX_AT), y(side.latencies.max() as f64)));
        let path: Vec<String> = points
            .iter()
            .map(|(px, py)| format!("{px:.1},{py:.1}"))
            .collect();
        let _ = writeln!(
            s,
            r#"<g class="side c{i}"><polyline points="{}" fill="none" stroke="currentColor" stroke-width="2.5" stroke-dasharray="{}"><title>{}</title></polyline>"#,
            path.join(" "),
            DASHES[i % DASHES.len()],
            escape(&side.label)
        );
        for (q, name) in SHOWN.iter().copied().chain([(1.0, "max")]) {
            let value = if q < 1.0 { side.at(q) } else { side.max() };
            let d = if q < 1.0 { decades(q) } else { MAX_AT };
            let _ = writeln!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="4" fill="currentColor"><title>{}: {name} {}</title></circle>"#,
                x(d),
                y(value.as_nanos() as f64),
                escape(&side.label),
                ms(value)
            );
        }
        s += "</g>\n";
        let ly = legend_top + 20.0 * i as f64;
        let _ = writeln!(
            s,
            r#"<g class="legend"><line class="c{i}" x1="{LEFT}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="currentColor" stroke-width="2.5" stroke-dasharray="{}"/><text x="{:.1}" y="{:.1}" fill="currentColor">{} ({} {})</text></g>"#,
            LEFT + 36.0,
            DASHES[i % DASHES.len()],
            LEFT + 44.0,
            ly + 4.0,
            escape(&side.label),
            thousands(side.latencies.len()),
            escape(&side.what)
        );
    }
    s += "</svg>\n";
    let _ = writeln!(
        s,
        "<figcaption>The latency of every one of the {what} that claim <code>{}</code> timed, drawn from the run on {}: at each percentile, how long the {what} up to it took at most. Both axes are logarithmic. The table above gives the same numbers.</figcaption>",
        escape(id),
        escape(machine),
        what = escape(sides.first().map_or("requests", |s| s.what.as_str()))
    );
    s += "</figure>\n";
    debug_assert!(!s.contains("\n\n"));
    s
}

/// What the page shows of a latency claim's run: the table, then the plot.
pub fn percentiles_page(id: &str, sides: &[Side], machine: &str) -> String {
    format!("{}\n{}", table(sides), chart(id, sides, machine))
}
