//! The book keeps its promise: every listing is shown and tested, every Rust
//! block on a page is tested by some layer, every claim is on its page, and
//! every written chapter ends with a quiz.
mod book;

use book::{blocks, claims, folklore, root, skeptic_tests};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn rel(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().display().to_string()
}

/// Chapters: every page under src/, without the generated figures, the quiz
/// front end mdbook-quiz copies in, and SUMMARY.md.
fn chapters() -> BTreeMap<String, String> {
    let mut md = Vec::new();
    files(&root().join("src"), "md", &mut md);
    md.into_iter()
        .map(|p| (rel(&p), fs::read_to_string(&p).unwrap()))
        .filter(|(p, _)| {
            !p.starts_with("src/measured/") && !p.starts_with("src/quiz/") && p != "src/SUMMARY.md"
        })
        .collect()
}

/// Listings under listings/, as paths relative to it, without lib.rs and
/// bin/ (the program the worker processes run, which no page shows).
fn listings() -> Vec<String> {
    let mut rs = Vec::new();
    files(&root().join("listings"), "rs", &mut rs);
    let mut out: Vec<String> = rs
        .iter()
        .map(|p| rel(p).trim_start_matches("listings/").to_owned())
        // Not listings: the crate's root, the workers' program, and the
        // trybuild test of the listings that must not compile.
        .filter(|p| {
            p != "lib.rs" && !p.starts_with("bin/") && !p.starts_with("compile_fail/tests/")
        })
        .collect();
    out.sort();
    out
}

/// The files a page pulls in with {{#include ...}} or {{#rustdoc_include ...}},
/// relative to the repository root.
fn includes(page: &str, text: &str) -> Vec<String> {
    let dir = Path::new(page).parent().unwrap();
    let mut out = Vec::new();
    for kind in ["{{#include ", "{{#rustdoc_include "] {
        for (at, _) in text.match_indices(kind) {
            let rest = &text[at + kind.len()..];
            let target = rest[..rest.find("}}").unwrap()].trim();
            let file = target.split(':').next().unwrap();
            out.push(normalize(&dir.join(file)));
        }
    }
    out
}

fn normalize(path: &Path) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in path.to_str().unwrap().split('/') {
        match c {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            c => parts.push(c),
        }
    }
    parts.join("/")
}

#[test]
fn every_listing_is_part_of_the_crate() {
    // Walk listings/lib.rs: `mod a { mod b; }` declares listings/a/b.rs.
    let lib = fs::read_to_string(root().join("listings/lib.rs")).unwrap();
    let mut path: Vec<String> = Vec::new();
    let mut declared = BTreeSet::new();
    for line in lib.lines().map(str::trim) {
        let decl = line.trim_start_matches("pub ");
        if let Some(name) = decl.strip_prefix("mod ") {
            if let Some(name) = name.strip_suffix(" {") {
                path.push(name.to_owned());
            } else if let Some(name) = name.strip_suffix(';') {
                let mut p = path.clone();
                p.push(name.to_owned());
                declared.insert(format!("{}.rs", p.join("/")));
            }
        } else if line == "}" {
            path.pop();
        }
    }
    let missing: Vec<_> = listings()
        .into_iter()
        .filter(|l| !l.starts_with("compile_fail/") && !declared.contains(l))
        .collect();
    assert!(
        missing.is_empty(),
        "listings not declared in listings/lib.rs, so never compiled: {missing:?}"
    );
}

#[test]
fn every_listing_is_shown_by_a_chapter() {
    let shown: BTreeSet<String> = blocks().into_iter().flat_map(|b| b.includes).collect();
    let unshown: Vec<_> = listings()
        .into_iter()
        .filter(|l| !shown.contains(&format!("listings/{l}")))
        .collect();
    assert!(unshown.is_empty(), "listings no chapter shows: {unshown:?}");
}

