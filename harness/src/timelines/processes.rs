//! Timelines of chapter 6, "Processes for parallel work".
//!
//! `record::on_cores` sees only the threads of this process; Listing 6-1's
//! work happens in other processes. So this module samples the kernel's CPU
//! clock of this process's children too, in the same way: every
//! millisecond, a lane per worker process.
use super::{Figure, Kind, Lane, Panel, Span, fmt_time, record};
use concurrency_measured::processes::worker_processes;
use std::collections::BTreeMap;
use std::fs;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

pub const FIGURES: &[Figure] = &[Figure {
    id: "worker-processes-on-cores",
    chapter: "processes.md",
    number: "6-1",
    caption: "Listing 6-1 counting the primes below 200,000: in this process, then on one \
              worker process per core, on one time axis. A lane is the calling thread or a \
              worker process (a copy of the running program); solid where the kernel's CPU \
              clock for it advanced (sampled every millisecond), pale where it was off the \
              processor. A worker's lane starts when the parent first sees it and ends when \
              it has exited; its clock moves in steps of a scheduler tick, so its edges are \
              exact to within a few milliseconds.",
    listings: &["listings/processes/worker_processes.rs"],
    draw: worker_processes_on_cores,
    expect: || {
        let cores = crate::registry::cores();
        let mut lanes = vec!["calling thread".to_owned()];
        lanes.extend((1..=cores).map(|i| format!("worker process {i}")));
        vec![
            ("in this process", vec!["calling thread".to_owned()]),
            ("on one worker process per core", lanes),
        ]
    },
}];

fn worker_processes_on_cores() -> Vec<Panel> {
    use worker_processes::{count_primes, count_primes_on_processes};
    let numbers: Vec<u64> = (0..200_000).collect();
    let cores = crate::registry::cores();
    // The workers are the crate's `listing` program, which serves as the
    // listing's worker.
    let program = crate::workers::program();
    let expected = count_primes(&numbers);
    vec![
        record::on_cores("in this process", || {
            assert_eq!(count_primes(&numbers), expected);
        }),
        with_children("on one worker process per core", || {
            assert_eq!(
                count_primes_on_processes(&numbers, cores, &program),
                expected
            );
        }),
    ]
}

/// A CPU clock: this process's thread `tid` or child process `pid`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Clock {
    Thread(libc::pid_t),
    Process(libc::pid_t),
}

/// Nanoseconds on a core so far, from the kernel's clock for a thread of
/// this process or for a whole process (Linux's clock ids: the id
/// complemented and shifted, "scheduler time", and for a thread the
/// "per thread" bit); `None` once it is gone.
fn cpu_ns(clock: Clock) -> Option<u64> {
    let id = match clock {
        Clock::Thread(tid) => ((!tid) << 3) | 4 | 2,
        Clock::Process(pid) => ((!pid) << 3) | 2,
    };
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // Safety: `ts` is a valid timespec to write into; an unknown or exited
    // thread or process makes the call fail, which is handled.
    let ok = unsafe { libc::clock_gettime(id, &mut ts) } == 0;
    ok.then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
}

/// The parent of process `pid`, from the fourth field of /proc/<pid>/stat
/// (after the command name, which is in parentheses and may hold spaces).
fn parent_of(pid: &str) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, after) = stat.rsplit_once(')')?;
    after.split_whitespace().nth(1)?.parse().ok()
}

