//! The appendix's bar chart: every check of every claim, measured against
//! its ideal and its bound. Each row has its own scale from 0, because the
//! checks measure different things (a 10x speedup, a CPU/wall fraction of
//! 0.01); what the rows share is the picture: the bar is the measurement,
//! the tick the ideal, the outlined band the values the test rejects, and
//! a line the bound, drawn over the bar. Colours are presentation
//! attributes, which `theme/book.css` overrides per theme (by class:
//! `pass`, `refuted`, `rejected`, `bound`...); no text is smaller than 11
//! units, and the book never shows the chart narrower than 720 px.
use super::Report;
use super::registry::Verdict;
use std::fmt::Write as _;

const WIDTH: f64 = 720.0;
const LABELS: f64 = 190.0;
const RIGHT: f64 = 120.0;
const ROW: f64 = 30.0;
const BAR: f64 = 14.0;
const TOP: f64 = 8.0;
const LEGEND: f64 = 30.0;

fn escape(s: &str) -> String {
    super::timelines::svg::escape(s)
}

/// One HTML block (no blank line): a `<figure>` holding the SVG.
pub fn claims_chart(reports: &[Report], machine: &str) -> String {
    let rows: usize = reports.iter().map(|r| r.claim.check.len()).sum();
    let height = TOP + rows as f64 * ROW + LEGEND;
    let plot = WIDTH - LABELS - RIGHT;
    let mut s = String::new();
    let _ = writeln!(s, r#"<figure class="claims-chart" id="claims-chart">"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="100%" font-family="sans-serif" font-size="12" role="img" aria-labelledby="claims-chart-title">"#
    );
    let _ = writeln!(
        s,
        r#"<title id="claims-chart-title">Every check of every claim: measured (bar), ideal (tick), the bound (line) and the values the test rejects (band)</title>"#
    );
    let mut y = TOP;
    for r in reports {
        for (i, (check, value, verdict)) in r.checks().enumerate() {
            let ideal = check.ideal_here(r.cores);
            let scale = |b: f64| b * if check.per_core { r.cores as f64 } else { 1.0 };
            let (lo, hi) = (check.min.map(scale), check.max.map(scale));
            let top = [Some(value), ideal, lo, hi]
                .into_iter()
                .flatten()
                .fold(0.0_f64, f64::max);
            let top = if top > 0.0 { top * 1.15 } else { 1.0 };
            let x = |v: f64| LABELS + plot * (v / top).clamp(0.0, 1.0);
            let label = if r.claim.check.len() > 1 {
                format!("{} ({})", r.claim.id, i + 1)
            } else {
                r.claim.id.clone()
            };
            let (class, colour) = match verdict {
                Verdict::Pass => ("pass", "#2f7d32"),
                Verdict::Refuted(_) => ("refuted", "#c0392b"),
                Verdict::Unmeasured(_) => ("unmeasured", "#7f8c8d"),
                Verdict::Skipped(_) => ("skipped", "#7f8c8d"),
            };
            let result = verdict.text();
            let _ = writeln!(
                s,
                r#"<g class="check {class}" data-claim="{}">"#,
                escape(&r.claim.id)
            );
            let _ = writeln!(
                s,
                r#"<text x="0" y="{:.1}" fill="currentColor"><title>{}</title>{}</text>"#,
                y + BAR - 2.0,
                escape(&check.measure),
                escape(&label)
            );
            // The measurement, then the values the test rejects over it: a
            // pale band, outlined, and the bound as a line across the bar's
            // row, so a bar that reaches into the band shows where.
            let _ = writeln!(
                s,
                r#"<rect class="measured" x="{LABELS:.1}" y="{y:.1}" width="{:.1}" height="{BAR}" fill="{colour}"><title>{}: measured {}, ideal {}, asserted {}: {}</title></rect>"#,
                (x(value) - LABELS).max(1.0),
                escape(&check.measure),
                escape(&check.fmt(value)),
                escape(&check.ideal_text(r.cores)),
                escape(&check.bound_text(r.cores)),
                escape(&result)
            );
            let tip = format!(
                "{}: the test fails here (asserted {})",
                escape(&r.claim.id),
                escape(&check.bound_text(r.cores))
            );
            let band = |from: f64, to: f64, bound: f64| {
                let (bx, width) = (x(from), (x(to) - x(from)).max(0.0));
                let (top, height) = (y - 3.0, BAR + 6.0);
                let (bound, y1, y2) = (x(bound), y - 5.0, y + BAR + 5.0);
                format!(
                    r##"<rect class="rejected" x="{bx:.1}" y="{top:.1}" width="{width:.1}" height="{height:.1}" fill="#c0392b" fill-opacity="0.15" stroke="#c0392b" stroke-width="1" stroke-dasharray="3 2"><title>{tip}</title></rect>
<line class="bound" x1="{bound:.1}" y1="{y1:.1}" x2="{bound:.1}" y2="{y2:.1}" stroke="#c0392b" stroke-width="3"><title>{tip}</title></line>"##
                )
            };
            if let Some(lo) = lo {
                let _ = writeln!(s, "{}", band(0.0, lo, lo));
            }
            if let Some(hi) = hi {
                let _ = writeln!(s, "{}", band(hi, top, hi));
            }
            // The number and the verdict, in a column of their own.
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}" fill="currentColor"><tspan font-weight="bold">{}</tspan> <tspan class="verdict" fill="{colour}">{}</tspan></text>"#,
                WIDTH - RIGHT + 16.0,
                y + BAR - 2.0,
                escape(&check.fmt(value)),
                escape(verdict.word())
            );
            // The ideal.
            if let Some(ideal) = ideal {
                let _ = writeln!(
                    s,
                    r#"<line class="ideal" x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}" stroke="currentColor" stroke-width="2.5"><title>ideal {3}: {4}</title></line>"#,
                    x(ideal),
                    y - 4.0,
                    y + BAR + 4.0,
                    escape(&check.ideal_text(r.cores)),
                    escape(&check.why_ideal)
                );
            }
            s += "</g>\n";
            y += ROW;
        }
    }
    // Legend.
    let _ = writeln!(
        s,
        r##"<g class="legend"><rect class="legend-measured" x="{LABELS}" y="{:.1}" width="20" height="10" fill="#2f7d32"/><text x="{:.1}" y="{:.1}" font-size="11" fill="currentColor">measured</text>"##,
        y + 4.0,
        LABELS + 26.0,
        y + 13.0
    );
    let _ = writeln!(
        s,
        r#"<line class="legend-ideal" x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}" stroke="currentColor" stroke-width="2.5"/><text x="{3:.1}" y="{4:.1}" font-size="11" fill="currentColor">ideal</text>"#,
        LABELS + 110.0,
        y + 1.0,
        y + 17.0,
        LABELS + 118.0,
        y + 13.0
    );
    let _ = writeln!(
        s,
        r##"<rect class="rejected legend-rejected" x="{0:.1}" y="{1:.1}" width="24" height="14" fill="#c0392b" fill-opacity="0.15" stroke="#c0392b" stroke-width="1" stroke-dasharray="3 2"/><line class="bound legend-bound" x1="{0:.1}" y1="{2:.1}" x2="{0:.1}" y2="{3:.1}" stroke="#c0392b" stroke-width="3"/><text x="{4:.1}" y="{5:.1}" font-size="11" fill="currentColor">the bound, and the values where the test fails</text></g>"##,
        LABELS + 170.0,
        y + 2.0,
        y + 0.0,
        y + 18.0,
        LABELS + 200.0,
        y + 13.0
    );
    s += "</svg>\n";
    let _ = writeln!(
        s,
        "<figcaption>Every check, measured on {}. Each row has its own scale, from 0 to a little past the largest of its numbers. The table below gives the same numbers<span class=\"hover-only\">, and so does the tooltip of each bar, tick and band</span>.</figcaption>",
        escape(machine)
    );
    s += "</figure>\n";
    debug_assert!(!s.contains("\n\n"));
    s
}
