//! Listing 13-8's server, started as a real child process (the crate's
//! `listing` program, which runs its `serve` when started with
//! `SHUTDOWN_SERVER=1`: `shutdown_server_if_asked`) and stopped by
//! a real signal while requests are in flight: every request it accepted is
//! answered, and nothing after the signal is accepted.
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The server's process; killed and waited for when dropped, so that a
/// failing test leaves none behind.
struct Server {
    child: Child,
    out: BufReader<ChildStdout>,
    addr: SocketAddr,
}

impl Server {
    fn start() -> Server {
        let program = Path::new(env!("CARGO_BIN_EXE_listing"));
        let mut child = Command::new(program)
            .env("SHUTDOWN_SERVER", "1")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("server said {line:?}"))
            .parse()
            .unwrap();
        Server { child, out, addr }
    }

    fn signal(&self, signal: libc::c_int) {
        // Safety: kill has no preconditions; the child is ours and not yet
        // waited for, so its pid is not reused.
        assert_eq!(
            unsafe { libc::kill(self.child.id() as libc::pid_t, signal) },
            0
        );
    }

    /// Waits (at most `limit`) for the server to exit; returns its status,
    /// the time it took, and the lines it printed after its address.
    fn exit(&mut self, limit: Duration) -> (ExitStatus, Duration, Vec<String>) {
        let t0 = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(t0.elapsed() < limit, "server still running after {limit:?}");
            thread::sleep(Duration::from_millis(5));
        };
        let lines = (&mut self.out).lines().map(Result::unwrap).collect();
        (status, t0.elapsed(), lines)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A request for `ms` of work: `Some(connection)` once the server says
/// "working" (it accepted the request), `None` if it refused or closed the
/// connection without a word. No answer within 5 s fails the test.
fn start_request(addr: SocketAddr, ms: u64) -> Option<BufReader<TcpStream>> {
    let stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    (&stream).write_all(format!("{ms}\n").as_bytes()).ok()?;
    let mut conn = BufReader::new(stream);
    let reply = next_line(&mut conn)?;
    assert_eq!(reply, "working");
    Some(conn)
}

/// The next line; `None` when the server closed or reset the connection.
fn next_line(conn: &mut BufReader<TcpStream>) -> Option<String> {
    let mut line = String::new();
    match conn.read_line(&mut line) {
        Ok(0) => None,
        Ok(_) => Some(line.trim_end().to_string()),
        Err(e) if e.kind() == io::ErrorKind::ConnectionReset => None,
        Err(e) => panic!("no word from the server: {e}"),
    }
}

#[test]
fn sigterm_stops_accepting_and_every_accepted_request_is_answered() {
    let mut server = Server::start();
    // Eight requests of 100 to 450 ms, all accepted and in flight.
    let mut in_flight: Vec<_> = (0..8)
        .map(|i| start_request(server.addr, 100 + 50 * i).expect("refused before the signal"))
        .collect();
    server.signal(libc::SIGTERM);
    // Requests after the signal: accepted ones (sent before the server saw
    // it) must be answered too; within a second, one must be refused.
    let t0 = Instant::now();
    while let Some(conn) = start_request(server.addr, 100) {
        in_flight.push(conn);
        assert!(
            t0.elapsed() < Duration::from_secs(1),
            "still accepting 1 s after SIGTERM"
        );
    }
    for conn in &mut in_flight {
        assert_eq!(
            next_line(conn).as_deref(),
            Some("done"),
            "an accepted request was lost"
        );
    }
    let (status, _, lines) = server.exit(Duration::from_secs(5));
    let n = in_flight.len();
    assert_eq!(
        lines,
        [
            "SIGTERM: no new connections".to_string(),
            format!("accepted {n}, answered {n}, cut off at the deadline 0"),
        ]
    );
    assert!(status.success(), "{status}");
}

#[test]
fn ctrl_c_stops_it_the_same_way() {
    let mut server = Server::start();
    let mut conn = start_request(server.addr, 200).unwrap();
    server.signal(libc::SIGINT);
    assert_eq!(next_line(&mut conn).as_deref(), Some("done"));
    let (status, _, lines) = server.exit(Duration::from_secs(5));
    assert_eq!(lines[0], "ctrl-c: no new connections");
    assert_eq!(
        lines[1],
        "accepted 1, answered 1, cut off at the deadline 0"
    );
    assert!(status.success(), "{status}");
}

#[test]
fn a_request_longer_than_the_deadline_is_cut_off_and_reported() {
    let mut server = Server::start();
    let mut conn = start_request(server.addr, 10_000).unwrap();
    server.signal(libc::SIGTERM);
    // The server's deadline is 1 s: it exits after it, not after the 10 s.
    let (status, took, lines) = server.exit(Duration::from_secs(5));
    assert!(took >= Duration::from_millis(900), "exited after {took:?}");
    assert_eq!(
        lines[1],
        "accepted 1, answered 0, cut off at the deadline 1"
    );
    assert_eq!(
        status.code(),
        Some(1),
        "a lost request must show in the status"
    );
    assert_eq!(next_line(&mut conn), None);
}
