//! One request, made with plain blocking code: no runtime, no thread of
//! its own, nothing to set up. The server is a stand-in on 127.0.0.1 that
//! answers a single request after 20 ms.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

/// A server for one request, on a thread of its own, on a port the
/// operating system picks. It stops after it has answered.
pub fn serve_once() -> (SocketAddr, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        // Read the request up to the blank line that ends its headers.
        let mut reader = BufReader::new(&stream);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 2 {
            line.clear();
        }
        thread::sleep(Duration::from_millis(20)); // a slow answer
        let body = "resource 7";
        write!(
            &stream,
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
    });
    (addr, server)
}

// ANCHOR: get
/// GET `path` from `addr`: connect, write the request, read until the
/// server closes the connection. Each call blocks this thread until it is
/// done, which is all a program that makes one request needs.
pub fn get(addr: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

pub fn main() {
    let (addr, server) = serve_once();
    let t0 = Instant::now();
    let response = get(addr, "/7");
    let status = response.lines().next().unwrap();
    let body = response.split("\r\n\r\n").nth(1).unwrap();
    println!("GET /7 -> {status}, {body:?} in {:.1?}", t0.elapsed());
    assert_eq!(body, "resource 7");
    server.join().unwrap();
}
// ANCHOR_END: get
