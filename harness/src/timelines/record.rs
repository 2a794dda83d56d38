//! Three ways to record what a listing did, all around the listing's own
//! public functions, so that the code on the page is the code drawn:
//!
//! - [`task_lines`]: the lines the listing's tasks print
//!   (`task 3 on ThreadId(5):    2 ms ->  102 ms`), read back from its
//!   standard output: one lane per task, from its start to its end.
//! - [`on_cores`]: the kernel's CPU clock of every thread of the process,
//!   sampled every millisecond while the listing runs. For threads that
//!   compute: one lane per thread, solid where it was on a core.
//! - [`Recorder`]: spans recorded around calls, for a figure that runs a
//!   listing's functions one by one (a lane and a label per call).
use super::{Kind, Lane, Panel, Span, fmt_time};
use std::collections::BTreeMap;
use std::fs;
use std::future::Future;
use std::io::Write as _;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::thread;
use std::time::{Duration, Instant};

/// Runs `f` with the process's standard output sent to a file, and returns
/// what it printed. Works only where `println!` writes to descriptor 1: in a
/// program, not inside libtest's output capture.
pub fn capture_stdout<R>(f: impl FnOnce() -> R) -> (R, String) {
    let path = std::env::temp_dir().join(format!(
        "concurrency-measured-stdout-{}.txt",
        std::process::id()
    ));
    let file = fs::File::create(&path).expect("create a file for the listing's output");
    let _ = std::io::stdout().flush();
    // Safety: plain descriptor calls on descriptors this process owns;
    // descriptor 1 is put back before the function returns.
    let saved = unsafe {
        let saved = libc::dup(1);
        libc::dup2(std::os::fd::AsRawFd::as_raw_fd(&file), 1);
        saved
    };
    let result = f();
    let _ = std::io::stdout().flush();
    // Safety: `saved` is the duplicate of descriptor 1 made above.
    unsafe {
        libc::dup2(saved, 1);
        libc::close(saved);
    }
    drop(file);
    let text = fs::read_to_string(&path).expect("read the listing's output back");
    let _ = fs::remove_file(&path);
    (result, text)
}

/// One line a waiting task printed: `task {id} on {thread}: {a} ms -> {b} ms`.
#[derive(Debug, PartialEq)]
pub struct TaskLine {
    pub id: usize,
    pub thread: String,
    pub began_ms: u64,
    pub ended_ms: u64,
}

pub fn parse_task_line(line: &str) -> Option<TaskLine> {
    let rest = line.trim().strip_prefix("task ")?;
    let (id, rest) = rest.split_once(" on ")?;
    let (thread, rest) = rest.split_once(": ")?;
    let (began, rest) = rest.split_once(" ms -> ")?;
    let ended = rest.strip_suffix(" ms")?;
    Some(TaskLine {
        id: id.trim().parse().ok()?,
        thread: thread.trim().to_owned(),
        began_ms: began.trim().parse().ok()?,
        ended_ms: ended.trim().parse().ok()?,
    })
}

/// Runs a listing whose tasks print their own start and end (relative to
/// the `Instant` handed to `run`), and draws a lane per task, coloured by
/// the thread that ran it.
pub fn task_lines(name: &str, run: impl FnOnce(Instant)) -> Panel {
    let t0 = Instant::now();
    let (wall, out) = capture_stdout(|| {
        run(t0);
        t0.elapsed()
    });
    let mut lines: Vec<TaskLine> = out.lines().filter_map(parse_task_line).collect();
    assert!(
        !lines.is_empty(),
        "{name}: the listing printed no task lines:\n{out}"
    );
    lines.sort_by_key(|l| l.id);
    let mut threads: Vec<String> = Vec::new();
    let lanes = lines
        .into_iter()
        .map(|l| {
            let color = threads
                .iter()
                .position(|t| *t == l.thread)
                .unwrap_or_else(|| {
                    threads.push(l.thread.clone());
                    threads.len() - 1
                });
            Lane {
                label: format!("task {}", l.id),
                note: l.thread.clone(),
                color,
                spans: vec![Span {
                    start: Duration::from_millis(l.began_ms),
                    end: Duration::from_millis(l.ended_ms),
                    kind: Kind::Task,
                    tip: format!(
                        "task {} on {}: {} ms -> {} ms (as the task printed it)",
                        l.id, l.thread, l.began_ms, l.ended_ms
                    ),
                }],
            }
        })
        .collect();
    Panel {
        name: name.to_owned(),
        wall,
        lanes,
    }
}

/// How often [`on_cores`] reads the threads' CPU clocks.
pub const SAMPLE_EVERY: Duration = Duration::from_millis(1);

/// A thread counts as on a core in a sampling interval when it ran for at
/// least this fraction of it.
const ON_CORE: f64 = 0.5;

