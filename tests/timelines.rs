//! The book's generated figures. The timelines: the committed ones are
//! well-formed SVG with the lanes their figure promises, each is shown by
//! its chapter, and the generator, rerun now on the listings, still draws
//! those lanes. The appendix's chart: well-formed, a row per check of every
//! claim in the registry.
//!
//! This test runs without libtest (`harness = false` in Cargo.toml): the
//! task-line recorder reads what the listings print from the process's
//! standard output, which libtest's output capture would swallow. It takes
//! libtest's arguments that matter (a name filter, `--exact`, `--list`) and
//! prints its results in libtest's format.
use harness::registry::root;
use harness::timelines::{self, Figure, Kind, Lane, Panel, Span, record, svg};
use roxmltree::{Document, Node};
use std::fs;
use std::panic;
use std::time::Instant;

type Check = (&'static str, fn());

const CHECKS: &[Check] = &[
    (
        "committed_figures_are_well_formed_with_their_lanes",
        committed_figures_are_well_formed_with_their_lanes,
    ),
    (
        "every_figure_is_shown_by_its_chapter",
        every_figure_is_shown_by_its_chapter,
    ),
    (
        "task_lines_parse_as_the_chapter_shows_them",
        task_lines_parse_as_the_chapter_shows_them,
    ),
    (
        "the_renderer_escapes_and_stays_one_html_block",
        the_renderer_escapes_and_stays_one_html_block,
    ),
    (
        "the_recorder_keeps_a_lane_per_thread_of_calls",
        the_recorder_keeps_a_lane_per_thread_of_calls,
    ),
    (
        "the_recorder_traces_every_poll_of_a_task",
        the_recorder_traces_every_poll_of_a_task,
    ),
    (
        "on_cores_labels_threads_by_their_names",
        on_cores_labels_threads_by_their_names,
    ),
    (
        "the_appendix_chart_shows_every_check",
        the_appendix_chart_shows_every_check,
    ),
    (
        "the_chart_draws_pass_fail_and_skipped",
        the_chart_draws_pass_fail_and_skipped,
    ),
    (
        "a_fresh_run_draws_the_expected_lanes",
        a_fresh_run_draws_the_expected_lanes,
    ),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let exact = args.iter().any(|a| a == "--exact");
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let chosen: Vec<&Check> = CHECKS
        .iter()
        .filter(|(name, _)| {
            filters.is_empty()
                || filters.iter().any(|f| {
                    if exact {
                        name == f
                    } else {
                        name.contains(f.as_str())
                    }
                })
        })
        .collect();
    if args.iter().any(|a| a == "--list") {
        for (name, _) in &chosen {
            println!("{name}: test");
        }
        return;
    }
    let started = Instant::now();
    println!("\nrunning {} tests", chosen.len());
    let mut failed = Vec::new();
    for (name, check) in &chosen {
        match panic::catch_unwind(*check) {
            Ok(()) => println!("test {name} ... ok"),
            Err(_) => {
                println!("test {name} ... FAILED");
                failed.push(*name);
            }
        }
    }
    let verdict = if failed.is_empty() { "ok" } else { "FAILED" };
    println!(
        "\ntest result: {verdict}. {} passed; {} failed; 0 ignored; 0 measured; {} filtered out; finished in {:.2}s\n",
        chosen.len() - failed.len(),
        failed.len(),
        CHECKS.len() - chosen.len(),
        started.elapsed().as_secs_f64()
    );
    if !failed.is_empty() {
        std::process::exit(101);
    }
}

const REDRAW: &str = "redraw with `cargo xtask timelines`";

/// (panel, [lane]) as the SVG of a figure has them.
fn lanes_in(doc: &Document) -> Vec<(String, Vec<String>)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-panel").is_some())
        .map(|panel| {
            let lanes = panel
                .descendants()
                .filter_map(|n| n.attribute("data-lane"))
                .map(str::to_owned)
                .collect();
            (panel.attribute("data-panel").unwrap().to_owned(), lanes)
        })
        .collect()
}

