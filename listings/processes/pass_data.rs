//! What it costs to hand data to another process, and to another thread.
use std::env;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{self, Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::Instant;

const WORKER: &str = "PASS_DATA_WORKER";

// ANCHOR: worker
/// In a worker: receive messages until the parent closes the pipe. A
/// message is its length (8 bytes), then its bytes; the worker reads them
/// into its own memory and answers with the length it received.
pub fn serve_if_worker() {
    if env::var_os(WORKER).is_none() {
        return;
    }
    let (mut input, mut output) = (io::stdin().lock(), io::stdout().lock());
    let mut buffer = Vec::new();
    let mut len = [0; 8];
    while input.read_exact(&mut len).is_ok() {
        let len = u64::from_le_bytes(len) as usize;
        if buffer.len() != len {
            buffer = vec![0; len];
        }
        input.read_exact(&mut buffer).unwrap();
        output
            .write_all(&(buffer.len() as u64).to_le_bytes())
            .unwrap();
        output.flush().unwrap();
    }
    process::exit(0);
}
// ANCHOR_END: worker

/// A worker process that receives data; killed and reaped when dropped.
pub struct ProcessReceiver(pub Child);

impl ProcessReceiver {
    pub fn start(program: &Path) -> io::Result<ProcessReceiver> {
        let child = Command::new(program)
            .env(WORKER, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        Ok(ProcessReceiver(child))
    }

    // ANCHOR: to_process
    /// Hands `data` to the worker: every byte is copied into the pipe, and
    /// out of it again into the worker's memory.
    pub fn send(&mut self, data: &[u8]) -> usize {
        let stdin = self.0.stdin.as_mut().unwrap();
        stdin.write_all(&(data.len() as u64).to_le_bytes()).unwrap();
        stdin.write_all(data).unwrap();
        let mut len = [0; 8];
        self.0
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut len)
            .unwrap();
        u64::from_le_bytes(len) as usize
    }
    // ANCHOR_END: to_process
}

impl Drop for ProcessReceiver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A thread that receives data and hands it back.
pub struct ThreadReceiver {
    to: Option<Sender<Vec<u8>>>,
    from: Receiver<Vec<u8>>,
    thread: Option<JoinHandle<()>>,
}

impl ThreadReceiver {
    pub fn start() -> ThreadReceiver {
        let (to, inbox) = mpsc::channel::<Vec<u8>>();
        let (outbox, from) = mpsc::channel();
        let thread = thread::spawn(move || {
            for data in inbox {
                outbox.send(data).unwrap();
            }
        });
        ThreadReceiver {
            to: Some(to),
            from,
            thread: Some(thread),
        }
    }

    // ANCHOR: to_thread
    /// Hands `data` to the thread and gets it back: moving a `Vec` moves its
    /// pointer, length and capacity (24 bytes); the 64 MiB stay where they are.
    pub fn send(&self, data: Vec<u8>) -> Vec<u8> {
        self.to.as_ref().unwrap().send(data).unwrap();
        self.from.recv().unwrap()
    }
    // ANCHOR_END: to_thread
}

impl Drop for ThreadReceiver {
    fn drop(&mut self) {
        drop(self.to.take()); // closing the channel ends the thread's loop
        let _ = self.thread.take().unwrap().join();
    }
}

pub const SIZE: usize = 64 << 20; // 64 MiB

// ANCHOR: main
pub fn main() {
    serve_if_worker();
    let mut process = ProcessReceiver::start(&env::current_exe().unwrap()).unwrap();
    let thread = ThreadReceiver::start();
    let mut data = vec![7u8; SIZE];

    for round in 1..=3 {
        let t0 = Instant::now();
        assert_eq!(process.send(&data), SIZE);
        let to_process = t0.elapsed();

        let t0 = Instant::now();
        data = thread.send(data);
        let to_thread = t0.elapsed();

        assert_eq!(data.len(), SIZE);
        let gb_per_s = SIZE as f64 / to_process.as_secs_f64() / 1e9;
        println!(
            "round {round}: 64 MiB to a process {to_process:>8.2?} ({gb_per_s:.1} GB/s), \
             to a thread {to_thread:>8.2?}"
        );
    }
}
// ANCHOR_END: main
