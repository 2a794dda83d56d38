//! Measuring two sides of a claim fairly on a shared, noisy machine.
//!
//! Absolute times mean little here; a ratio of two runs made side by side
//! does. So both sides run in the same process, interleaved (a, b, b, a, a,
//! b, ...), and every run's time is kept. Two estimators use them:
//!
//! - *best of each side* (`measure::ratio`), for claims whose two sides use
//!   the same cores: a program that waits, or a single thread. Noise from
//!   other programs adds time to a run and never removes it, so each side's
//!   fastest trial is its least disturbed. This assumes the machine's speed
//!   stays put between the two best trials; it does not hold for work that
//!   needs every core, since our virtual cores run faster and slower by
//!   turns, for seconds at a time.
//! - *median of the ratios within each trial* (`measure::median_ratio`),
//!   for claims whose sides use different numbers of cores, or every core:
//!   a trial's two runs are made back to back, in one stretch of the
//!   cores' speed, so each trial gives a ratio of its own, and the median
//!   of those ignores a trial that a change of speed split. Such trials are
//!   also *probed* (`on_all_cores`): around each trial, the machine's cores
//!   run plain arithmetic, and a trial counts only when they delivered what
//!   the machine has.
//!
//! What the machine gave during a whole measurement is watched too
//! (`Watch`): CPU time that other programs or the hypervisor took. A check
//! that needs the whole machine is not judged when it did not have it.
use std::fmt::Debug;
use std::fs::File;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// While held, no other timing measurement runs on this machine: not on
/// another thread of this test binary, and not in another process (a second
/// `cargo test`, or nextest's process per test).
pub struct Exclusive {
    _file: File,
    _guard: MutexGuard<'static, ()>,
}

pub fn exclusive() -> Exclusive {
    static IN_PROCESS: Mutex<()> = Mutex::new(());
    let guard = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    let path = std::env::temp_dir().join("concurrency-measured-timing.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    // Released when the file is closed, that is when `Exclusive` drops.
    file.lock()
        .unwrap_or_else(|e| panic!("lock {}: {e}", path.display()));
    settle();
    Exclusive {
        _file: file,
        _guard: guard,
    }
}

/// Waits, at most half a second, until no thread but this one is ready to
/// run. What the last measurement left behind (its threads being torn down,
/// its worker processes exiting, its memory being handed back) then finishes
/// before the next one starts, instead of taking a core from it. A machine
/// that is busy for other reasons stays busy; this only stops the tests from
/// disturbing each other.
fn settle() {
    wait_until_quiet(Duration::from_millis(500), Duration::from_millis(10));
}

/// Waits until, `every` so often three times in a row, no thread but this
/// one was ready to run, or until `at_most` has passed.
fn wait_until_quiet(at_most: Duration, every: Duration) {
    let deadline = Instant::now() + at_most;
    let mut quiet = 0;
    while Instant::now() < deadline && quiet < 3 {
        match procs_running() {
            Some(n) if n <= 1 => quiet += 1,
            Some(_) => quiet = 0,
            None => {
                // Elsewhere: a fixed pause.
                std::thread::sleep(at_most / 5);
                return;
            }
        }
        std::thread::sleep(every);
    }
}

/// Linux: "procs_running N" in /proc/stat counts the threads on a core or
/// ready for one, this one included.
fn procs_running() -> Option<u32> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    stat.lines()
        .find_map(|l| l.strip_prefix("procs_running "))
        .and_then(|n| n.trim().parse().ok())
}

/// The CPU time the kernel has counted since boot, in seconds: every
/// core's busy time (user, nice and system; not interrupts, which serve
/// whoever is running), the time the hypervisor stole from this virtual
/// machine, and this process's own time, its waited-for children's
/// included (worker processes, python3, `true`). Linux only.
struct Clocks {
    busy: f64,
    steal: f64,
    own: f64,
    at: Instant,
}

/// /proc counts in clock ticks of 1/100 s (USER_HZ, fixed by the kernel's
/// interface on every architecture Rust's std runs Linux on).
const TICK: f64 = 0.01;