fn expected(fig: &Figure) -> Vec<(String, Vec<String>)> {
    (fig.expect)()
        .into_iter()
        .map(|(p, l)| (p.to_owned(), l))
        .collect()
}

fn text_of(n: Node) -> String {
    n.descendants().filter_map(|d| d.text()).collect()
}

/// Well-formed, one figure holding one SVG and a caption naming the run,
/// the lanes the figure promises, and a tooltip on every bar.
fn check_figure(fig: &Figure, html: &str, what: &str) {
    assert!(
        !html.contains("\n\n"),
        "{what}: a blank line ends Markdown's HTML block; the figure would break apart"
    );
    let doc = Document::parse(html)
        .unwrap_or_else(|e| panic!("{what}: not well-formed XML: {e}; {REDRAW}"));
    let root = doc.root_element();
    assert!(
        root.has_tag_name("figure"),
        "{what}: the root is not <figure>"
    );
    assert_eq!(
        root.attribute("id"),
        Some(format!("figure-{}", fig.id).as_str()),
        "{what}: id"
    );
    let svgs: Vec<Node> = root
        .children()
        .filter(|n| n.tag_name().name() == "svg")
        .collect();
    assert_eq!(svgs.len(), 1, "{what}: one <svg> in the figure");
    assert_eq!(
        svgs[0].tag_name().namespace(),
        Some("http://www.w3.org/2000/svg"),
        "{what}: the SVG namespace"
    );
    assert_eq!(
        lanes_in(&doc),
        expected(fig),
        "{what}: panels and lanes; {REDRAW}"
    );

    let bars: Vec<Node> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("rect")
                && n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|c| c == "span"))
        })
        .collect();
    assert!(!bars.is_empty(), "{what}: no bars");
    for bar in &bars {
        let tip = bar
            .children()
            .find(|c| c.has_tag_name("title"))
            .map(text_of)
            .unwrap_or_default();
        assert!(!tip.is_empty(), "{what}: a bar without a <title> tooltip");
        assert!(
            tip.contains(" -> "),
            "{what}: tooltip `{tip}` does not give the bar's times"
        );
    }
    // The same times for a reader who cannot hover (touch, keyboard,
    // screen reader, paper): a table folded under the figure, a row a bar.
    let rows = root
        .children()
        .filter(|n| n.has_tag_name("details"))
        .flat_map(|d| d.descendants())
        .filter(|n| n.has_tag_name("tr") && n.children().any(|c| c.has_tag_name("td")))
        .count();
    assert_eq!(
        rows,
        bars.len(),
        "{what}: the table of times needs a row per bar; {REDRAW}"
    );
    assert_no_small_text(&doc, what);
    let caption = root
        .children()
        .find(|n| n.has_tag_name("figcaption"))
        .map(text_of)
        .unwrap_or_else(|| panic!("{what}: no <figcaption>"));
    assert!(
        !caption.to_lowercase().contains("hover"),
        "{what}: the caption asks readers to hover, which touch screens and paper cannot: `{caption}`"
    );
    assert!(
        caption.starts_with(&format!("Figure {}:", fig.number)),
        "{what}: the caption starts `{caption}`"
    );
    for listing in fig.listings {
        assert!(
            caption.contains(listing),
            "{what}: the caption does not name {listing}"
        );
    }
    assert!(
        caption.contains(" cores (") && caption.contains("rustc ") && caption.contains(" UTC"),
        "{what}: the caption does not name the machine and the run: `{caption}`"
    );
    assert!(
        caption.contains("cargo xtask timelines"),
        "{what}: the caption does not name the command that drew it"
    );
}

/// No text under 11 units: the book never draws a figure narrower than its
/// 720 units (theme/book.css), so every label renders at 11 px or more.
fn assert_no_small_text(doc: &Document, what: &str) {
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let size = n
            .ancestors()
            .find_map(|a| a.attribute("font-size"))
            .map_or(16.0, |s| s.parse::<f64>().unwrap());
        assert!(
            size >= 11.0,
            "{what}: text `{}` at font-size {size}, under 11",
            text_of(n)
        );
    }
}

