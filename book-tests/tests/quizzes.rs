//! A quiz's tracing question shows a program and asks what it prints: the
//! answer is a run's, not a guess. Each program is compiled with rustc and
//! run here; its output must be the answer the quiz gives, and a program
//! the quiz says does not compile must not.
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository: this crate's parent folder.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Every question of the given type in the quizzes, with its quiz's file
/// stem and its index in that quiz (from 0).
fn questions(kind: &str) -> Vec<(String, usize, toml::Value)> {
    let mut quizzes: Vec<_> = fs::read_dir(root().join("src/quizzes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    quizzes.sort();
    let mut found = Vec::new();
    for quiz in quizzes {
        let name = quiz.file_stem().unwrap().to_str().unwrap().to_owned();
        let quiz_toml: toml::Value = toml::from_str(&fs::read_to_string(&quiz).unwrap()).unwrap();
        let all = quiz_toml["questions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (i, q) in all.into_iter().enumerate() {
            if q["type"].as_str() == Some(kind) {
                found.push((name.clone(), i, q));
            }
        }
    }
    found
}

#[test]
fn tracing_questions_print_what_their_answers_say() {
    let dir = std::env::temp_dir().join(format!("quiz-programs-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let mut wrong = Vec::new();
    let mut seen = 0;
    for (name, i, q) in questions("Tracing") {
        seen += 1;
        let program = q["prompt"]["program"].as_str().unwrap();
        let answer = &q["answer"];
        let source = dir.join(format!("{name}-{i}.rs"));
        let binary = dir.join(format!("{name}-{i}"));
        fs::write(&source, program).unwrap();
        let compiled = Command::new(&rustc)
            .args(["--edition", "2021", "-o"])
            .arg(&binary)
            .arg(&source)
            .output()
            .unwrap();
        let compiles = answer["doesCompile"].as_bool().unwrap();
        let at = format!("src/quizzes/{name}.toml, question {}", i + 1);
        match (compiled.status.success(), compiles) {
            (false, false) => continue,
            (true, false) => {
                wrong.push(format!("{at}: the quiz says it does not compile; it does"));
                continue;
            }
            (false, true) => {
                wrong.push(format!(
                    "{at}: does not compile:\n{}",
                    String::from_utf8_lossy(&compiled.stderr)
                ));
                continue;
            }
            (true, true) => {}
        }
        let ran = Command::new(&binary).output().unwrap();
        let printed = String::from_utf8_lossy(&ran.stdout);
        let said = answer["stdout"].as_str().unwrap();
        if printed.trim() != said.trim() {
            wrong.push(format!(
                "{at}: the answer says\n{}\nthe program prints\n{}",
                said.trim(),
                printed.trim()
            ));
        }
    }
    let _ = fs::remove_dir_all(&dir);
    assert!(seen > 0, "no tracing question found");
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// A multiple-choice answer that is much longer than every distractor, the
/// one option qualified enough to be right, can be picked without knowing
/// the chapter. Each answer (in its string form) must be at most 1.3 times
/// as long as the longest of its distractors.
#[test]
fn no_answer_is_given_away_by_its_length() {
    let mut seen = 0;
    let mut given_away = Vec::new();
    for (name, i, q) in questions("MultipleChoice") {
        let Some(answer) = q["answer"]["answer"].as_str() else {
            continue;
        };
        let longest = q["prompt"]["distractors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap().chars().count())
            .max()
            .unwrap();
        seen += 1;
        let length = answer.chars().count();
        if length as f64 > 1.3 * longest as f64 {
            given_away.push(format!(
                "src/quizzes/{name}.toml, question {} (id {}): the answer has {length} characters, \
                 the longest distractor {longest} (limit 1.3x: {:.0})",
                i + 1,
                q.get("id").and_then(|id| id.as_str()).unwrap_or("none"),
                1.3 * longest as f64
            ));
        }
    }
    assert!(seen > 0, "no multiple-choice question found");
    assert!(
        given_away.is_empty(),
        "answers much longer than their distractors:\n{}",
        given_away.join("\n")
    );
}