fn clocks() -> Option<Clocks> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let cpu: Vec<u64> = stat
        .lines()
        .find(|l| l.starts_with("cpu "))?
        .split_whitespace()
        .skip(1)
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    // user nice system idle iowait irq softirq steal ...
    let (busy, steal) = (cpu.first()? + cpu.get(1)? + cpu.get(2)?, *cpu.get(7)?);
    // /proc/self/stat: after the name in parentheses, field 3 is the state;
    // fields 14 to 17 are utime, stime, cutime and cstime.
    let me = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = me[me.rfind(')')? + 2..].split(' ').collect();
    let own: u64 = fields
        .get(11..15)?
        .iter()
        .map(|f| f.parse::<u64>().ok())
        .sum::<Option<u64>>()?;
    Some(Clocks {
        busy: busy as f64 * TICK,
        steal: steal as f64 * TICK,
        own: own as f64 * TICK,
        at: Instant::now(),
    })
}

/// What the machine gave during a measurement.
#[derive(Clone, Copy, Debug)]
pub struct Load {
    pub wall: Duration,
    /// Cores, on average, that other programs kept busy.
    pub others: f64,
    /// Cores, on average, that the hypervisor took away.
    pub steal: f64,
}

/// Other programs and the hypervisor may use at most this many cores, on
/// average, while a check that needs the whole machine is measured: about
/// ten times what this machine's own services use when nobody works on it
/// (0.01 cores), and a tenth of a busy program's one core.
pub const QUIET: f64 = 0.1;

impl Load {
    /// Why the machine was not quiet enough for a check that needs all of
    /// it, or None.
    pub fn busy(&self, cores: usize) -> Option<String> {
        (self.others + self.steal > QUIET).then(|| {
            format!(
                "other programs kept {:.2} of the {cores} cores busy, and the hypervisor took \
                 {:.2}, on average over the {:.1} s of the measurement (at most {QUIET} in all \
                 is quiet enough)",
                self.others,
                self.steal,
                self.wall.as_secs_f64()
            )
        })
    }
}

/// Watches what other programs and the hypervisor take from the machine
/// while a measurement runs.
pub struct Watch(Option<Clocks>);

impl Watch {
    pub fn start() -> Watch {
        Watch(clocks())
    }

    /// None where the system does not tell (not Linux).
    pub fn stop(&self) -> Option<Load> {
        let (a, b) = (self.0.as_ref()?, clocks()?);
        let wall = b.at - a.at;
        let secs = wall.as_secs_f64().max(1e-3);
        Some(Load {
            wall,
            others: ((b.busy - a.busy) - (b.own - a.own)).max(0.0) / secs,
            steal: (b.steal - a.steal) / secs,
        })
    }
}

/// How many cores' worth of computing the machine delivers right now.
/// A thread pinned to each core runs a fixed piece of plain arithmetic
/// alone, one core after another; then all of them run it at once. The
/// probe is the sum, over the cores, of the fastest lone time over that
/// core's time among the others: `cores` on a machine that gives all its
/// cores at full speed; less when another program holds one, when one of
/// our virtual cores runs slower than the other (they do, for seconds at a
/// time), or when together they deliver less than each does alone (they
/// share hardware underneath). The threads are pinned because a probe this
/// short would otherwise also measure how soon the scheduler spreads new
/// threads over the cores, which is no property of the machine.
pub struct Probe {
    cpus: Vec<usize>,
    units: u64,
}

/// A trial counts when the probes on both sides of it found at least this
/// fraction of the machine's cores, unless the claim says otherwise
/// (`delivered` in tests/claims.toml). Our lower bounds on speedups are
/// 0.6 to 0.7 of a core's work per core: on a machine that delivers less
/// than 0.85 of its cores, a listing that scales could miss them.
pub const DELIVERED: f64 = 0.85;

/// The fraction of its cores the machine must deliver for a trial of the
/// claim being measured to count (`harness::run` sets it).
static NEEDED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub fn set_needed(fraction: f64) {
    NEEDED.store(fraction.to_bits(), std::sync::atomic::Ordering::Relaxed);
}

pub fn needed() -> f64 {
    match f64::from_bits(NEEDED.load(std::sync::atomic::Ordering::Relaxed)) {
        0.0 => DELIVERED,
        f => f,
    }
}

