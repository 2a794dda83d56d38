//! The decision guide of "Choosing a model": the table in
//! `listings/choosing/decision_tree.rs` is a tree that states the notes'
//! rules for Rust, and the page's interactive helper follows that same
//! table. The helper's data (`theme/decision-tree.js`) and the browser
//! test's expected answers (`tests/browser/decision-paths.json`) are
//! generated from the listing (`harness::decision_tree`); this test fails
//! when either is stale. Regenerate both with `cargo xtask decision-tree`.
use concurrency_measured::choosing::decision_tree::{
    CHOICES, Choice, FIRST, Next, QUESTIONS, decide, paths, question,
};
use concurrency_measured::choosing::{fs_on_a_pool, one_request, tokio_with_rayon};
use harness::registry::root;
use std::collections::BTreeSet;
use std::fs;

/// The answers whose texts start with these words, from the first question.
fn answer(words: &[&str]) -> Result<&'static Choice, String> {
    let mut asked = FIRST;
    let mut picked = Vec::new();
    for w in words {
        let q = question(asked);
        let a = q
            .answers
            .iter()
            .position(|(text, _)| text.starts_with(w))
            .unwrap_or_else(|| panic!("question `{asked}` has no answer starting `{w}`"));
        picked.push(a);
        if let Next::Ask(id) = q.answers[a].1 {
            asked = id;
        }
    }
    decide(&picked)
}

#[test]
fn the_table_is_a_tree_that_uses_every_question_and_choice() {
    let questions: BTreeSet<&str> = QUESTIONS.iter().map(|q| q.id).collect();
    let choices: BTreeSet<&str> = CHOICES.iter().map(|c| c.id).collect();
    assert_eq!(
        questions.len(),
        QUESTIONS.len(),
        "a question id is used twice"
    );
    assert_eq!(choices.len(), CHOICES.len(), "a choice id is used twice");
    assert!(questions.contains(FIRST));
    // Walk from the first question; a question met twice would be a cycle
    // or two paths into one question, and the helper's "start over" trail
    // assumes a tree.
    let mut seen_q = BTreeSet::new();
    let mut seen_c = BTreeSet::new();
    let mut todo = vec![FIRST];
    while let Some(id) = todo.pop() {
        assert!(
            questions.contains(id),
            "an answer leads to no question `{id}`"
        );
        assert!(seen_q.insert(id), "question `{id}` is reached twice");
        let q = question(id);
        assert!(q.answers.len() >= 2, "question `{id}` offers no choice");
        for (_, next) in q.answers {
            match *next {
                Next::Ask(q) => todo.push(q),
                Next::Use(c) => {
                    assert!(choices.contains(c), "an answer leads to no choice `{c}`");
                    seen_c.insert(c);
                }
            }
        }
    }
    assert_eq!(seen_q, questions, "questions no path reaches");
    assert_eq!(seen_c, choices, "choices no path reaches");
}

/// The notes' rule, as the chapter states it for Rust.
#[test]
fn decide_gives_the_rules_the_chapter_states() {
    let id = |words: &[&str]| answer(words).unwrap().id;
    assert_eq!(id(&["I have not measured"]), "measure");
    // CPU-bound: threads or rayon; processes only for isolation.
    assert_eq!(id(&["Computing", "Many items"]), "rayon");
    assert_eq!(id(&["Computing", "A few long jobs"]), "threads-per-core");
    assert_eq!(id(&["Computing", "A separate program"]), "processes");
    // Tiny jobs that arrive one by one: a pool, not a thread each.
    assert_eq!(id(&["Computing", "Thousands of tiny jobs"]), "pool");
    // I/O-bound: a few plain waits -> a thread each; thousands of waits,
    // long or short, or waits that must be cut short -> tokio.
    assert_eq!(id(&["Waiting", "A few", "No"]), "thread-per-wait");
    assert_eq!(id(&["Waiting", "A few", "Yes"]), "tokio");
    assert_eq!(id(&["Waiting", "Thousands"]), "tokio");
    // Computing never leads to async tasks or to a thread per wait, and
    // waiting never to a pool of a few threads: each of those threads
    // waits for one answer at a time (the claim io-clients).
    for (answers, c) in paths() {
        let banned: &[&str] = match answers[0] {
            0 => &["tokio", "thread-per-wait"],
            1 => &["pool", "rayon", "threads-per-core", "processes"],
            _ => &[],
        };
        assert!(!banned.contains(&c.id), "{answers:?} leads to {}", c.id);
    }
}