fn committed_figures_are_well_formed_with_their_lanes() {
    for fig in timelines::all() {
        let path = format!("src/timelines/{}.html", fig.id);
        let html = fs::read_to_string(root().join(&path))
            .unwrap_or_else(|e| panic!("{path}: {e}; {REDRAW}"));
        // The lanes a figure has depend on the cores of the machine that
        // drew it, which its caption names ("2 cores (...)").
        let cores = html
            .split(" cores (")
            .next()
            .and_then(|before| before.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{path}: the caption names no core count; {REDRAW}"));
        harness::registry::drawn_on(cores, || check_figure(fig, &html, &path));
    }
}

fn every_figure_is_shown_by_its_chapter() {
    let mut ids = Vec::new();
    for fig in timelines::all() {
        assert!(!ids.contains(&fig.id), "figure {} is listed twice", fig.id);
        ids.push(fig.id);
        let page = format!("src/{}", fig.chapter);
        let text = fs::read_to_string(root().join(&page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        let include = format!("{{{{#include timelines/{}.html}}}}", fig.id);
        assert!(
            text.contains(&include),
            "figure {}: {page} does not show it ({include})",
            fig.id
        );
        for listing in fig.listings {
            assert!(
                root().join(listing).exists(),
                "figure {}: no listing {listing}",
                fig.id
            );
        }
    }
    let numbers: Vec<&str> = timelines::all().iter().map(|f| f.number).collect();
    for (i, n) in numbers.iter().enumerate() {
        assert!(!numbers[..i].contains(n), "two figures are numbered {n}");
    }
    for entry in fs::read_dir(root().join("src/timelines")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let id = name.trim_end_matches(".html");
        assert!(
            ids.contains(&id),
            "src/timelines/{name} belongs to no figure in harness/src/timelines/"
        );
    }
}

/// The recorder reads the lines the chapter shows as the listings' output
/// (the files of their runs, which chapter 1 includes): every `task N on
/// ThreadId(M): a ms -> b ms` line parses.
fn task_lines_parse_as_the_chapter_shows_them() {
    let text: String = ["sleep_sequential", "sleep_threads", "sleep_tokio"]
        .iter()
        .map(|name| {
            let file = format!("listings/sync_async/{name}.output.txt");
            let page = fs::read_to_string(root().join("src/sync-async.md")).unwrap();
            assert!(page.contains(&file), "chapter 1 no longer shows {file}");
            fs::read_to_string(root().join(file)).unwrap()
        })
        .collect();
    let shown: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("task ") && l.contains(" ms -> "))
        .collect();
    assert_eq!(shown.len(), 30, "chapter 1 shows three runs of ten tasks");
    for line in shown {
        let parsed = record::parse_task_line(line)
            .unwrap_or_else(|| panic!("the recorder cannot read `{line}`"));
        assert!(parsed.began_ms <= parsed.ended_ms, "{line}");
        assert!(parsed.thread.starts_with("ThreadId("), "{line}");
    }
    assert_eq!(
        record::parse_task_line("task 12 on ThreadId(3):   98 ms ->  199 ms"),
        Some(record::TaskLine {
            id: 12,
            thread: "ThreadId(3)".into(),
            began_ms: 98,
            ended_ms: 199
        })
    );
    assert_eq!(record::parse_task_line("10 tasks on 1 thread: 101ms"), None);
}

fn the_renderer_escapes_and_stays_one_html_block() {
    use std::time::Duration;
    let span = |a: u64, b: u64, kind| Span {
        start: Duration::from_millis(a),
        end: Duration::from_millis(b),
        kind,
        tip: "a <tip> & \"quotes\" -> end".into(),
    };
    let fig = Figure {
        id: "test-figure",
        chapter: "none.md",
        number: "0-1",
        caption: "A caption with <code>code</code> &amp; an ampersand.",
        listings: &["listings/none.rs"],
        draw: Vec::new,
        expect: || {
            vec![(
                "a <panel> & more",
                vec!["lane \"1\"".to_owned(), "lane 2".to_owned()],
            )]
        },
    };
    let panels = vec![Panel {
        name: "a <panel> & more".into(),
        wall: Duration::from_millis(250),
        lanes: vec![
            Lane {
                label: "lane \"1\"".into(),
                note: "ThreadId(<1>)".into(),
                color: 0,
                spans: vec![span(0, 100, Kind::Waiting), span(10, 90, Kind::Cpu)],
            },
            Lane {
                label: "lane 2".into(),
                note: String::new(),
                color: 11,
                spans: vec![span(100, 250, Kind::Cpu)],
            },
        ],
    }];
    let html = svg::figure(
        &fig,
        &panels,
        1,
        "2 cores (a <cpu>), rustc 1, 2026-01-01 00:00 UTC",
    );
    check_figure(&fig, &html, "a figure drawn from made-up spans");
}

fn a_fresh_run_draws_the_expected_lanes() {
    let machine = harness::machine::describe();
    for fig in timelines::all() {
        let panels = {
            let _alone = harness::timing::exclusive();
            (fig.draw)()
        };
        for panel in &panels {
            for lane in &panel.lanes {
                for s in &lane.spans {
                    assert!(
                        s.start <= s.end && s.end <= panel.end(),
                        "figure {}: {} / {}: span {:?}..{:?} outside the run",
                        fig.id,
                        panel.name,
                        lane.label,
                        s.start,
                        s.end
                    );
                }
            }
        }
        let html = svg::figure(fig, &panels, 1, &machine);
        check_figure(fig, &html, &format!("figure {} drawn now", fig.id));
    }
}

/// The chart's rows: (claim id, class) of every `<g class="check ...">`,
/// after checking each has a measured bar with a tooltip.
fn chart_rows(html: &str, what: &str) -> Vec<(String, String)> {
    let doc = Document::parse(html).unwrap_or_else(|e| panic!("{what}: not well-formed XML: {e}"));
    let root = doc.root_element();
    assert!(
        root.has_tag_name("figure") && root.attribute("id") == Some("claims-chart"),
        "{what}: not the claims chart's <figure>"
    );
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("data-claim").is_some())
        .map(|g| {
            let bar = g
                .children()
                .find(|n| n.has_tag_name("rect") && n.attribute("class") == Some("measured"))
                .unwrap_or_else(|| panic!("{what}: a row without a measured bar"));
            let tip = bar
                .children()
                .find(|c| c.has_tag_name("title"))
                .map(text_of);
            assert!(
                tip.is_some_and(|t| t.contains("measured") && t.contains("ideal")),
                "{what}: a bar without its numbers in a tooltip"
            );
            (
                g.attribute("data-claim").unwrap().to_owned(),
                g.attribute("class").unwrap().to_owned(),
            )
        })
        .collect()
}

fn the_appendix_chart_shows_every_check() {
    let regenerate = "regenerate with `cargo xtask measure`";
    let appendix = fs::read_to_string(root().join("src/appendix-claims.md")).unwrap();
    let start = appendix
        .find("<figure class=\"claims-chart\"")
        .unwrap_or_else(|| panic!("the appendix has no chart; {regenerate}"));
    let end = appendix[start..].find("</figure>").unwrap() + start + "</figure>".len();
    let rows = chart_rows(&appendix[start..end], "the appendix's chart");
    let registry = harness::registry::load();
    let want: Vec<String> = registry
        .claim
        .iter()
        .flat_map(|c| c.check.iter().map(|_| c.id.clone()))
        .collect();
    let got: Vec<String> = rows.into_iter().map(|(id, _)| id).collect();
    assert_eq!(got, want, "a row per check of every claim; {regenerate}");
}

fn the_chart_draws_pass_fail_and_skipped() {
    use harness::registry::Verdict;
    let registry = harness::registry::load();
    let claim = &registry.claim[0];
    let check = &claim.check[0];
    let report = |value: f64, verdict: Verdict| harness::Report {
        claim,
        cores: 2,
        values: vec![value; claim.check.len()],
        verdicts: claim.check.iter().map(|_| verdict.clone()).collect(),
        details: String::new(),
        latency: Vec::new(),
    };
    let ideal = check.ideal_here(2).unwrap_or(1.0);
    let reports = vec![
        report(ideal, Verdict::Pass),
        report(0.0, Verdict::Refuted("measured <0> & less".into())),
        report(
            ideal * 100.0,
            Verdict::Skipped("needs <4> cores & more".into()),
        ),
    ];
    let html = harness::chart::claims_chart(&reports, "a machine with <2> cores & a clock");
    assert!(
        !html.contains("\n\n"),
        "a blank line would end the HTML block"
    );
    assert_no_small_text(
        &Document::parse(&html).unwrap(),
        "a chart of made-up values",
    );
    // The bound is drawn over the bar, so a bar that reaches it shows it.
    let doc = Document::parse(&html).unwrap();
    for row in doc
        .descendants()
        .filter(|n| n.attribute("data-claim").is_some())
    {
        let kids: Vec<Node> = row.children().filter(Node::is_element).collect();
        let bar = kids
            .iter()
            .position(|n| n.attribute("class") == Some("measured"));
        let bounds: Vec<usize> = (0..kids.len())
            .filter(|&i| kids[i].attribute("class") == Some("bound"))
            .collect();
        assert!(!bounds.is_empty(), "a row without its bound");
        assert!(
            bounds.iter().all(|&b| Some(b) > bar),
            "a bound drawn under its bar"
        );
    }
    let caption = text_of(
        doc.descendants()
            .find(|n| n.has_tag_name("figcaption"))
            .unwrap(),
    );
    let hover_only: String = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("hover-only"))
        .map(text_of)
        .collect();
    assert!(
        !caption
            .replace(&hover_only, "")
            .to_lowercase()
            .contains("hover"),
        "the chart's caption asks every reader to hover: `{caption}`"
    );
    let classes: Vec<String> = chart_rows(&html, "a chart of made-up values")
        .into_iter()
        .map(|(_, class)| class)
        .collect();
    let n = claim.check.len();
    let mut want = Vec::new();
    for class in ["check pass", "check refuted", "check skipped"] {
        want.extend(std::iter::repeat_n(class.to_owned(), n));
    }
    assert_eq!(classes, want);
}