/// The checks of the claim being measured, where their values are medians
/// of ratios within trials (`harness::run` sets them, for the claims whose
/// estimator is `median-within`; none while `cargo xtask measure` writes
/// the book, whose figures come from every trial). A check is *decided*
/// once more than half of the trials it wants meet its bound: the median
/// of those trials then meets it, whatever the others give. Trials stop
/// once every check they serve is decided (`until_decided`, `decided`),
/// so a claim that passes runs three of its five trials, and one that
/// fails runs them all. A check that stands on any machine
/// (`Quiet::ToRefute`) counts every trial; others count the trials that
/// had the cores.
pub struct Decide {
    pub meets: Box<dyn Fn(f64) -> bool + Send>,
    pub every_trial: bool,
}

static DECIDE: Mutex<Vec<Decide>> = Mutex::new(Vec::new());

pub fn set_decide(checks: Vec<Decide>) {
    *DECIDE.lock().unwrap_or_else(|e| e.into_inner()) = checks;
}

/// Whether check `check` of the claim being measured is decided by these
/// ratios, a over b, one per trial: `counted` from the trials that had the
/// cores, `all` from every trial.
pub fn decided(check: usize, counted: &[f64], all: &[f64], wanted: usize) -> bool {
    let decide = DECIDE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(decide) = decide.get(check) else {
        return false;
    };
    // The median of n values (the upper one of an even count, as
    // `measure::median` takes it) is within the bound when more than n / 2
    // of them are. The counted trials stop at `wanted`, so more than
    // `wanted / 2` decide them. Every trial's median is over every trial
    // run, which may be more than `wanted` when some did not count: they
    // must have a majority too.
    let meeting = |ratios: &[f64]| ratios.iter().filter(|r| (decide.meets)(**r)).count();
    if decide.every_trial {
        let m = meeting(all);
        m > wanted / 2 && m > all.len() / 2
    } else {
        meeting(counted) > wanted / 2
    }
}

impl Probe {
    /// A probe of the first `cores` CPUs this process may run on, whose
    /// arithmetic takes about 10 ms on one of them.
    pub fn new(cores: usize) -> Probe {
        let mut units = 100_000;
        while time(&mut || {
            compute(units);
        }) < Duration::from_millis(10)
        {
            units *= 2;
        }
        let mut cpus = allowed_cpus();
        cpus.truncate(cores);
        Probe { cpus, units }
    }