#[test]
fn what_must_not_compile_is_shown_with_its_recorded_message() {
    let mut shown_failing = BTreeSet::new();
    let mut shown_messages = BTreeSet::new();
    for block in blocks() {
        if block.info.iter().any(|t| t == "compile_fail") {
            assert!(
                block.includes.len() == 1
                    && block.includes[0].starts_with("listings/compile_fail/")
                    && block.page_lines == 1,
                "{}:{}: a compile_fail block must be exactly one include of \
                 a file in listings/compile_fail/, which trybuild tests",
                block.page,
                block.line
            );
            shown_failing.insert(block.includes[0].clone());
        }
        shown_messages.extend(
            block
                .includes
                .into_iter()
                .filter(|i| i.ends_with(".stderr")),
        );
    }
    for listing in listings().iter().filter(|l| l.starts_with("compile_fail/")) {
        let rs = format!("listings/{listing}");
        let stderr = rs.replace(".rs", ".stderr");
        assert!(
            root().join(&stderr).exists(),
            "{rs} has no recorded message {stderr} (cargo xtask stderr)"
        );
        assert!(
            shown_failing.contains(&rs),
            "{rs} is not shown in a ```rust,compile_fail block"
        );
        assert!(
            shown_messages.contains(&stderr),
            "{stderr}, the compiler's message, is not shown by any chapter"
        );
    }
}