fn gettid() -> i32 {
    // Safety: gettid has no preconditions.
    unsafe { libc::gettid() }
}

/// Nanoseconds thread `tid` of this process has spent on a core, from the
/// kernel's CPU clock for that thread; `None` once the thread has exited.
/// (The clock includes the slice the thread is running right now, unlike
/// /proc's counters, which advance only at scheduler ticks.)
fn cpu_ns(tid: &str) -> Option<u64> {
    let tid: libc::pid_t = tid.parse().ok()?;
    // The clock id Linux gives a thread's CPU clock: the thread id,
    // complemented and shifted, with the "per thread" and "scheduler
    // time" bits set (MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED)).
    let clock = ((!tid) << 3) | 4 | 2;
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // Safety: `ts` is a valid timespec to write into; an unknown or exited
    // thread makes the call fail, which is handled.
    let ok = unsafe { libc::clock_gettime(clock, &mut ts) } == 0;
    ok.then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
}

/// A reading of a thread's CPU clock: (time since the start, thread id,
/// nanoseconds on a core so far).
type Sample = (Duration, String, u64);

/// Runs `f` (a listing's own function) on the calling thread while another
/// thread samples the CPU clock of every thread of the process, and draws a
/// lane per thread: pale while it exists, solid while it is on a core. The
/// calling thread is "calling thread". A thread that `f` starts is labelled
/// with the name it was given (`thread::Builder::name`) when no other thread
/// of the run has the same name, and otherwise "thread 1", "thread 2", ...
/// in the order the threads were first seen, with its name, if it has one,
/// as the lane's note.
pub fn on_cores(name: &str, f: impl FnOnce()) -> Panel {
    let caller = gettid().to_string();
    // The names a thread that was given none inherits: that of the thread
    // that started it, the caller's or, at the root, the process's.
    let inherited = [thread_name(&caller), thread_name("self")].map(Option::unwrap_or_default);
    let stop = AtomicBool::new(false);
    let t0 = Instant::now();
    // Samples: (time since t0, tid, CPU ns so far); and each thread's name.
    let ((samples, names), before, wall) = thread::scope(|s| {
        let sampler = s.spawn(|| {
            let mut samples: Vec<Sample> = Vec::new();
            // A thread names itself once it runs, which on a busy machine
            // may be many samples after it appears, with the process's name
            // until then: read its name at each sample until it has one of
            // its own.
            let mut names: BTreeMap<String, String> = BTreeMap::new();
            loop {
                let done = stop.load(Ordering::Acquire);
                for tid in tids() {
                    if let Some(ns) = cpu_ns(&tid) {
                        samples.push((t0.elapsed(), tid.clone(), ns));
                        let name = names.entry(tid.clone()).or_default();
                        if (name.is_empty() || inherited.contains(name))
                            && let Some(n) = thread_name(&tid)
                        {
                            *name = n;
                        }
                    }
                }
                if done {
                    break (samples, names);
                }
                thread::sleep(SAMPLE_EVERY);
            }
        });
        // Let the sampler take its first samples before the listing starts,
        // and note the threads that exist already (the sampler, a test
        // harness's): they are not the listing's.
        thread::sleep(SAMPLE_EVERY * 2);
        let before: Vec<String> = tids().into_iter().filter(|t| *t != caller).collect();
        let started = t0.elapsed();
        f();
        let wall = t0.elapsed() - started;
        stop.store(true, Ordering::Release);
        let (samples, names) = sampler.join().unwrap();
        // Shift everything so that the listing starts at 0.
        let samples: Vec<Sample> = samples
            .into_iter()
            .filter(|(at, ..)| *at >= started)
            .map(|(at, tid, ns)| (at - started, tid, ns))
            .collect();
        ((samples, names), before, wall)
    });

    // Per thread, in the order first seen after the listing started; the
    // caller first.
    let mut order: Vec<String> = vec![caller.clone()];
    let mut series: BTreeMap<String, Vec<(Duration, u64)>> = BTreeMap::new();
    for (at, tid, ns) in &samples {
        if before.contains(tid) {
            continue;
        }
        if !order.contains(tid) {
            order.push(tid.clone());
        }
        series.entry(tid.clone()).or_default().push((*at, *ns));
    }
    // A name of its own: one the thread was given, not one it inherited.
    let own_name = |tid: &String| -> Option<&String> {
        names
            .get(tid)
            .filter(|n| !n.is_empty() && !inherited.contains(n))
    };
    let lanes = order
        .iter()
        .enumerate()
        .filter_map(|(i, tid)| {
            let points = series.get(tid)?;
            let own = own_name(tid);
            let unique = own.filter(|n| {
                order
                    .iter()
                    .filter(|t| series.contains_key(*t) && own_name(t) == Some(n))
                    .count()
                    == 1
            });
            let (label, note) = match (i, unique, own) {
                (0, ..) => ("calling thread".to_owned(), String::new()),
                (_, Some(n), _) => (n.clone(), String::new()),
                (_, None, own) => (format!("thread {i}"), own.cloned().unwrap_or_default()),
            };
            let mut lane = thread_lane(&label, i, points, wall, i == 0);
            lane.note = note;
            Some(lane)
        })
        .collect();
    Panel {
        name: name.to_owned(),
        wall,
        lanes,
    }
}