/// `Recorder`, for figures that drive a listing's functions one call at a
/// time: spans around real calls (chapter 2's `count_primes`) from two
/// threads land in a lane per name, in order, and draw as a figure.
fn the_recorder_keeps_a_lane_per_thread_of_calls() {
    use concurrency_measured::io_cpu::cpu_time::count_primes;
    let rec = record::Recorder::new();
    std::thread::scope(|s| {
        for lane in ["thread A", "thread B"] {
            let rec = &rec;
            s.spawn(move || {
                for job in 0..3 {
                    rec.span(lane, &format!("job {job}"), Kind::Cpu, || {
                        count_primes(5_000)
                    });
                }
            });
        }
    });
    let panel = rec.panel("two threads, three calls each");
    let mut names: Vec<&str> = panel.lanes.iter().map(|l| l.label.as_str()).collect();
    names.sort();
    assert_eq!(names, ["thread A", "thread B"]);
    for lane in &panel.lanes {
        assert_eq!(lane.spans.len(), 3, "{}", lane.label);
        for (i, pair) in lane.spans.windows(2).enumerate() {
            assert!(
                pair[0].end <= pair[1].start,
                "{}: call {i} ends after call {} starts",
                lane.label,
                i + 1
            );
        }
        for (i, span) in lane.spans.iter().enumerate() {
            assert!(
                span.tip.starts_with(&format!("{}: job {i}, ", lane.label)),
                "{}",
                span.tip
            );
            assert!(span.end <= panel.wall);
        }
    }
    let lanes: Vec<String> = panel.lanes.iter().map(|l| l.label.clone()).collect();
    let html = svg::figure(
        &Figure {
            id: "recorder",
            chapter: "none.md",
            number: "0-2",
            caption: "Calls recorded around a listing's function.",
            listings: &["listings/io_cpu/cpu_time.rs"],
            draw: Vec::new,
            expect: Vec::new,
        },
        std::slice::from_ref(&panel),
        1,
        "2 cores (test), rustc 1, 2026-01-01 00:00 UTC",
    );
    let doc = Document::parse(&html).expect("well-formed");
    assert_eq!(
        lanes_in(&doc),
        vec![("two threads, three calls each".to_owned(), lanes)]
    );
}

