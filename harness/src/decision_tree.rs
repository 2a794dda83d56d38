//! The data of the decision helper of "Choosing a model", generated from
//! the table in `listings/choosing/decision_tree.rs`: the helper's data
//! (`theme/decision-tree.js`) and what the browser test expects on every
//! path (`tests/browser/decision-paths.json`). `cargo xtask decision-tree`
//! writes them; `tests/chapters/choosing.rs` fails when either is stale.
use concurrency_measured::choosing::decision_tree::{
    CHOICES, FIRST, Next, QUESTIONS, decide, paths, question,
};

/// Each generated file, relative to the repository, and what it must hold.
pub fn files() -> [(&'static str, String); 2] {
    [
        ("theme/decision-tree.js", helper_data()),
        ("tests/browser/decision-paths.json", expected_paths()),
    ]
}

fn json(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            '\n' => out += "\\n",
            c if (c as u32) < 0x20 => out += &format!("\\u{:04x}", c as u32),
            c => out.push(c),
        }
    }
    out + "\""
}

fn list(items: impl IntoIterator<Item = String>, indent: &str) -> String {
    let items: Vec<String> = items.into_iter().collect();
    if items.is_empty() {
        return "[]".into();
    }
    format!(
        "[\n{indent}  {}\n{indent}]",
        items.join(&format!(",\n{indent}  "))
    )
}

/// The helper's data: the listing's table, as JavaScript.
pub fn helper_data() -> String {
    let questions = list(
        QUESTIONS.iter().map(|q| {
            let answers = list(
                q.answers.iter().map(|(text, next)| {
                    let (kind, id) = match next {
                        Next::Ask(id) => ("ask", id),
                        Next::Use(id) => ("use", id),
                    };
                    format!("{{ \"text\": {}, \"{kind}\": {} }}", json(text), json(id))
                }),
                "      ",
            );
            format!(
                "{{\n      \"id\": {},\n      \"text\": {},\n      \"answers\": {answers}\n    }}",
                json(q.id),
                json(q.text)
            )
        }),
        "  ",
    );
    let choices = list(
        CHOICES.iter().map(|c| {
            format!(
                "{{\n      \"id\": {},\n      \"model\": {},\n      \"why\": {},\n      \"chapters\": {}\n    }}",
                json(c.id),
                json(c.model),
                json(c.why),
                list(c.chapters.iter().map(|t| json(t)), "      ")
            )
        }),
        "  ",
    );
    format!(
        "// Generated from listings/choosing/decision_tree.rs by\n\
         // `cargo xtask decision-tree`. Do not edit: change the listing.\n\
         window.DECISION_TREE = {{\n  \"first\": {},\n  \"questions\": {questions},\n  \"choices\": {choices}\n}};\n",
        json(FIRST)
    )
}

/// What the browser test expects on every path: the answers' texts, in the
/// order they are clicked, and the choice `decide` makes.
pub fn expected_paths() -> String {
    let rows = paths().into_iter().map(|(answers, c)| {
        let mut asked = FIRST;
        let mut clicks = Vec::new();
        for &a in &answers {
            let (text, next) = question(asked).answers[a];
            clicks.push(json(text));
            if let Next::Ask(id) = next {
                asked = id;
            }
        }
        let decided = decide(&answers).unwrap();
        assert_eq!(decided.id, c.id);
        format!(
            "{{ \"clicks\": [{}], \"choice\": {}, \"model\": {} }}",
            clicks.join(", "),
            json(decided.id),
            json(decided.model)
        )
    });
    list(rows, "") + "\n"
}