#[test]
fn decide_rejects_unfinished_and_impossible_answers() {
    assert!(decide(&[]).is_err());
    assert!(decide(&[0]).is_err(), "one answer is not a decision yet");
    assert!(decide(&[9]).is_err());
    assert!(decide(&[2, 0]).is_err(), "answers after a choice");
    assert_eq!(paths().len(), 8, "eight paths lead through the table");
}

#[test]
fn every_chapter_a_choice_names_is_in_the_table_of_contents() {
    let summary = fs::read_to_string(root().join("src/SUMMARY.md")).unwrap();
    for c in CHOICES {
        assert!(!c.chapters.is_empty(), "choice `{}` names no chapter", c.id);
        for title in c.chapters {
            assert!(
                summary.contains(&format!("[{title}]")),
                "choice `{}` names `{title}`, which is no chapter in src/SUMMARY.md",
                c.id
            );
        }
    }
}

#[test]
fn the_helper_and_the_browser_test_follow_the_listing() {
    for (path, want) in harness::decision_tree::files() {
        let have = fs::read_to_string(root().join(path)).unwrap_or_default();
        assert!(
            have == want,
            "{path} does not follow listings/choosing/decision_tree.rs; \
             regenerate with `cargo xtask decision-tree`"
        );
    }
}

#[test]
fn one_blocking_request_gets_the_servers_answer() {
    let (addr, server) = one_request::serve_once();
    let response = one_request::get(addr, "/7");
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response:?}");
    assert!(response.ends_with("\r\n\r\nresource 7"), "{response:?}");
    server.join().unwrap();
}

#[test]
fn tokio_fs_reads_on_pool_threads_and_std_fs_starts_none() {
    let dir = std::env::temp_dir();
    let paths: Vec<_> = (0..4)
        .map(|i| dir.join(format!("choosing-test-{}-{i}.txt", std::process::id())))
        .collect();
    for (i, path) in paths.iter().enumerate() {
        fs::write(path, format!("file {i}")).unwrap();
    }
    let want: Vec<Vec<u8>> = (0..4).map(|i| format!("file {i}").into_bytes()).collect();
    let (contents, started) = fs_on_a_pool::read_all(&paths, false);
    assert_eq!(contents, want);
    assert!(started.is_empty(), "std::fs started threads: {started:?}");
    let (contents, started) = fs_on_a_pool::read_all(&paths, true);
    assert_eq!(contents, want);
    // A one-thread runtime starts threads only for its blocking pool.
    assert!(!started.is_empty(), "tokio::fs started no thread");
    assert!(started.len() <= 4, "more threads than reads: {started:?}");
    assert!(
        started.iter().all(|t| t.starts_with("blocking-pool ")),
        "{started:?}"
    );
    for path in &paths {
        fs::remove_file(path).unwrap();
    }
}

#[test]
fn tokio_with_rayon_gives_the_answers_of_a_plain_loop() {
    use tokio_with_rayon::{is_prime, serve};
    assert_eq!((2..1_000).filter(|&k| is_prime(k)).count(), 168);
    let bounds = [0, 1_000, 30_000, 20_000];
    let want: Vec<usize> = bounds
        .iter()
        .map(|&b| (2..b).filter(|&k| is_prime(k)).count())
        .collect();
    assert_eq!(serve(&bounds), want);
}

#[test]
fn a_panic_on_rayon_reaches_the_task_that_awaits_it() {
    use tokio_with_rayon::on_rayon;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let joined = runtime
        .block_on(async { tokio::spawn(on_rayon(|| -> usize { panic!("the job failed") })).await });
    let error = joined.expect_err("the task panics with the job");
    assert!(error.is_panic());
    let payload = error.into_panic();
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"the job failed"));
    // The process lives on, and so does rayon's pool.
    assert_eq!(runtime.block_on(on_rayon(|| 6 * 7)), 42);
}