/// `Recorder::trace`, for figures of futures: each poll of a listing's task
/// (chapter 10's polite tasks, on chapter 10's executor) is a `Polled` span
/// that says what it returned, and the task's life one `Task` span; lanes
/// come in the order the futures were made, even if a later one is polled
/// first.
fn the_recorder_traces_every_poll_of_a_task() {
    use concurrency_measured::event_loop::cooperative::{polite, run};
    use std::sync::Arc;
    let rec = Arc::new(record::Recorder::new());
    let turns = run(|ex, log| {
        let a = rec.trace("A", polite("A", 2, log.clone()));
        let b = rec.trace("B", polite("B", 2, log.clone()));
        ex.spawn(b);
        ex.spawn(a);
    });
    assert_eq!(turns, ["B 0", "A 0", "B 1", "A 1"]);
    let panel = Arc::into_inner(rec).unwrap().panel("two polite tasks");
    let names: Vec<&str> = panel.lanes.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(names, ["A", "B"]);
    for lane in &panel.lanes {
        let polls: Vec<&Span> = lane
            .spans
            .iter()
            .filter(|s| s.kind == Kind::Polled)
            .collect();
        // Two rounds, each ending in a yield, then the poll that finishes it.
        assert_eq!(polls.len(), 3, "{}", lane.label);
        for (i, p) in polls.iter().enumerate() {
            let outcome = if i == 2 { "Ready" } else { "Pending" };
            assert!(
                p.tip
                    .starts_with(&format!("{}: poll {}, ", lane.label, i + 1))
                    && p.tip.ends_with(&format!("returned {outcome}")),
                "{}",
                p.tip
            );
        }
        let life: Vec<&Span> = lane.spans.iter().filter(|s| s.kind == Kind::Task).collect();
        assert_eq!(life.len(), 1, "{}", lane.label);
        assert_eq!((life[0].start, life[0].end), (polls[0].start, polls[2].end));
    }
}