/// Like `record::on_cores`, for a listing whose work runs in child
/// processes: runs `f` on the calling thread while another thread samples,
/// every millisecond, the CPU clock of the calling thread and of every
/// child process of this one, found in /proc as they appear.
pub(super) fn with_children(name: &str, f: impl FnOnce()) -> Panel {
    let me = std::process::id();
    // Safety: gettid has no preconditions.
    let caller = Clock::Thread(unsafe { libc::gettid() });
    let stop = AtomicBool::new(false);
    let t0 = Instant::now();
    let (samples, wall) = thread::scope(|s| {
        let sampler = s.spawn(|| {
            let mut seen: BTreeMap<String, bool> = BTreeMap::new();
            let mut children: Vec<Clock> = Vec::new();
            let mut samples: Vec<(Duration, Clock, u64)> = Vec::new();
            loop {
                let done = stop.load(Ordering::Acquire);
                for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if !name.bytes().all(|b| b.is_ascii_digit()) || seen.contains_key(&name) {
                        continue;
                    }
                    let child = parent_of(&name) == Some(me);
                    if child {
                        children.push(Clock::Process(name.parse().unwrap()));
                    }
                    seen.insert(name, child);
                }
                for &clock in std::iter::once(&caller).chain(&children) {
                    if let Some(ns) = cpu_ns(clock) {
                        samples.push((t0.elapsed(), clock, ns));
                    }
                }
                if done {
                    break samples;
                }
                thread::sleep(record::SAMPLE_EVERY);
            }
        });
        thread::sleep(record::SAMPLE_EVERY * 2);
        let started = t0.elapsed();
        f();
        let wall = t0.elapsed() - started;
        stop.store(true, Ordering::Release);
        let samples: Vec<_> = sampler
            .join()
            .unwrap()
            .into_iter()
            .filter(|(at, ..)| *at >= started)
            .map(|(at, clock, ns)| (at - started, clock, ns))
            .collect();
        (samples, wall)
    });

    let mut order: Vec<Clock> = vec![caller];
    let mut series: BTreeMap<Clock, Vec<(Duration, u64)>> = BTreeMap::new();
    for &(at, clock, ns) in &samples {
        if !order.contains(&clock) {
            order.push(clock);
        }
        series.entry(clock).or_default().push((at, ns));
    }
    let lanes = order
        .iter()
        .enumerate()
        .filter_map(|(i, clock)| {
            let points = series.get(clock)?;
            Some(if i == 0 {
                lane("calling thread", i, points, Duration::ZERO, wall)
            } else {
                let alive = (points[0].0, points[points.len() - 1].0.min(wall));
                let label = format!("worker process {i}");
                lane(&label, i, &at_changes(points), alive.0, alive.1)
            })
        })
        .collect();
    Panel {
        name: name.to_owned(),
        wall,
        lanes,
    }
}

/// The samples at which a process's clock changed, and the first and last.
///
/// Linux lets a program read another process's clock, not the clocks of
/// its threads, and a process's clock leaves out the slice its threads are
/// running now: it moves in steps, at each scheduler tick (every 4 ms on
/// the machine that drew the figures) and when a thread leaves the
/// processor. Judged a millisecond at a time, a worker that computes all
/// along would look on a core one interval in four. Judged from one step
/// to the next, it is on a core throughout; the edges of a run are then
/// exact to within a tick.
fn at_changes(points: &[(Duration, u64)]) -> Vec<(Duration, u64)> {
    let mut kept: Vec<(Duration, u64)> = points
        .iter()
        .enumerate()
        .filter(|&(i, p)| i == 0 || p.1 != points[i - 1].1)
        .map(|(_, &p)| p)
        .collect();
    let last = points[points.len() - 1];
    if kept.last() != Some(&last) {
        kept.push(last);
    }
    kept
}

/// A lane from CPU clock samples: pale from `from` to `to`, solid over runs
/// of sampling intervals in which the clock advanced by at least half the
/// interval (the rule `record::on_cores` draws by).
fn lane(
    label: &str,
    color: usize,
    points: &[(Duration, u64)],
    from: Duration,
    to: Duration,
) -> Lane {
    let used = points[points.len() - 1].1.saturating_sub(points[0].1);
    let mut spans = vec![Span {
        start: from,
        end: to,
        kind: Kind::Waiting,
        tip: format!(
            "{label}: {} -> {}, on a core for {} of it",
            fmt_time(from),
            fmt_time(to),
            fmt_time(Duration::from_nanos(used))
        ),
    }];
    let mut run: Option<(Duration, Duration, u64)> = None;
    let mut close = |run: &mut Option<(Duration, Duration, u64)>| {
        if let Some((a, b, ns)) = run.take() {
            spans.push(Span {
                start: a,
                end: b,
                kind: Kind::Cpu,
                tip: format!(
                    "{label} on a core: {} -> {} ({} of CPU time)",
                    fmt_time(a),
                    fmt_time(b),
                    fmt_time(Duration::from_nanos(ns))
                ),
            });
        }
    };
    for pair in points.windows(2) {
        let ((a, ca), (b, cb)) = (pair[0], pair[1]);
        let ran = cb.saturating_sub(ca);
        let (a, b) = (a.min(to), b.min(to));
        if b > a && ran as f64 / (pair[1].0 - pair[0].0).as_nanos() as f64 >= 0.5 {
            run = Some(match run {
                Some((start, _, ns)) => (start, b, ns + ran),
                None => (a, b, ran),
            });
        } else {
            close(&mut run);
        }
    }
    close(&mut run);
    Lane {
        label: label.to_owned(),
        note: String::new(),
        color,
        spans,
    }
}