#[test]
fn every_rust_block_on_a_page_is_tested() {
    // name -> is it #[ignore]d?
    let tests: BTreeMap<String, bool> = skeptic_tests().into_iter().collect();
    let mut problems = Vec::new();
    let blocks = blocks();
    for block in &blocks {
        let at = format!("{}:{}", block.page, block.line);
        let Some(lang) = block.info.first() else {
            problems.push(format!("{at}: a code block without a language"));
            continue;
        };
        if lang != "rust" || block.info.iter().any(|t| t == "compile_fail") {
            continue;
        }
        match block.test.as_ref().map(|name| (name, tests.get(name))) {
            None => problems.push(format!("{at}: build.rs gave it no skeptic test")),
            Some((name, None)) => problems.push(format!("{at}: no skeptic test `{name}`")),
            Some((name, Some(true))) => {
                problems.push(format!("{at}: its test `{name}` is ignored"))
            }
            Some((_, Some(false))) => {}
        }
    }
    // Every page with a fence is in the list: a page build.rs left out
    // would have none of its blocks tested.
    let listed: BTreeSet<&str> = blocks.iter().map(|b| b.page.as_str()).collect();
    for (page, text) in &chapters() {
        if text.contains("\n```") && !listed.contains(page.as_str()) {
            problems.push(format!("{page}: build.rs listed none of its blocks"));
        }
    }
    assert!(
        problems.is_empty(),
        "Rust blocks no layer tests:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_claim_is_shown_in_its_chapter_and_the_appendix() {
    let chapters = chapters();
    let appendix = fs::read_to_string(root().join("src/appendix-claims.md")).unwrap();
    let regenerate = "regenerate with `cargo xtask measure`";
    let claims = claims();
    for claim in &claims {
        let page = format!("src/{}", claim.chapter);
        let text = chapters
            .get(&page)
            .unwrap_or_else(|| panic!("claim {}: no chapter {page}", claim.id));
        assert!(
            text.contains(&format!("{{{{#include measured/{}.md}}}}", claim.id)),
            "claim {}: {page} does not show its figures ({{{{#include measured/{}.md}}}})",
            claim.id,
            claim.id
        );
        assert!(
            root()
                .join(format!("src/measured/{}.md", claim.id))
                .exists(),
            "claim {}: src/measured/{}.md is missing; {regenerate}",
            claim.id,
            claim.id
        );
        assert!(
            appendix.contains(&format!("<a id=\"{}\"></a>{}", claim.id, claim.claim)),
            "claim {}: the appendix does not state it as the registry does; {regenerate}",
            claim.id
        );
        for check in &claim.check {
            assert!(
                appendix.contains(&check.measure),
                "claim {}: the appendix lacks the check `{}`; {regenerate}",
                claim.id,
                check.measure
            );
        }
    }
    let ids: BTreeSet<String> = claims.iter().map(|c| c.id.clone()).collect();
    for entry in fs::read_dir(root().join("src/measured")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        // A latency claim's percentiles are `<id>.percentiles.md`.
        let id = name
            .trim_end_matches(".md")
            .trim_end_matches(".percentiles");
        assert!(
            ids.contains(id),
            "src/measured/{name} belongs to no claim in tests/claims.toml; {regenerate}"
        );
    }
}

#[test]
fn every_rule_of_folklore_has_its_verdict_in_the_appendix() {
    let appendix = fs::read_to_string(root().join("src/appendix-folklore.md"))
        .expect("src/appendix-folklore.md: regenerate with `cargo xtask measure`");
    let rules = folklore();
    assert!(
        rules.len() >= 6,
        "the appendix states at least six rules, each with a verdict"
    );
    for rule in &rules {
        // The anchor stands before the heading, not in it: mdBook's
        // sidebar copies a heading into a link, and a link in a link is
        // an empty one (axe-core: link-name).
        let heading = format!(
            "<a id=\"{}\"></a>\n\n## \"{}\"",
            rule.id,
            rule.rule.trim_end_matches('.')
        );
        assert!(
            appendix.contains(&heading),
            "folklore {}: the appendix does not state it as the registry does; \
             regenerate with `cargo xtask measure`",
            rule.id
        );
        assert!(
            appendix.contains(&format!("**Verdict: {}.**", rule.verdict)),
            "folklore {}: the appendix does not give its verdict",
            rule.id
        );
        for id in &rule.claims {
            assert!(
                appendix.contains(&format!("[`{id}`](appendix-claims.md#{id}) (pass)")),
                "folklore {}: claim {id} does not back it with a pass in the appendix",
                rule.id
            );
        }
    }
}

/// (title, file) of each entry of SUMMARY.md; file is "" for a draft.
fn summary() -> Vec<(String, String)> {
    let text = fs::read_to_string(root().join("src/SUMMARY.md")).unwrap();
    text.lines()
        .filter_map(|l| {
            let open = l.find('[')?;
            let close = l.find("](")?;
            let end = l[close..].find(')')? + close;
            Some((l[open + 1..close].to_owned(), l[close + 2..end].to_owned()))
        })
        .collect()
}

/// The pages src/SUMMARY.md links to, as `src/<file>`.
fn summary_pages() -> BTreeSet<String> {
    summary()
        .into_iter()
        .filter(|(_, f)| !f.is_empty())
        .map(|(_, f)| format!("src/{f}"))
        .collect()
}

#[test]
fn every_page_is_in_the_table_of_contents() {
    let listed = summary_pages();
    for page in chapters().keys() {
        assert!(
            listed.contains(page),
            "{page} is not in src/SUMMARY.md, so no reader can reach it"
        );
    }
}

#[test]
fn every_link_between_pages_leads_somewhere() {
    let written = summary_pages();
    let mut dead = Vec::new();
    let mut anchors: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (page, text) in &chapters() {
        let dir = Path::new(page).parent().unwrap();
        let mut in_code = false;
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            for (at, _) in line.match_indices("](") {
                let rest = &line[at + 2..];
                let target = &rest[..rest.find(')').unwrap_or(rest.len())];
                let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let path = if file.is_empty() {
                    page.clone()
                } else {
                    normalize(&dir.join(file))
                };
                let ok = if path.ends_with(".md") {
                    written.contains(&path)
                } else {
                    root().join(&path).exists()
                };
                if !ok {
                    dead.push(format!("{page}:{}: ({target})", i + 1));
                } else if !anchor.is_empty() && path.ends_with(".md") {
                    let ids = anchors
                        .entry(path.clone())
                        .or_insert_with(|| page_anchors(&path));
                    if !ids.contains(anchor) {
                        let generated = if path == "src/appendix-claims.md" {
                            "; regenerate it with `cargo xtask measure`"
                        } else {
                            ""
                        };
                        dead.push(format!(
                            "{page}:{}: ({target}): {path} has no anchor `{anchor}`{generated}",
                            i + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        dead.is_empty(),
        "links to pages that are not written, or to anchors that a page does not \
         have (mdBook makes an anchor of every heading and glossary term):\n{}",
        dead.join("\n")
    );
}

/// mdBook 0.5.4's id for a heading or a definition-list term
/// (`id_from_content` in mdbook-html): its text, lower case, spaces to `-`,
/// only letters, digits, `_` and `-` kept.
fn id_from_content(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The text of a Markdown heading or term as rendered: code spans keep their
/// text, links keep their words, emphasis marks go.
fn rendered_text(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(at) = rest.find("](") {
        let close = rest[at..].find(')').map_or(rest.len(), |e| at + e + 1);
        out.push_str(&rest[..at]);
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.replace(['`', '*', '['], "")
}

/// Every anchor a page has once mdBook has rendered it: the ids of its
/// headings and of the terms of its definition lists (made unique with
/// `-1`, `-2`, ... in page order, as mdBook does), explicit `{#id}`
/// heading attributes, and `id="..."` in its HTML and in the files it
/// includes (a claim's figures, a timeline).
fn page_anchors(page: &str) -> BTreeSet<String> {
    let text = fs::read_to_string(root().join(page)).unwrap_or_default();
    let mut html = text.clone();
    for file in includes(page, &text) {
        if !file.ends_with(".rs") {
            html += &fs::read_to_string(root().join(&file)).unwrap_or_default();
        }
    }
    let mut ids = BTreeSet::new();
    for (at, _) in html.match_indices(" id=\"") {
        let rest = &html[at + 5..];
        ids.insert(rest[..rest.find('"').unwrap_or(0)].to_owned());
    }
    let mut made = BTreeSet::new();
    let mut in_code = false;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if t.starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        let heading = t.starts_with('#') && t.trim_start_matches('#').starts_with(' ');
        let term = !t.is_empty()
            && !t.starts_with(':')
            && lines.get(i + 1).is_some_and(|n| n.starts_with(": "));
        if !heading && !term {
            continue;
        }
        let content = t.trim_start_matches('#').trim();
        if let Some(open) = content.rfind("{#")
            && content.ends_with('}')
        {
            ids.insert(content[open + 2..content.len() - 1].to_owned());
            continue;
        }
        let id = id_from_content(&rendered_text(content));
        let mut unique = id.clone();
        let mut n = 0;
        while !made.insert(unique.clone()) {
            n += 1;
            unique = format!("{id}-{n}");
        }
        ids.insert(unique);
    }
    ids
}

#[test]
fn no_draft_chapter_remains() {
    let drafts: Vec<String> = summary()
        .into_iter()
        .filter(|(_, f)| f.is_empty())
        .map(|(t, _)| t)
        .collect();
    assert!(
        drafts.is_empty(),
        "draft chapters in src/SUMMARY.md: {drafts:?}"
    );
}

#[derive(serde::Deserialize)]
struct Quiz {
    questions: Vec<toml::Table>,
}

/// The numbered chapters, (title, page, text), the page as `src/<file>`:
/// the list items of SUMMARY.md. The introduction and the back matter
/// (appendix, glossary, references) are not numbered.
fn numbered_chapters() -> Vec<(String, String, String)> {
    let summary_md = fs::read_to_string(root().join("src/SUMMARY.md")).unwrap();
    let numbered: BTreeSet<&str> = summary_md
        .lines()
        .filter(|l| l.trim_start().starts_with("- ["))
        .filter_map(|l| l.split("](").nth(1)?.split(')').next())
        .collect();
    let mut chapters = chapters();
    summary()
        .into_iter()
        .filter(|(_, file)| !file.is_empty() && numbered.contains(file.as_str()))
        .map(|(title, file)| {
            let page = format!("src/{file}");
            let text = chapters.remove(&page).unwrap();
            (title, page, text)
        })
        .collect()
}

#[test]
fn every_written_chapter_ends_with_a_quiz() {
    for (title, page, text) in numbered_chapters() {
        let quiz = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("{{#quiz ")?.strip_suffix("}}"))
            .unwrap_or_else(|| panic!("{page} ({title}) has no {{{{#quiz ...}}}}"));
        let path = root().join("src").join(quiz.trim());
        let quiz: Quiz = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let kinds: Vec<&str> = quiz
            .questions
            .iter()
            .map(|q| q["type"].as_str().unwrap())
            .collect();
        assert!(
            kinds.len() >= 4,
            "{}: {} questions, want at least 4",
            path.display(),
            kinds.len()
        );
        assert!(
            kinds.contains(&"Tracing"),
            "{}: no Tracing question",
            path.display()
        );
        for q in &quiz.questions {
            // Without an id, mdbook-quiz writes one into the file at every build.
            assert!(
                q.contains_key("id"),
                "{}: a question without an id",
                path.display()
            );
        }
    }
}

#[test]
fn every_written_chapter_has_exercises_with_hidden_tests() {
    for (title, page, text) in numbered_chapters() {
        let section = text
            .split("\n## Exercises\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{page} ({title}) has no `## Exercises` section"));
        let section = section.split("\n## ").next().unwrap();
        // Every listing the section includes that is an exercise file: the
        // starter and the solution come from it, and so do its hidden tests.
        let files: BTreeSet<&str> = section
            .split("../listings/")
            .skip(1)
            .filter_map(|rest| rest.split(':').next())
            .filter(|path| path.contains("/exercise_") && path.ends_with(".rs"))
            .collect();
        assert!(
            !files.is_empty(),
            "{page}: its Exercises section shows no listings/<module>/exercise_*.rs"
        );
        for f in files {
            let src = fs::read_to_string(root().join("listings").join(f))
                .unwrap_or_else(|e| panic!("{page}: listings/{f}: {e}"));
            assert!(
                src.contains("#[test]") || src.contains("#[tokio::test"),
                "listings/{f} (an exercise of {page}) has no test: \
                 an exercise's file holds its solution and the hidden tests that check it"
            );
            for needed in ["ANCHOR: solution", "mod tests"] {
                assert!(
                    src.contains(needed),
                    "listings/{f} (an exercise of {page}) has no `{needed}`: \
                     an exercise's file holds its solution and the hidden tests that check it"
                );
            }
        }
    }
}

/// The ```text blocks that are not a run's output included from its file,
/// each with its reason, by page and first line.
const TYPED_TEXT: &[(&str, &str, &str)] = &[
    (
        "src/threads.md",
        "thread '<unnamed>' (",
        "the panic's report on standard error, whose thread id varies; tests/chapters/threads.rs \
         asserts the message the listing panics with",
    ),
    (
        "src/distributed.md",
        "WORD_COUNT_PROCESS=0",
        "a command for the reader to type, not output",
    ),
];

/// What a program printed is never typed into a page: each ```text block is
/// one include, of a compiler message that trybuild checks (`.stderr`) or
/// of a run's output that `cargo xtask outputs` wrote
/// (`listings/outputs.toml`), unless `TYPED_TEXT` gives its reason.
#[test]
fn output_on_a_page_comes_from_a_run() {
    let manifest: BTreeSet<String> = harness_outputs().into_iter().collect();
    let mut typed = Vec::new();
    let mut excused = BTreeSet::new();
    for block in blocks() {
        if block.info.first().map(String::as_str) != Some("text") {
            continue;
        }
        let from_run = block.page_lines == 1
            && block.includes.len() == 1
            && (block.includes[0].ends_with(".stderr") || manifest.contains(&block.includes[0]));
        if from_run {
            continue;
        }
        let page = fs::read_to_string(root().join(&block.page)).unwrap();
        let first = page.lines().nth(block.line).unwrap_or("").to_owned();
        match TYPED_TEXT
            .iter()
            .find(|(p, start, _)| *p == block.page && first.starts_with(start))
        {
            Some(&(_, start, _)) => {
                excused.insert(start);
            }
            None => typed.push(format!("{}:{}: {first}", block.page, block.line)),
        }
    }
    assert!(
        typed.is_empty(),
        "output typed into a page; include a file that `cargo xtask outputs` writes \
         (listings/outputs.toml) instead:\n{}",
        typed.join("\n")
    );
    let unused: Vec<_> = TYPED_TEXT
        .iter()
        .filter(|(_, start, _)| !excused.contains(start))
        .collect();
    assert!(unused.is_empty(), "exceptions no block needs: {unused:?}");
}

/// The output files `listings/outputs.toml` lists.
fn harness_outputs() -> Vec<String> {
    let text = fs::read_to_string(root().join("listings/outputs.toml")).unwrap();
    let manifest: toml::Value = toml::from_str(&text).unwrap();
    manifest["output"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["file"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_output_is_shown_and_every_listing_named_runs() {
    let shown: BTreeSet<String> = blocks().into_iter().flat_map(|b| b.includes).collect();
    let unshown: Vec<_> = harness_outputs()
        .into_iter()
        .filter(|f| !shown.contains(f))
        .collect();
    assert!(
        unshown.is_empty(),
        "outputs in listings/outputs.toml that no page shows: {unshown:?}"
    );
}

/// Words that put a measured result into prose, and the range of the
/// measured value each may describe (a speedup or a ratio, as the claim's
/// check measures it).
const SAYS: &[(&str, f64, f64)] = &[
    ("close to twice as fast", 1.8, 2.1),
    ("about twice as fast", 1.7, 2.3),
    ("in about half the time", 1.7, 2.3),
    ("tens of times", 10.0, 100.0),
    ("Tens of times", 10.0, 100.0),
    ("thousands of times", 1000.0, 100_000.0),
    ("many times slower", 3.0, f64::INFINITY),
    ("many times the", 3.0, f64::INFINITY),
    ("several times as fast", 2.5, 12.0),
    ("several times faster", 2.5, 12.0),
    ("several times slower", 2.5, 12.0),
    ("several times as much", 2.5, 12.0),
];

/// Each place a page uses words of `SAYS`: the page, the words as they
/// stand there (whitespace aside), and the claim and check (counted from 0)
/// whose figure they describe.
const WORDS: &[(&str, &str, &str, usize)] = &[
    (
        "src/async-tokio.md",
        "a parked thread's resident memory is tens of times a pending task's",
        "task-memory",
        0,
    ),
    (
        "src/appendix-folklore.md",
        "Tens of times, not orders of magnitude",
        "task-memory",
        0,
    ),
    (
        "src/appendix-folklore.md",
        "Tens of times, not orders of magnitude",
        "task-vs-thread-spawn",
        0,
    ),
    (
        "src/appendix-folklore.md",
        "tens of times, not the thousands",
        "task-memory",
        0,
    ),
    (
        "src/appendix-folklore.md",
        "tens of times, not the thousands",
        "task-vs-thread-spawn",
        0,
    ),
    (
        "src/data-parallel.md",
        "From cache the core adds several times as fast as it does from memory",
        "memory-bound",
        0,
    ),
    (
        "src/data-parallel.md",
        "it added several times as fast from cache as from memory",
        "memory-bound",
        0,
    ),
    (
        "src/choosing.md",
        "adding [several times slower from memory than from cache]",
        "memory-bound",
        0,
    ),
    (
        "src/message-passing.md",
        "several times faster than a queue behind a `Mutex`",
        "condvar-queue",
        0,
    ),
    (
        "src/threads.md",
        "costs microseconds, several times as much as a switch between tasks",
        "switch-cost",
        0,
    ),
    (
        "src/gil.md",
        "Rust threads counted primes about twice as fast as one",
        "cpu-threads",
        0,
    ),
    (
        "src/io-cpu.md",
        "the run ends in about half the time",
        "cpu-threads",
        0,
    ),
    (
        "src/io-cpu.md",
        "two threads counted primes about twice as fast as one",
        "cpu-threads",
        0,
    ),
    (
        "src/choosing.md",
        "counted primes [about twice as fast on two threads]",
        "cpu-threads",
        0,
    ),
    (
        "src/processes-threads.md",
        "counted primes on both cores of our machine, about twice as fast as on one",
        "cpu-threads",
        0,
    ),
    (
        "src/choosing.md",
        "two cores finish them in about half the time",
        "compute-as-tasks",
        0,
    ),
    (
        "src/threads.md",
        "finished both jobs in about half the time one thread needed",
        "unpinned-speedup",
        0,
    ),
    (
        "src/async-tokio.md",
        "ran 32 computing tasks close to twice as fast",
        "runtime-parallel",
        0,
    ),
    (
        "src/choosing.md",
        "a pool of 4 threads took [tens of times longer]",
        "io-clients",
        0,
    ),
    (
        "src/real-io.md",
        "a thread took [tens of times longer]",
        "task-vs-thread-spawn",
        0,
    ),
    (
        "src/real-io.md",
        "[many times the resident memory]",
        "task-memory",
        0,
    ),
    (
        "src/data-parallel.md",
        "a thread per 1 µs job was many times slower than one thread",
        "spawn-overhead",
        0,
    ),
    (
        "src/choosing.md",
        "a thousand tiny jobs made them [many times slower]",
        "spawn-overhead",
        0,
    ),
    (
        "src/choosing.md",
        "on x86-64 its stores are many times slower",
        "ordering-cost",
        0,
    ),
    (
        "src/shared-state.md",
        "a `SeqCst` store is many times slower than a `Release` store",
        "ordering-cost",
        0,
    ),
    (
        "src/data-parallel.md",
        "through a pipe took [thousands of times longer]",
        "process-data-cost",
        0,
    ),
];

/// The values a claim's figure shows, in the order of its checks: the bold
/// numbers of `src/measured/<id>.md`, which `cargo xtask measure` writes.
fn figure(id: &str) -> Vec<f64> {
    let text = fs::read_to_string(root().join(format!("src/measured/{id}.md")))
        .unwrap_or_else(|e| panic!("src/measured/{id}.md: {e}"));
    text.lines()
        .filter(|l| l.starts_with("- "))
        .filter_map(|l| {
            let start = l.find(": **")? + 4;
            let number: String = l[start..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            number.parse().ok()
        })
        .collect()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that describe a measured result agree with the figure beside them
/// (`SAYS`, `WORDS`), and no page uses such words where no figure holds
/// them.
#[test]
fn words_that_describe_a_result_agree_with_its_figure() {
    let pages = chapters();
    let mut wrong = Vec::new();
    for &(page, words, claim, check) in WORDS {
        let text = squeeze(&pages[page]);
        if !text.contains(words) {
            wrong.push(format!("{page}: no longer says \"{words}\""));
            continue;
        }
        let (said, low, high) = SAYS
            .iter()
            .find(|(said, ..)| words.contains(said))
            .unwrap_or_else(|| panic!("\"{words}\" uses none of the words of SAYS"));
        let value = figure(claim)[check];
        if !(*low..=*high).contains(&value) {
            wrong.push(format!(
                "{page}: \"{words}\", but the figure of {claim} shows {value} \
                 (\"{said}\" means {low} to {high})"
            ));
        }
    }
    // The appendix is written from the registry: its sentences are the
    // claims, which their bounds hold.
    for (page, text) in pages.iter().filter(|(p, _)| *p != "src/appendix-claims.md") {
        let text = squeeze(text);
        for (said, ..) in SAYS {
            for (at, _) in text.match_indices(said) {
                let held = WORDS.iter().any(|&(p, words, ..)| {
                    p == page
                        && text
                            .match_indices(words)
                            .any(|(w, _)| w <= at && at < w + words.len())
                });
                if !held {
                    let from = text[..at]
                        .char_indices()
                        .rev()
                        .nth(40)
                        .map_or(0, |(i, _)| i);
                    wrong.push(format!(
                        "{page}: \"...{}\" describes a result that no figure holds (add it to WORDS)",
                        &text[from..(at + said.len()).min(text.len())]
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