/// `on_cores` names a lane after the thread's own name when it has one no
/// other thread of the run shares, and otherwise "thread N" with the name,
/// if any, as the note; a thread given no name does not take the
/// process's.
fn on_cores_labels_threads_by_their_names() {
    use std::thread;
    let spin = || {
        let t = std::time::Instant::now();
        while t.elapsed() < std::time::Duration::from_millis(50) {
            std::hint::spin_loop();
        }
    };
    let panel = record::on_cores("named threads", || {
        thread::scope(|s| {
            thread::Builder::new()
                .name("alone".into())
                .spawn_scoped(s, spin)
                .unwrap()
                .join()
                .unwrap();
            for _ in 0..2 {
                thread::Builder::new()
                    .name("twin".into())
                    .spawn_scoped(s, spin)
                    .unwrap()
                    .join()
                    .unwrap();
            }
            s.spawn(spin).join().unwrap();
        });
    });
    let lanes: Vec<(&str, &str)> = panel
        .lanes
        .iter()
        .map(|l| (l.label.as_str(), l.note.as_str()))
        .collect();
    assert_eq!(
        lanes,
        [
            ("calling thread", ""),
            ("alone", ""),
            ("thread 2", "twin"),
            ("thread 3", "twin"),
            ("thread 4", ""),
        ]
    );
}
