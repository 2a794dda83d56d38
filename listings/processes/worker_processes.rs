//! The notes' `multiprocessing`, in Rust: the program starts copies of
//! itself as worker processes, sends each a share of the numbers over a
//! pipe, and adds up the counts of primes they send back.
use std::env;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{self, Child, Command, Stdio};
use std::thread;
use std::time::Instant;

pub fn count_primes(numbers: &[u64]) -> usize {
    numbers.iter().filter(|&&n| is_prime(n)).count()
}

fn is_prime(n: u64) -> bool {
    n >= 2
        && (2..)
            .take_while(|d| d * d <= n)
            .all(|d| !n.is_multiple_of(d))
}

// ANCHOR: worker
/// Set in a worker's environment: "you are a worker, not the parent".
const WORKER: &str = "PRIMES_WORKER";

/// Called first thing in `main`. In the parent it returns at once. In a
/// worker it reads numbers from stdin until the parent closes the pipe,
/// writes how many of them are prime to stdout, and exits.
pub fn serve_if_worker() {
    if env::var_os(WORKER).is_none() {
        return;
    }
    let mut bytes = Vec::new();
    io::stdin().read_to_end(&mut bytes).unwrap();
    let numbers: Vec<u64> = bytes
        .chunks_exact(8)
        .map(|b| u64::from_le_bytes(b.try_into().unwrap()))
        .collect();
    let count = count_primes(&numbers) as u64;
    io::stdout().write_all(&count.to_le_bytes()).unwrap();
    io::stdout().flush().unwrap();
    process::exit(0);
}
// ANCHOR_END: worker

// ANCHOR: guard
/// A running worker process. Dropping it kills the process if it is still
/// running and waits for it to end, so that no worker outlives the parent's
/// use of it: not when all goes well, and not when the parent panics.
pub struct Worker(pub Child);

impl Worker {
    /// Starts `program` (a copy of this one) as a worker.
    pub fn start(program: &Path) -> io::Result<Worker> {
        let child = Command::new(program)
            .env(WORKER, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        Ok(Worker(child))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
// ANCHOR_END: guard

// ANCHOR: parent
/// Numbers go to the workers in blocks of 1,000, dealt like cards, so each
/// worker gets small and large numbers alike (as in Listing 2-2).
const BLOCK: usize = 1_000;

pub fn count_primes_on_processes(numbers: &[u64], workers: usize, program: &Path) -> usize {
    let mut running = Vec::new();
    for w in 0..workers {
        let mut worker = Worker::start(program).unwrap();
        let mut share = Vec::new();
        for block in numbers.chunks(BLOCK).skip(w).step_by(workers) {
            for n in block {
                share.extend_from_slice(&n.to_le_bytes());
            }
        }
        // Write the share, then drop our end of the pipe: the worker reads
        // until it sees the pipe closed.
        let mut stdin = worker.0.stdin.take().unwrap();
        stdin.write_all(&share).unwrap();
        drop(stdin);
        running.push(worker);
    }
    let mut total = 0;
    for worker in &mut running {
        let mut count = [0; 8];
        let stdout = worker.0.stdout.as_mut().unwrap();
        stdout.read_exact(&mut count).unwrap();
        assert!(worker.0.wait().unwrap().success());
        total += u64::from_le_bytes(count) as usize;
    }
    total
}
// ANCHOR_END: parent

// ANCHOR: main
pub fn main() {
    serve_if_worker(); // a worker never gets past this line
    let program = env::current_exe().unwrap();
    let workers = thread::available_parallelism().unwrap().get();
    let numbers: Vec<u64> = (0..200_000).collect();

    let t0 = Instant::now();
    let here = count_primes(&numbers);
    let in_process = t0.elapsed();

    let t0 = Instant::now();
    let there = count_primes_on_processes(&numbers, workers, &program);
    let on_workers = t0.elapsed();

    assert_eq!(here, there);
    println!(
        "{here} primes: in this process {in_process:.2?}, on {workers} workers {on_workers:.2?}"
    );
    println!(
        "speedup {:.2}x",
        in_process.as_secs_f64() / on_workers.as_secs_f64()
    );
}
// ANCHOR_END: main