    /// The cores delivered; as many as there are where they cannot be
    /// probed (one core, or no way to pin a thread).
    pub fn delivered(&self) -> f64 {
        if self.cpus.len() < 2 {
            return self.cpus.len().max(1) as f64;
        }
        // What the trial just before left running (rayon's threads looking
        // for more work, tokio's workers, worker processes exiting) would
        // take cores from the probe, which would blame the machine: it
        // finishes first, for at most 100 ms.
        wait_until_quiet(Duration::from_millis(100), Duration::from_millis(1));
        let units = self.units;
        let on = |cpu: usize| {
            move || {
                let _ = concurrency_measured::threads::time_slicing::pin_to(cpu);
                time(&mut || {
                    compute(units);
                })
            }
        };
        let alone = self
            .cpus
            .iter()
            .map(|&cpu| std::thread::scope(|s| s.spawn(on(cpu)).join().unwrap()))
            .min()
            .unwrap();
        let together: Vec<Duration> = std::thread::scope(|s| {
            let threads: Vec<_> = self.cpus.iter().map(|&cpu| s.spawn(on(cpu))).collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        together
            .iter()
            .map(|t| alone.as_secs_f64() / t.as_secs_f64())
            .sum()
    }

    pub fn enough(&self, delivered: f64) -> bool {
        delivered >= self.needed()
    }

    /// The cores a trial needs delivered.
    pub fn needed(&self) -> f64 {
        needed() * self.cpus.len().max(1) as f64
    }

    /// Waits, at most `at_most`, until two probes in a row find the cores
    /// delivered: our virtual cores slow down for seconds, at times for
    /// minutes, and a measurement that needs them starts better after such
    /// a stretch than in it. Gives up after 5 s when other programs keep a
    /// core busy meanwhile: that is load, not the cores' speed, and the
    /// measurement will say so. Returns what the probes found.
    pub fn wait_for_cores(&self, at_most: Duration) -> Vec<f64> {
        let started = Instant::now();
        let watch = Watch::start();
        let mut found = Vec::new();
        while started.elapsed() < at_most {
            found.push(self.delivered());
            if found.len() >= 2 && found[found.len() - 2..].iter().all(|d| self.enough(*d)) {
                break;
            }
            if started.elapsed() > Duration::from_secs(5)
                && watch.stop().is_some_and(|load| load.others > 0.5)
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        found
    }
}

/// The CPUs this process may run on (Linux); none elsewhere, where the
/// probe cannot pin its threads.
#[cfg(target_os = "linux")]
fn allowed_cpus() -> Vec<usize> {
    // Safety: `set` is a plain bit mask that we own; pid 0 means the
    // calling thread.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set) != 0 {
            return Vec::new();
        }
        (0..libc::CPU_SETSIZE as usize)
            .filter(|&c| libc::CPU_ISSET(c, &set))
            .collect()
    }
}

#[cfg(not(target_os = "linux"))]
fn allowed_cpus() -> Vec<usize> {
    Vec::new()
}

/// Plain arithmetic, never waiting: the work chapter 4's threads do.
fn compute(units: u64) -> u64 {
    concurrency_measured::threads::time_slicing::compute(units)
}

pub struct Side {
    pub name: &'static str,
    pub times: Vec<Duration>,
}

impl Side {
    pub fn new(name: &'static str) -> Side {
        Side {
            name,
            times: Vec::new(),
        }
    }

    pub fn best(&self) -> Duration {
        *self.times.iter().min().expect("at least one trial")
    }

    fn describe(&self) -> String {
        let all: Vec<String> = self.times.iter().map(|t| format!("{t:.2?}")).collect();
        format!(
            "{}: best {:.2?} of [{}]",
            self.name,
            self.best(),
            all.join(", ")
        )
    }
}

pub struct Pair {
    pub a: Side,
    pub b: Side,
    /// Whether each trial counts: the machine delivered its cores on both
    /// sides of it (always, for trials that were not probed).
    pub usable: Vec<bool>,
    /// What the probes found, before the first trial and after each one.
    pub probes: Vec<f64>,
    /// Where the two sides, or two trials, gave different answers.
    pub disagreement: Option<String>,
    /// The trials stopped before `wanted` counted, because the check was
    /// already decided (`until_decided`).
    pub decided: bool,
}

impl Pair {
    fn new(a: &'static str, b: &'static str) -> Pair {
        Pair {
            a: Side::new(a),
            b: Side::new(b),
            usable: Vec::new(),
            probes: Vec::new(),
            disagreement: None,
            decided: false,
        }
    }

    /// a's best time over b's best time.
    pub fn ratio(&self) -> f64 {
        self.a.best().as_secs_f64() / self.b.best().as_secs_f64()
    }

    /// a's time over b's time in every trial, whether it counted or not.
    pub fn ratios_all(&self) -> Vec<f64> {
        self.a
            .times
            .iter()
            .zip(&self.b.times)
            .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
            .collect()
    }

    /// a's time over b's time in each trial that counts.
    pub fn ratios_within(&self) -> Vec<f64> {
        self.a
            .times
            .iter()
            .zip(&self.b.times)
            .zip(&self.usable)
            .filter(|(_, usable)| **usable)
            .map(|((a, b), _)| a.as_secs_f64() / b.as_secs_f64())
            .collect()
    }

    pub fn describe(&self) -> String {
        let mut s = format!("{}\n{}", self.a.describe(), self.b.describe());
        if !self.probes.is_empty() {
            let probes: Vec<String> = self.probes.iter().map(|p| format!("{p:.2}")).collect();
            s += &format!(
                "\ncores delivered, before the first trial and after each: [{}]; \
                 {} of {} trials counted",
                probes.join(", "),
                self.usable.iter().filter(|u| **u).count(),
                self.usable.len()
            );
        }
        s
    }

