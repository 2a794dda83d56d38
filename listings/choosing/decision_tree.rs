//! The decision guide as a table: questions, their answers, and the model
//! each path leads to. The book's interactive helper follows this same
//! table (a test turns it into the helper's data), so the page and the
//! program cannot disagree.

// ANCHOR: types
/// Where an answer leads: to another question, or to a choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    Ask(&'static str),
    Use(&'static str),
}

pub struct Question {
    pub id: &'static str,
    pub text: &'static str,
    pub answers: &'static [(&'static str, Next)],
}

pub struct Choice {
    pub id: &'static str,
    pub model: &'static str,
    pub why: &'static str,
    /// Chapters of this book that show the model, by title.
    pub chapters: &'static [&'static str],
}
// ANCHOR_END: types

// ANCHOR: questions
pub const FIRST: &str = "work";

pub const QUESTIONS: &[Question] = &[
    Question {
        id: "work",
        text: "What does a task spend most of its time doing?",
        answers: &[
            (
                "Computing: CPU time is close to wall time",
                Next::Ask("cpu-shape"),
            ),
            (
                "Waiting: CPU time is far below wall time",
                Next::Ask("io-count"),
            ),
            ("I have not measured it", Next::Use("measure")),
        ],
    },
    Question {
        id: "cpu-shape",
        text: "What shape is the computation?",
        answers: &[
            (
                "Many items, each processed the same way",
                Next::Use("rayon"),
            ),
            (
                "A few long jobs, each different",
                Next::Use("threads-per-core"),
            ),
            (
                "Thousands of tiny jobs, arriving one by one",
                Next::Use("pool"),
            ),
            (
                "A separate program, or code that must be isolated",
                Next::Use("processes"),
            ),
        ],
    },
    Question {
        id: "io-count",
        text: "How many waits are in flight at the same time?",
        answers: &[
            ("A few, up to a few hundred", Next::Ask("io-cut-short")),
            ("Thousands or more, long or short", Next::Use("tokio")),
        ],
    },
    Question {
        id: "io-cut-short",
        text: "Must a wait be cut short: timed out, cancelled, or raced against other events?",
        answers: &[
            (
                "No: each waits until its answer comes",
                Next::Use("thread-per-wait"),
            ),
            (
                "Yes: timeouts, cancellation, or several sources of events at once",
                Next::Use("tokio"),
            ),
        ],
    },
];
// ANCHOR_END: questions

// ANCHOR: choices
pub const CHOICES: &[Choice] = &[
    Choice {
        id: "measure",
        model: "Measure first: CPU time against wall time",
        why: "Near 1 means computing, near 0 means waiting; a guess can be wrong both ways.",
        chapters: &["I/O-bound and CPU-bound work"],
    },
    Choice {
        id: "rayon",
        model: "rayon: a parallel iterator",
        why: "It splits the items over one thread per core and balances the load.",
        chapters: &["Data parallelism with rayon"],
    },
    Choice {
        id: "threads-per-core",
        model: "Threads, one per core, in a scope",
        why: "Each job computes on a core of its own; more threads than cores take turns.",
        chapters: &[
            "I/O-bound and CPU-bound work",
            "Threads in Rust: preemptive scheduling and context switches",
        ],
    },
    Choice {
        id: "processes",
        model: "Processes",
        why: "A process has memory of its own, so a crash stays inside it; Rust needs one for isolation, not for parallelism.",
        chapters: &["Processes for parallel work"],
    },
    Choice {
        id: "thread-per-wait",
        model: "A thread per connection",
        why: "A waiting thread needs no core, and a few hundred threads cost little; the code stays plain and blocking.",
        chapters: &[
            "Synchronous and asynchronous; concurrency and parallelism",
            "Threads in Rust: preemptive scheduling and context switches",
        ],
    },
    Choice {
        id: "pool",
        model: "A pool of threads fed by a channel",
        why: "A thread per tiny job costs more than the job; a fixed set of threads starts once and takes job after job from the channel.",
        chapters: &["I/O-bound and CPU-bound work", "Message passing"],
    },
    Choice {
        id: "tokio",
        model: "Async tasks on tokio",
        why: "A task is far cheaper than a thread, and a waiting task holds no thread; a future that is dropped stops at the await where it waits, which is what timeouts and select! are made of.",
        chapters: &["Async with tokio", "Real I/O: threads, pools and async"],
    },
];
// ANCHOR_END: choices

// ANCHOR: decide
/// Follows the table from the first question: `answers[i]` is the index of
/// the answer given to the i-th question asked.
pub fn decide(answers: &[usize]) -> Result<&'static Choice, String> {
    let mut asked = FIRST;
    for (i, &a) in answers.iter().enumerate() {
        let question = question(asked);
        let Some(&(_, next)) = question.answers.get(a) else {
            return Err(format!("question `{asked}` has no answer {a}"));
        };
        match next {
            Next::Ask(id) => asked = id,
            Next::Use(id) if i + 1 == answers.len() => return Ok(choice(id)),
            Next::Use(id) => return Err(format!("`{id}` is chosen before the last answer")),
        }
    }
    Err(format!("question `{asked}` is not answered yet"))
}

pub fn question(id: &str) -> &'static Question {
    QUESTIONS
        .iter()
        .find(|q| q.id == id)
        .expect("a question of the table")
}

pub fn choice(id: &str) -> &'static Choice {
    CHOICES
        .iter()
        .find(|c| c.id == id)
        .expect("a choice of the table")
}

/// Every path from the first question to a choice: the answers, and where
/// they lead.
pub fn paths() -> Vec<(Vec<usize>, &'static Choice)> {
    fn walk(id: &str, so_far: &mut Vec<usize>, out: &mut Vec<(Vec<usize>, &'static Choice)>) {
        for (a, &(_, next)) in question(id).answers.iter().enumerate() {
            so_far.push(a);
            match next {
                Next::Ask(q) => walk(q, so_far, out),
                Next::Use(c) => out.push((so_far.clone(), choice(c))),
            }
            so_far.pop();
        }
    }
    let mut out = Vec::new();
    walk(FIRST, &mut Vec::new(), &mut out);
    out
}
// ANCHOR_END: decide

// ANCHOR: main
pub fn main() {
    for (answers, choice) in paths() {
        let mut asked = FIRST;
        let mut said = Vec::new();
        for &a in &answers {
            let (text, next) = question(asked).answers[a];
            said.push(text.split([':', ',']).next().unwrap());
            if let Next::Ask(id) = next {
                asked = id;
            }
        }
        assert_eq!(decide(&answers).unwrap().id, choice.id);
        println!("{:<36} => {}", said.join(" > "), choice.model);
    }
}
// ANCHOR_END: main
