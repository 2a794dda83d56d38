//! The word count of Listing 15-1 on two processes that talk over TCP on
//! 127.0.0.1. The program starts two copies of itself; each runs the same
//! dataflow as one process of a timely cluster, as it would on two machines.
use std::env;
use std::fs;
use std::io::{self, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{self, Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};
use timely::{CommunicationConfig, WorkerConfig};

// The word count of Listing 15-1, from this book's crate.
use concurrency_measured::distributed::word_count::{Counts, count_sequential, count_words, line};

// ANCHOR: worker
/// Set in a worker process's environment: its place in the cluster.
const PROCESS: &str = "WORD_COUNT_PROCESS";
/// The hostfile: every process's address, one a line, in process order.
const HOSTFILE: &str = "WORD_COUNT_HOSTFILE";
const LINES: &str = "WORD_COUNT_LINES";
/// Only for the experiments with failure: "crash N" or "hang N".
const FAULT: &str = "WORD_COUNT_FAULT";
/// The exit code of a worker that could not start its network because its
/// address was taken. Any other failure exits with another code.
pub const NO_NETWORK: i32 = 3;

/// Call first thing in `main`. In the program you start, it returns at
/// once. In a worker process it counts as its place in the cluster, prints
/// what it gathered and how long that took, and exits.
pub fn serve_if_worker() {
    let Some(process) = env::var_os(PROCESS) else {
        return;
    };
    let process: usize = process.to_str().unwrap().parse().unwrap();
    let hosts = fs::read_to_string(env::var_os(HOSTFILE).unwrap()).unwrap();
    let lines: u64 = env::var(LINES).unwrap().parse().unwrap();
    let config = timely::Config {
        communication: CommunicationConfig::Cluster {
            threads: 1,
            process,
            addresses: hosts.lines().map(str::to_owned).collect(),
            report: false,
            zerocopy: false,
        },
        worker: WorkerConfig::default(),
    };
    let fault: Option<(String, u64)> = env::var(FAULT).ok().map(|f| {
        let (kind, at) = f.split_once(' ').unwrap();
        (kind.to_owned(), at.parse().unwrap())
    });
    let read_line = move |i| match &fault {
        Some((kind, at)) if *at == i => {
            eprintln!("process {process}: {kind} at line {i}");
            if kind == "crash" {
                process::abort(); // the system closes this process's sockets
            }
            loop {
                thread::park(); // the sockets stay open, and nothing comes
            }
        }
        _ => line(i),
    };
    match count_words(config, lines, read_line) {
        Ok((counts, took)) => {
            for (word, n) in counts {
                println!("count {word} {n}");
            }
            println!("took {}", took.as_nanos());
            process::exit(0);
        }
        Err(e) => {
            eprintln!("{e}");
            let taken = e.starts_with("failed to initialize networking");
            process::exit(if taken { NO_NETWORK } else { 1 });
        }
    }
}
// ANCHOR_END: worker

// ANCHOR: guard
/// A running worker process. Dropping it kills the process if it still
/// runs and waits for it, so no worker outlives its use: not when all goes
/// well, and not when the caller returns early or panics.
pub struct Worker(pub Child);

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
// ANCHOR_END: guard

// ANCHOR: launch
/// One free address on 127.0.0.1 per process: bind port 0, read the port
/// the system chose, and let it go. All are held at once, so they differ.
pub fn free_addresses(n: usize) -> io::Result<Vec<String>> {
    let held: Vec<TcpListener> = (0..n)
        .map(|_| TcpListener::bind("127.0.0.1:0"))
        .collect::<io::Result<_>>()?;
    held.iter()
        .map(|l| Ok(l.local_addr()?.to_string()))
        .collect()
}

/// How a worker process ended, and what it printed.
pub struct Report {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

/// Starts a copy of `program` for each address, as one cluster, and waits
/// for all of them, at most `patience`. `fault` makes one process crash or
/// hang, e.g. `Some((1, "crash 10001"))`.
pub fn run_cluster(
    program: &Path,
    addresses: &[String],
    lines: u64,
    fault: Option<(usize, &str)>,
    patience: Duration,
) -> io::Result<Vec<Report>> {
    // A file of its own for each cluster, as several may run at once.
    static CLUSTERS: AtomicUsize = AtomicUsize::new(0);
    let n = CLUSTERS.fetch_add(1, Ordering::Relaxed);
    let hostfile = env::temp_dir().join(format!("word-count-hosts-{}-{n}", process::id()));
    fs::write(&hostfile, addresses.join("\n"))?;
    let mut workers = start_workers(program, &hostfile, addresses.len(), lines, fault)?;
    let reports = wait_for(&mut workers, patience);
    let _ = fs::remove_file(&hostfile);
    reports
}

/// Starts the processes of the cluster `hostfile` lists, each held by a
/// guard.
pub fn start_workers(
    program: &Path,
    hostfile: &Path,
    processes: usize,
    lines: u64,
    fault: Option<(usize, &str)>,
) -> io::Result<Vec<Worker>> {
    let mut workers = Vec::new();
    for p in 0..processes {
        let mut command = Command::new(program);
        command
            .env(PROCESS, p.to_string())
            .env(HOSTFILE, hostfile)
            .env(LINES, lines.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some((_, what)) = fault.filter(|(who, _)| *who == p) {
            command.env(FAULT, what);
        }
        workers.push(Worker(command.spawn()?));
        // Each process dials the ones before it, and timely retries a
        // refused connection only a second later: give this one a moment
        // to start listening before the next one dials it.
        thread::sleep(Duration::from_millis(50));
    }
    Ok(workers)
}

// ANCHOR_END: launch

// ANCHOR: wait
/// Waits until every worker has exited, or one could not start its network
/// (the others would wait for it forever), or `patience` runs out; then
/// kills whatever still runs, and reads what each worker printed.
fn wait_for(workers: &mut [Worker], patience: Duration) -> io::Result<Vec<Report>> {
    let deadline = Instant::now() + patience;
    loop {
        let mut running = 0;
        let mut stuck = false;
        for worker in workers.iter_mut() {
            match worker.0.try_wait()? {
                None => running += 1,
                Some(status) => stuck |= status.code() == Some(NO_NETWORK),
            }
        }
        if running == 0 || stuck || Instant::now() > deadline {
            break;
        }
        thread::sleep(Duration::from_millis(5));
    }
    for worker in workers.iter_mut() {
        let _ = worker.0.kill();
    }
    // What a worker prints is small, far less than a pipe holds, so it can
    // wait in the pipe until the worker has ended.
    let mut reports = Vec::new();
    for worker in workers.iter_mut() {
        let mut report = Report {
            status: worker.0.wait()?,
            stdout: String::new(),
            stderr: String::new(),
        };
        if let Some(mut out) = worker.0.stdout.take() {
            out.read_to_string(&mut report.stdout)?;
        }
        if let Some(mut err) = worker.0.stderr.take() {
            err.read_to_string(&mut report.stderr)?;
        }
        reports.push(report);
    }
    Ok(reports)
}
// ANCHOR_END: wait

// ANCHOR: count
/// Runs a cluster of `processes` copies of `program` on free ports of
/// 127.0.0.1. Another program may take a port between `free_addresses` and
/// the worker's bind; then this tries once more, with new ports.
pub fn run_on_loopback(
    program: &Path,
    processes: usize,
    lines: u64,
    fault: Option<(usize, &str)>,
    patience: Duration,
) -> io::Result<Vec<Report>> {
    let addresses = free_addresses(processes)?;
    let reports = run_cluster(program, &addresses, lines, fault, patience)?;
    if reports.iter().all(|r| r.status.code() != Some(NO_NETWORK)) {
        return Ok(reports);
    }
    eprintln!("a port was taken; trying again with new ones");
    let addresses = free_addresses(processes)?;
    run_cluster(program, &addresses, lines, fault, patience)
}

/// Counts the words of lines `0..lines` on `processes` copies of
/// `program`. Returns the counts and how long the slowest worker took, or
/// how each process ended when any of them failed.
pub fn count_on_processes(
    program: &Path,
    processes: usize,
    lines: u64,
) -> Result<(Counts, Duration), String> {
    let patience = Duration::from_secs(30);
    let reports =
        run_on_loopback(program, processes, lines, None, patience).map_err(|e| e.to_string())?;
    gather(&reports)
}

/// Adds up what the workers printed, or says how each of them ended.
pub fn gather(reports: &[Report]) -> Result<(Counts, Duration), String> {
    if reports.iter().any(|r| !r.status.success()) {
        let mut what = String::new();
        for (p, r) in reports.iter().enumerate() {
            what += &format!("process {p}: {}; {}\n", r.status, why(&r.stderr));
        }
        return Err(what);
    }
    let mut counts = Counts::new();
    let mut took = Duration::ZERO;
    for line in reports.iter().flat_map(|r| r.stdout.lines()) {
        match line.split(' ').collect::<Vec<_>>()[..] {
            ["count", word, n] => {
                counts.insert(word.to_owned(), n.parse().unwrap());
            }
            ["took", nanos] => took = took.max(Duration::from_nanos(nanos.parse().unwrap())),
            _ => {} // timely's own messages, printed while it connects
        }
    }
    Ok((counts, took))
}

/// The first thing a worker said: the message of its first panic, or the
/// line it printed before it crashed, or what stopped its network.
pub fn why(stderr: &str) -> &str {
    let said = |l: &&str| !l.is_empty() && !l.contains("panicked at");
    stderr.lines().find(said).unwrap_or("")
}
// ANCHOR_END: count

// ANCHOR: main
pub fn main() {
    serve_if_worker(); // a worker never gets past this line
    let program: PathBuf = env::current_exe().unwrap();
    let lines = 20_000;
    let expected = count_sequential(lines);

    let started = Instant::now();
    let (counts, took) = count_on_processes(&program, 2, lines).unwrap();
    let total = started.elapsed();

    assert_eq!(counts, expected);
    println!("2 processes, 1 worker each: the same counts, in {took:.2?}");
    println!("starting, connecting and counting: {total:.2?}");
}
// ANCHOR_END: main
