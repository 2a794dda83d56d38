//! A server that shuts down without losing a request: on SIGTERM or ctrl-c
//! it stops accepting, lets the requests in flight finish within a
//! deadline, and reports what it accepted and answered.
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

// ANCHOR: signal
/// A token cancelled at the first SIGTERM (`kill`, a service manager) or
/// SIGINT (ctrl-c). The handlers are installed before this returns: from
/// then on, those signals no longer kill the process.
pub fn stop_on_signal() -> io::Result<CancellationToken> {
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let stop = CancellationToken::new();
    let token = stop.clone();
    tokio::spawn(async move {
        tokio::select! {
            _ = term.recv() => println!("SIGTERM: no new connections"),
            _ = int.recv() => println!("ctrl-c: no new connections"),
        }
        token.cancel();
    });
    Ok(stop)
}
// ANCHOR_END: signal

// ANCHOR: serve
pub struct Report {
    pub accepted: usize,
    pub answered: usize,
    pub cut_off: usize,
}

pub async fn serve(listener: TcpListener, stop: CancellationToken, deadline: Duration) -> Report {
    let tracker = TaskTracker::new();
    let answered = Arc::new(AtomicUsize::new(0));
    let mut accepted = 0;
    loop {
        tokio::select! {
            biased; // once stopped, accept nothing more, even a waiting connection
            _ = stop.cancelled() => break,
            conn = listener.accept() => {
                let Ok((stream, _)) = conn else { continue };
                accepted += 1;
                tracker.spawn(handle(stream, answered.clone()));
            }
        }
    }
    drop(listener); // the port is closed: new connections are refused
    tracker.close(); // wait() ends when the tracker is closed and empty
    let _ = tokio::time::timeout(deadline, tracker.wait()).await;
    Report {
        accepted,
        answered: answered.load(Relaxed),
        cut_off: tracker.len(), // still running at the deadline
    }
}

/// One request: a line with a number of milliseconds of work. The server
/// says "working", works that long, and says "done".
async fn handle(stream: TcpStream, answered: Arc<AtomicUsize>) -> io::Result<()> {
    let mut conn = BufReader::new(stream);
    let mut line = String::new();
    conn.read_line(&mut line).await?;
    let ms: u64 = line.trim().parse().map_err(io::Error::other)?;
    conn.write_all(b"working\n").await?;
    tokio::time::sleep(Duration::from_millis(ms)).await;
    conn.write_all(b"done\n").await?;
    answered.fetch_add(1, Relaxed);
    Ok(())
}
// ANCHOR_END: serve

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (a, b, c) = (self.accepted, self.answered, self.cut_off);
        write!(f, "accepted {a}, answered {b}, cut off at the deadline {c}")
    }
}

/// A client: sends a request for `ms` milliseconds of work and returns the
/// connection once the server says it is working on it.
pub async fn start_request(addr: SocketAddr, ms: u64) -> io::Result<BufReader<TcpStream>> {
    let mut conn = BufReader::new(TcpStream::connect(addr).await?);
    conn.write_all(format!("{ms}\n").as_bytes()).await?;
    let reply = next_line(&mut conn).await?;
    assert_eq!(reply, "working");
    Ok(conn)
}

/// The next line from the server; an error if it closed the connection.
pub async fn next_line(conn: &mut BufReader<TcpStream>) -> io::Result<String> {
    let mut line = String::new();
    match conn.read_line(&mut line).await? {
        0 => Err(io::ErrorKind::UnexpectedEof.into()),
        _ => Ok(line.trim_end().to_string()),
    }
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let stop = stop_on_signal().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(serve(listener, stop.clone(), Duration::from_secs(1)));

    let mut in_flight = Vec::new();
    for ms in [100, 200, 300] {
        let conn = start_request(addr, ms).await.unwrap();
        println!("request of {ms} ms: working");
        in_flight.push((ms, conn));
    }
    // A real SIGTERM, to this process, as `kill` sends it.
    // Safety: kill and getpid have no preconditions.
    unsafe { libc::kill(libc::getpid(), libc::SIGTERM) };
    stop.cancelled().await;
    match start_request(addr, 100).await {
        Ok(_) => println!("request after the signal: accepted"),
        Err(_) => println!("request after the signal: not accepted"),
    }
    for (ms, mut conn) in in_flight {
        println!(
            "request of {ms} ms: {}",
            next_line(&mut conn).await.unwrap()
        );
    }
    println!("{}", server.await.unwrap());
}
// ANCHOR_END: main
