//! Tests that need a process of their own, which this binary starts by
//! running itself again: a deadlock, which nothing but the end of its
//! process can undo, and printing, checked on real standard output.
//!
//! `harness = false` (Cargo.toml): this `main` is the whole test program.
//! Run as `own_process`, it runs each test; run with `OWN_PROCESS_CHILD` set,
//! it is the child and runs only the listing the test asked for.
use concurrency_measured::shared_state::{deadlock, lock_order, print_lines};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const CHILD: &str = "OWN_PROCESS_CHILD";

fn main() -> ExitCode {
    if let Ok(listing) = std::env::var(CHILD) {
        return child(&listing);
    }
    type Test = fn() -> Result<(), String>;
    let tests: [(&str, Test); 3] = [
        ("deadlock_is_caught_by_the_watchdog", deadlock_is_caught),
        ("ordered_locks_never_deadlock", ordered_locks_finish),
        (
            "lines_tear_unless_stdout_is_locked",
            lines_tear_unless_locked,
        ),
    ];
    // Like libtest: `--list` lists the tests, and other arguments that are
    // not flags are filters, a test runs if its name contains one of them.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        for (name, _) in tests {
            println!("{name}: test");
        }
        return ExitCode::SUCCESS;
    }
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let tests: Vec<_> = tests
        .into_iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .collect();
    println!("\nrunning {} tests", tests.len());
    let mut failed = 0;
    for &(name, test) in &tests {
        match test() {
            Ok(()) => println!("test {name} ... ok"),
            Err(why) => {
                failed += 1;
                println!("test {name} ... FAILED\n{why}");
            }
        }
    }
    let verdict = if failed == 0 { "ok" } else { "FAILED" };
    println!(
        "\ntest result: {verdict}. {} passed; {failed} failed\n",
        tests.len() - failed
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The child: runs one listing; exit code 0 means it reported a deadlock.
fn child(listing: &str) -> ExitCode {
    let deadlocked = match listing {
        "deadlock" => deadlock::main_reports_deadlock(),
        "lock_order" => lock_order::main_reports_deadlock(),
        "in_pieces" => {
            print_lines::in_pieces(2, 200);
            false
        }
        "whole_lines" => {
            print_lines::whole_lines(2, 200);
            false
        }
        other => panic!("no listing {other}"),
    };
    // Returning from main ends the process, and with it any stuck thread.
    if deadlocked {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

struct Ran {
    deadlocked: bool,
    stdout: String,
}

/// Runs `listing` in a child process. A child that is still running after
/// 30 s is killed, so that no test can hang, and none leaves a process.
fn run_child(listing: &str) -> Result<Ran, String> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .env(CHILD, listing)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start a child: {e}"))?;
    let mut stdout = child.stdout.take().unwrap();
    // Read on a thread of its own, so a full pipe cannot stall the child.
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut out).map(|_| out)
    });
    let t0 = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if t0.elapsed() > Duration::from_secs(30) {
            child.kill().ok();
            child.wait().ok();
            return Err(format!("{listing}: still running after 30 s, killed"));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = reader.join().unwrap().map_err(|e| e.to_string())?;
    match status.code() {
        Some(0) => Ok(Ran {
            deadlocked: true,
            stdout,
        }),
        Some(1) => Ok(Ran {
            deadlocked: false,
            stdout,
        }),
        _ => Err(format!("{listing}: child failed ({status}):\n{stdout}")),
    }
}

/// Opposite lock orders deadlock within a few thousand transfers when the
/// two threads run at the same time. A run in which they never overlapped
/// long enough is retried, up to five runs.
fn deadlock_is_caught() -> Result<(), String> {
    for _ in 0..5 {
        let ran = run_child("deadlock")?;
        if ran.deadlocked {
            return if ran.stdout.starts_with("deadlock: ") {
                Ok(())
            } else {
                Err(format!("the watchdog's report is missing: {}", ran.stdout))
            };
        }
    }
    Err("five runs, no deadlock".into())
}

fn ordered_locks_finish() -> Result<(), String> {
    let ran = run_child("lock_order")?;
    let expected = "both threads finished: 200000 transfers, balances 1000 and 1000\n";
    if !ran.deadlocked && ran.stdout == expected {
        Ok(())
    } else {
        Err(format!("lock_order printed: {}", ran.stdout))
    }
}

/// A line is whole when it reads `[thread T step I: R]`, with R the result
/// of `work(I)`.
fn torn_lines(stdout: &str) -> usize {
    let whole = |l: &str| {
        let Some(rest) = l.strip_prefix("[thread ").and_then(|r| r.strip_suffix(']')) else {
            return false;
        };
        let Some((t, rest)) = rest.split_once(" step ") else {
            return false;
        };
        let Some((i, result)) = rest.split_once(": ") else {
            return false;
        };
        match (t.parse::<u64>(), i.parse::<u64>(), result.parse::<u64>()) {
            (Ok(_), Ok(i), Ok(result)) => result == print_lines::work(i),
            _ => false,
        }
    };
    stdout.lines().filter(|l| !whole(l)).count()
}

fn lines_tear_unless_locked() -> Result<(), String> {
    let whole = run_child("whole_lines")?;
    if whole.stdout.lines().count() != 400 || torn_lines(&whole.stdout) != 0 {
        return Err(format!(
            "with the lock held: {} lines, {} torn",
            whole.stdout.lines().count(),
            torn_lines(&whole.stdout)
        ));
    }
    // Two threads printing at once tear some lines in nearly every run;
    // the test asks for one run in five that does.
    for _ in 0..5 {
        let pieces = run_child("in_pieces")?;
        // Every piece is printed, so the text is all there, in some order.
        let text_len: usize = pieces.stdout.len();
        if text_len != whole.stdout.len() {
            return Err(format!(
                "in pieces, {text_len} bytes; whole, {}",
                whole.stdout.len()
            ));
        }
        if torn_lines(&pieces.stdout) > 0 {
            return Ok(());
        }
    }
    Err("five runs of print! in pieces, and no line torn".into())
}