/// The name of thread `tid` of this process, as the kernel keeps it (at
/// most 15 bytes); `"self"` for the process's own name.
fn thread_name(tid: &str) -> Option<String> {
    let path = if tid == "self" {
        "/proc/self/comm".to_owned()
    } else {
        format!("/proc/self/task/{tid}/comm")
    };
    let comm = fs::read_to_string(path).ok()?;
    Some(comm.trim_end().to_owned())
}

/// The ids of this process's threads.
fn tids() -> Vec<String> {
    fs::read_dir("/proc/self/task")
        .map(|dir| {
            dir.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A thread's lane from its CPU clock samples.
fn thread_lane(
    label: &str,
    color: usize,
    points: &[(Duration, u64)],
    wall: Duration,
    caller: bool,
) -> Lane {
    let mut spans = Vec::new();
    // Alive: the caller for the whole call; another thread from the first
    // sample that saw it to the last.
    let (alive_from, alive_to) = if caller {
        (Duration::ZERO, wall)
    } else {
        (points[0].0, points[points.len() - 1].0.min(wall))
    };
    let used = points[points.len() - 1].1.saturating_sub(points[0].1);
    spans.push(Span {
        start: alive_from,
        end: alive_to,
        kind: Kind::Waiting,
        tip: format!(
            "{label}: {} -> {}, on a core for {} of it",
            fmt_time(alive_from),
            fmt_time(alive_to),
            fmt_time(Duration::from_nanos(used))
        ),
    });
    // On a core: runs of sampling intervals in which the thread ran for at
    // least half the interval.
    let mut run: Option<(Duration, Duration, u64)> = None;
    let close = |run: &mut Option<(Duration, Duration, u64)>, spans: &mut Vec<Span>| {
        if let Some((from, to, ns)) = run.take() {
            spans.push(Span {
                start: from,
                end: to,
                kind: Kind::Cpu,
                tip: format!(
                    "{label} on a core: {} -> {} ({} of CPU time)",
                    fmt_time(from),
                    fmt_time(to),
                    fmt_time(Duration::from_nanos(ns))
                ),
            });
        }
    };
    for pair in points.windows(2) {
        let ((a, ca), (b, cb)) = (pair[0], pair[1]);
        let interval = (b - a).as_nanos() as f64;
        let ran = cb.saturating_sub(ca);
        let (a, b) = (a.min(wall), b.min(wall));
        if interval > 0.0 && ran as f64 / interval >= ON_CORE && b > a {
            run = Some(match run {
                Some((from, _, ns)) => (from, b, ns + ran),
                None => (a, b, ran),
            });
        } else {
            close(&mut run, &mut spans);
        }
    }
    close(&mut run, &mut spans);
    Lane {
        label: label.to_owned(),
        note: String::new(),
        color,
        spans,
    }
}

/// Spans recorded around calls: `rec.span("thread 1", "job 3", || job(3))`.
/// Safe to share between threads (`&Recorder` is `Sync`). Also records the
/// polls of futures ([`Recorder::trace`]) and spans that another recorder
/// observed ([`Recorder::record`]), all on one clock.
pub struct Recorder {
    t0: Instant,
    spans: Mutex<Vec<(String, Span)>>,
    /// Lanes declared before their first span: (label, note, colour).
    declared: Mutex<Vec<(String, String, usize)>>,
}

impl Default for Recorder {
    fn default() -> Self {
        Self::new()
    }
}

impl Recorder {
    pub fn new() -> Recorder {
        Recorder {
            t0: Instant::now(),
            spans: Mutex::new(Vec::new()),
            declared: Mutex::new(Vec::new()),
        }
    }

    /// The time since the recorder was made: the clock of its spans.
    pub fn now(&self) -> Duration {
        self.t0.elapsed()
    }

    /// Runs `f` and records it as a span of `kind` in `lane`.
    pub fn span<R>(&self, lane: &str, label: &str, kind: Kind, f: impl FnOnce() -> R) -> R {
        let start = self.t0.elapsed();
        let result = f();
        let end = self.t0.elapsed();
        let tip = format!("{lane}: {label}, {} -> {}", fmt_time(start), fmt_time(end));
        self.record(
            lane,
            Span {
                start,
                end,
                kind,
                tip,
            },
        );
        result
    }

    /// Records a span measured elsewhere on this recorder's clock
    /// ([`Recorder::now`]).
    pub fn record(&self, lane: &str, span: Span) {
        self.spans.lock().unwrap().push((lane.to_owned(), span));
    }

    /// Runs `run` on the calling thread while another thread calls `probe`
    /// without pause, and returns what `run` returned and every change in
    /// what `probe` saw, with its time on this recorder's clock (the first
    /// entry is the value before `run` started). For state that changes too
    /// fast for a timer to sample: the number of items in a channel.
    pub fn watch<T, R>(
        &self,
        probe: impl Fn() -> T + Sync,
        run: impl FnOnce() -> R,
    ) -> (R, Vec<(Duration, T)>)
    where
        T: PartialEq + Send,
    {
        let (started, stop) = (AtomicBool::new(false), AtomicBool::new(false));
        thread::scope(|s| {
            let watcher = s.spawn(|| {
                let mut seen = vec![(self.now(), probe())];
                started.store(true, Ordering::Release);
                while !stop.load(Ordering::Acquire) {
                    let now = probe();
                    if seen.last().is_some_and(|(_, last)| *last != now) {
                        seen.push((self.now(), now));
                    }
                    std::hint::spin_loop();
                }
                seen
            });
            // `run` starts once the watcher has taken its first look, so
            // that it sees every change from the start.
            while !started.load(Ordering::Acquire) {
                thread::yield_now();
            }
            let result = run();
            stop.store(true, Ordering::Release);
            (result, watcher.join().unwrap())
        })
    }

    /// Declares a lane before it has spans: the panel shows declared lanes
    /// first, in the order declared, with their note and colour.
    pub fn lane(&self, label: &str, note: &str, color: usize) {
        let mut declared = self.declared.lock().unwrap();
        if !declared.iter().any(|(l, ..)| l == label) {
            declared.push((label.to_owned(), note.to_owned(), color));
        }
    }

    /// Wraps a future (a listing's task) so that each of its polls is
    /// recorded as a [`Kind::Polled`] span in `lane`, and its whole life,
    /// from its first poll to the poll that finished it, as a [`Kind::Task`]
    /// span. The lane is declared now, so lanes come in the order the
    /// futures were made.
    pub fn trace<F: Future>(self: &Arc<Self>, lane: &str, future: F) -> Traced<F> {
        // The lock is released before `lane` takes it again.
        let color = self.declared.lock().unwrap().len();
        self.lane(lane, "", color);
        Traced {
            inner: Box::pin(future),
            rec: self.clone(),
            lane: lane.to_owned(),
            first: None,
            polls: 0,
        }
    }

    /// The recorded spans as a panel: the declared lanes, then a lane per
    /// other lane name in the order first recorded.
    pub fn panel(self, name: &str) -> Panel {
        let wall = self.t0.elapsed();
        let mut lanes: Vec<Lane> = self
            .declared
            .into_inner()
            .unwrap()
            .into_iter()
            .map(|(label, note, color)| Lane {
                label,
                note,
                color,
                spans: Vec::new(),
            })
            .collect();
        for (lane, span) in self.spans.into_inner().unwrap() {
            match lanes.iter_mut().find(|l| l.label == lane) {
                Some(l) => l.spans.push(span),
                None => {
                    let color = lanes.len();
                    lanes.push(Lane {
                        label: lane,
                        note: String::new(),
                        color,
                        spans: vec![span],
                    });
                }
            }
        }
        Panel {
            name: name.to_owned(),
            wall,
            lanes,
        }
    }
}

/// A future whose polls a [`Recorder`] records; see [`Recorder::trace`].
pub struct Traced<F> {
    inner: Pin<Box<F>>,
    rec: Arc<Recorder>,
    lane: String,
    first: Option<Duration>,
    polls: u32,
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // `Traced` is `Unpin`: the listing's future is pinned in its box.
        let this = &mut *self;
        let start = this.rec.now();
        let first = *this.first.get_or_insert(start);
        let result = this.inner.as_mut().poll(cx);
        let end = this.rec.now();
        this.polls += 1;
        let (lane, n) = (&this.lane, this.polls);
        let outcome = if result.is_ready() {
            "Ready"
        } else {
            "Pending"
        };
        this.rec.record(
            lane,
            Span {
                start,
                end,
                kind: Kind::Polled,
                tip: format!(
                    "{lane}: poll {n}, {} -> {}, returned {outcome}",
                    fmt_time(start),
                    fmt_time(end)
                ),
            },
        );
        if result.is_ready() {
            this.rec.record(
                lane,
                Span {
                    start: first,
                    end,
                    kind: Kind::Task,
                    tip: format!(
                        "{lane}: {} -> {}, from its first poll to its end, polled {n} time(s)",
                        fmt_time(first),
                        fmt_time(end)
                    ),
                },
            );
        }
        result
    }
}