    /// Runs one trial, alternating which side goes first, and checks that
    /// both sides give the answer the first run gave.
    fn trial<R: PartialEq + Debug>(
        &mut self,
        trial: usize,
        first: &mut Option<R>,
        a: &mut impl FnMut() -> R,
        b: &mut impl FnMut() -> R,
    ) {
        let mut run = |side: &mut Side, f: &mut dyn FnMut() -> R| {
            let t0 = Instant::now();
            let answer = f();
            side.times.push(t0.elapsed());
            match first {
                None => *first = Some(answer),
                Some(expected) if *expected != answer && self.disagreement.is_none() => {
                    self.disagreement = Some(format!(
                        "in trial {}, `{}` gave {answer:?} where the first run gave {expected:?}",
                        trial + 1,
                        side.name
                    ));
                }
                Some(_) => {}
            }
        };
        if trial.is_multiple_of(2) {
            run(&mut self.a, a);
            run(&mut self.b, b);
        } else {
            run(&mut self.b, b);
            run(&mut self.a, a);
        }
    }
}

/// Runs `a` and `b` `trials` times each, alternating which goes first, and
/// keeps the time of every run. Both sides must give the same answer, in
/// every trial: a side that is faster because it skipped work is refuted.
pub fn interleaved<R: PartialEq + Debug>(
    trials: usize,
    (a_name, mut a): (&'static str, impl FnMut() -> R),
    (b_name, mut b): (&'static str, impl FnMut() -> R),
) -> Pair {
    let mut pair = Pair::new(a_name, b_name);
    let mut first = None;
    for trial in 0..trials {
        pair.trial(trial, &mut first, &mut a, &mut b);
        pair.usable.push(true);
    }
    pair
}

/// Trials of two sides that need every core, for the median of the ratios
/// within each trial. A probe runs before the first trial and after each
/// one, and a trial counts only when the probes on both sides of it found
/// the machine delivering its cores. Trials go on until `wanted` count, or
/// until three times as many have run: a quiet machine finishes early,
/// and a machine that would not give its cores says so (`median_ratio`
/// then reports the check as not measured).
pub fn on_all_cores<R: PartialEq + Debug>(
    wanted: usize,
    a: (&'static str, impl FnMut() -> R),
    b: (&'static str, impl FnMut() -> R),
) -> Pair {
    probed_trials(wanted, None, a, b)
}

/// `on_all_cores`, for a pair whose median ratio, a over b, as it is, is
/// the value of check `check` of the claim: the trials stop once they
/// decide that check (`Decide`). A measurement that makes a check's value
/// otherwise (scaled, or from other numbers) calls `on_all_cores`.
pub fn until_decided<R: PartialEq + Debug>(
    check: usize,
    wanted: usize,
    a: (&'static str, impl FnMut() -> R),
    b: (&'static str, impl FnMut() -> R),
) -> Pair {
    probed_trials(wanted, Some(check), a, b)
}

fn probed_trials<R: PartialEq + Debug>(
    wanted: usize,
    check: Option<usize>,
    (a_name, mut a): (&'static str, impl FnMut() -> R),
    (b_name, mut b): (&'static str, impl FnMut() -> R),
) -> Pair {
    let probe = Probe::new(super::registry::cores());
    let mut pair = Pair::new(a_name, b_name);
    let mut first = None;
    pair.probes.push(probe.delivered());
    let mut trial = 0;
    while pair.usable.iter().filter(|u| **u).count() < wanted && trial < 3 * wanted {
        let decides = |c| decided(c, &pair.ratios_within(), &pair.ratios_all(), wanted);
        if pair.disagreement.is_none() && check.is_some_and(decides) {
            pair.decided = true;
            break;
        }
        pair.trial(trial, &mut first, &mut a, &mut b);
        let after = probe.delivered();
        let before = pair.probes[trial];
        pair.usable
            .push(probe.enough(before) && probe.enough(after));
        pair.probes.push(after);
        trial += 1;
    }
    pair
}

pub fn time(f: &mut impl FnMut()) -> Duration {
    let t0 = Instant::now();
    f();
    t0.elapsed()
}
