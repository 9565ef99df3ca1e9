//! A `twir serve` process for the serve tests (included with `#[path]`): started on an
//! ephemeral loopback port, its output collected, killed when dropped.

#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `twir serve` process.
pub struct Server {
    /// The process; killed when the server is dropped.
    pub child: Child,
    /// `HOST:PORT` it listens on.
    pub addr: String,
    /// Lines it printed so far (stdout and stderr).
    pub log: Arc<Mutex<Vec<String>>>,
    /// Client for requests to it.
    pub http: reqwest::blocking::Client,
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

/// How to start a server.
#[derive(Debug, Clone, Default)]
pub struct Start {
    /// `--root` argument (none: the server uses the current folder).
    pub root: Option<PathBuf>,
    /// Folder to run in.
    pub cwd: Option<PathBuf>,
    /// Extra arguments after `serve`.
    pub args: Vec<String>,
    /// TMPDIR of the server (where it builds).
    pub tmpdir: Option<PathBuf>,
}

impl Server {
    /// `twir --root ROOT serve --port 0 --no-search`.
    pub fn start(root: &Path) -> Server {
        Server::start_with(Start {
            root: Some(root.to_path_buf()),
            ..Start::default()
        })
    }

    /// A server started as `how` says; waits for its address.
    pub fn start_with(how: Start) -> Server {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("twir"));
        if let Some(root) = &how.root {
            cmd.arg("--root").arg(root);
        }
        cmd.args(["serve", "--port", "0", "--no-search"])
            .args(&how.args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(cwd) = &how.cwd {
            cmd.current_dir(cwd);
        }
        if let Some(tmp) = &how.tmpdir {
            cmd.env("TMPDIR", tmp);
        }
        let mut child = cmd.spawn().expect("twir serve starts");
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

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// The absolute URL of `path` on it.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// GETs `path`: status and body as text.
    pub fn get(&self, path: &str) -> (u16, String) {
        let r = self.http.get(self.url(path)).send().expect("request");
        (r.status().as_u16(), r.text().unwrap_or_default())
    }

    /// GETs `path`: status and body as bytes.
    pub fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        let r = self.http.get(self.url(path)).send().expect("request");
        (
            r.status().as_u16(),
            r.bytes().map(|b| b.to_vec()).unwrap_or_default(),
        )
    }

    /// Polls `path` until `pred` holds (a rebuild is asynchronous).
    pub fn wait_for(&self, path: &str, what: &str, pred: impl Fn(u16, &str) -> bool) -> String {
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

    /// Whether the process still runs.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// A copy of the lines it printed so far.
    pub fn log_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Waits until a line of the log contains `text`.
    pub fn wait_log(&self, text: &str) {
        let start = Instant::now();
        while !self.log_lines().iter().any(|l| l.contains(text)) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never logged {text:?}: {:?}",
                self.log_lines()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends a request as written (no client-side normalisation), with `Host: ADDR`.
    pub fn raw(&self, path: &str) -> (u16, String) {
        raw_request(
            &self.addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.addr
            ),
        )
    }
}

/// Sends `request` as bytes and returns the status code and the whole answer.
pub fn raw_request(addr: &str, request: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// Replaces `from` by `to` in a file (which must contain it).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}
