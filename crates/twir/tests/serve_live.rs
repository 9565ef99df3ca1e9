//! `twir serve` end to end: the binary on an ephemeral loopback port, pages fetched over HTTP,
//! an edited issue rebuilt and announced to open pages, path traversal answered with 404,
//! and a broken file shown as an error page while the server keeps running.

#[path = "build_common.rs"]
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<Vec<String>>>,
    http: reqwest::blocking::Client,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(stream: impl Read + Send + 'static, log: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            log.lock().unwrap().push(line);
        }
    });
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("twir"))
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0", "--no-search"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("twir serve starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        collect(child.stdout.take().unwrap(), log.clone());
        collect(child.stderr.take().unwrap(), log.clone());
        let start = Instant::now();
        loop {
            let found = log.lock().unwrap().iter().find_map(|l| {
                l.strip_prefix("Serving on http://")
                    .and_then(|r| r.split('/').next())
                    .map(str::to_string)
            });
            if let Some(addr) = found {
                assert!(addr.starts_with("127.0.0.1:"), "{addr}");
                // reqwest is built without a TLS provider in this workspace; plain HTTP still
                // needs one installed before a client is made.
                let _ = rustls::crypto::ring::default_provider().install_default();
                let http = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(20))
                    .build()
                    .expect("HTTP client");
                return Server {
                    child,
                    addr,
                    log,
                    http,
                };
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("twir serve exited with {status}: {:?}", log.lock().unwrap());
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "no address printed: {:?}",
                log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn get(&self, path: &str) -> (u16, String) {
        let r = self.http.get(self.url(path)).send().expect("request");
        (r.status().as_u16(), r.text().unwrap_or_default())
    }

    /// Polls `path` until `pred` holds (a rebuild is asynchronous).
    fn wait_for(&self, path: &str, what: &str, pred: impl Fn(u16, &str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if pred(status, &body) {
                return body;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{path}: never {what} (last status {status}); log: {:?}",
                self.log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn log_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

/// Sends a request line as written, without any client-side path normalisation.
fn raw_status(addr: &str, path: &str) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    text.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn serves_rebuilds_and_reloads() {
    let (_tmp, root) = common::fixture_copy();
    let server = Server::start(&root);

    let (status, index) = server.get("/");
    assert_eq!(status, 200);
    assert!(index.contains("Fixture Weekly"));
    assert!(
        index.contains("/__twir/livereload.js"),
        "live-reload script injected"
    );
    // Drafts are included when serving.
    assert!(index.contains("Fixture Weekly 4"));
    let (status, js) = server.get("/__twir/livereload.js");
    assert_eq!(status, 200);
    assert!(js.contains("EventSource"));
    assert_eq!(server.get("/theme/style.css").0, 200);
    assert_eq!(server.get("/images/crab.png").0, 200);
    let (status, missing) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(missing.contains("Page not found"));
    // The email edition of a published issue, rendered on request.
    let (status, email) = server.get("/email/2/");
    assert_eq!(status, 200);
    assert!(
        email.contains("Fixture Weekly 2") && email.contains("*|UNSUB|*"),
        "{email}"
    );
    assert_eq!(server.get("/email/99/").0, 404);

    // Open an event stream as a page would and read the first version.
    let mut events = TcpStream::connect(&server.addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        events,
        "GET /__twir/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(events);
    let mut next_version = move || -> String {
        let mut line = String::new();
        loop {
            line.clear();
            if events.read_line(&mut line).unwrap_or(0) == 0 {
                panic!("event stream closed");
            }
            if let Some(v) = line.trim_end().strip_prefix("data: ") {
                return v.to_string();
            }
        }
    };
    let v1 = next_version();

    // Edit the body of an issue: its page changes, and open pages are told to reload.
    let issue = root.join("content/2024-01-10-this-week-in-rust.md");
    edit(
        &issue,
        "Second issue, published in the evening.",
        "Edited while serving.",
    );
    server.wait_for(
        "/blog/2024/01/10/fixture-weekly-2/",
        "shows the edit",
        |s, b| s == 200 && b.contains("Edited while serving."),
    );
    let v2 = next_version();
    assert_ne!(v1, v2);

    // A title change reaches the pages that list the issue.
    edit(
        &issue,
        "Title: Fixture Weekly 2",
        "Title: Fixture Weekly Two",
    );
    server.wait_for("/blog/archives/", "lists the new title", |_, b| {
        b.contains("Fixture Weekly Two")
    });
    let next = server.get("/blog/2024/01/03/fixture-weekly-1/").1;
    assert!(
        next.contains("Fixture Weekly Two"),
        "neighbour's next link updated"
    );
    let rebuilds: Vec<u128> = server
        .log_lines()
        .iter()
        .filter_map(|l| {
            l.strip_prefix("rebuilt in ")?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert!(!rebuilds.is_empty(), "{:?}", server.log_lines());
    println!("rebuild times (debug build): {rebuilds:?} ms");
}

#[test]
fn paths_outside_the_site_are_not_found() {
    let (tmp, root) = common::fixture_copy();
    std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
    let server = Server::start(&root);
    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/blog/..%2f..%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
    ] {
        assert_eq!(raw_status(&server.addr, path), 404, "{path}");
    }
    assert_eq!(raw_status(&server.addr, "/index.html"), 200);
}

#[test]
fn a_broken_file_shows_an_error_page_and_the_server_keeps_running() {
    let (_tmp, root) = common::fixture_copy();
    let mut server = Server::start(&root);
    let broken = root.join("content/2024-02-07-this-week-in-rust.md");
    std::fs::write(&broken, "Number: 5\nDate: 2024-02-07\n\nNo title.\n").unwrap();
    let page = server.wait_for("/", "shows the error", |s, _| s == 500);
    assert!(
        page.contains("2024-02-07-this-week-in-rust.md:1: missing `Title:`"),
        "{page}"
    );
    assert!(
        page.contains("/__twir/livereload.js"),
        "the error page reloads itself"
    );
    // Static files are still served, and the error was printed in the terminal too.
    assert_eq!(server.get("/theme/style.css").0, 200);
    let start = Instant::now();
    while !server
        .log_lines()
        .iter()
        .any(|l| l.contains("missing `Title:`"))
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{:?}",
            server.log_lines()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(server.alive());

    std::fs::write(
        &broken,
        "Title: Fixture Weekly 5\nNumber: 5\nDate: 2024-02-07\n\nFixed.\n",
    )
    .unwrap();
    let index = server.wait_for("/", "recovers", |s, _| s == 200);
    assert!(index.contains("Fixture Weekly 5"));
    assert_eq!(server.get("/blog/2024/02/07/fixture-weekly-5/").0, 200);
    assert!(server.alive());
}
