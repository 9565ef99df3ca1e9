//! Headless-Chromium test harness, std only (included with `#[path]` by the browser tests of
//! `crates/twir` and `crates/twir-search`).
//!
//! - [`Server`]: a static file server on 127.0.0.1 (ephemeral port) that counts the bytes it
//!   serves per path, can inject a test script into HTML pages, and receives the script's
//!   report at `POST /__report`.
//! - [`find_chromium`]: the browser, or a clear failure (or `None` with
//!   `TWIR_SKIP_BROWSER=1`, the caller then prints SKIPPED).
//! - [`run_page`]: opens a URL in headless Chromium and waits for the report;
//!   [`screenshot`]: saves a PNG of a page.
//!
//! Reports are lines `key<TAB>value` (values without newlines), see [`Report`].

#![allow(dead_code)]

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Launch flags that work in this environment (no sandbox as root, no network services).
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
];

/// Phone-sized viewport used by the tests.
pub const PHONE: (u32, u32) = (375, 740);

/// The Chromium binary: `$CHROMIUM`, else `/usr/bin/chromium`, else `chromium` on `PATH`.
/// Without one, panics with install instructions unless `TWIR_SKIP_BROWSER=1`, in which case
/// it returns `None` and the caller prints SKIPPED.
pub fn find_chromium() -> Option<PathBuf> {
    let candidates = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            PathBuf::from("/usr/bin/chromium"),
            PathBuf::from("/usr/bin/chromium-browser"),
        ])
        .chain(std::env::var_os("PATH").into_iter().flat_map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("chromium"))
                .collect::<Vec<_>>()
        }));
    for c in candidates {
        if c.is_file() {
            return Some(c);
        }
    }
    if std::env::var("TWIR_SKIP_BROWSER").as_deref() == Ok("1") {
        return None;
    }
    panic!(
        "headless Chromium not found (looked at $CHROMIUM, /usr/bin/chromium, PATH). \
         Install the Debian package `chromium` (apt-get install -y chromium fonts-dejavu-core) \
         or set TWIR_SKIP_BROWSER=1 to skip browser tests."
    );
}

/// A report posted by the page script: `key<TAB>value` lines; a key may repeat.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub lines: Vec<(String, String)>,
}

impl Report {
    fn parse(body: &str) -> Report {
        let lines = body
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        Report { lines }
    }

    /// First value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.lines
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// All values of `key`, in order.
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.lines
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// `key` as a number; panics with the whole report when absent or not a number.
    pub fn num(&self, key: &str) -> f64 {
        self.get(key)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("report has no number {key:?}: {self:#?}"))
    }
}

#[derive(Default)]
struct Shared {
    served: Vec<(String, u64)>,
    inject: Option<String>,
}

/// Static file server for one test.
pub struct Server {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
    reports: Receiver<Report>,
}

impl Server {
    /// Serves `root` on 127.0.0.1 at an ephemeral port until the test process ends.
    pub fn start(root: &Path) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local addr").port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let (tx, rx) = channel();
        let root = root.to_owned();
        let sh = Arc::clone(&shared);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, sh, tx) = (root.clone(), Arc::clone(&sh), tx.clone());
                thread::spawn(move || {
                    let _ = serve(stream, &root, &sh, &tx);
                });
            }
        });
        Server {
            port,
            shared,
            reports: rx,
        }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// A page that shows `path` in a 375×740 iframe: headless Chromium windows cannot be
    /// narrower than 500 px, an iframe gives the page a phone-sized viewport.
    pub fn phone_url(&self, path: &str) -> String {
        let mut enc = String::new();
        for b in path.bytes() {
            if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
                enc.push(b as char);
            } else {
                enc.push_str(&format!("%{b:02X}"));
            }
        }
        self.url(&format!("/__phone?src={enc}"))
    }

    /// Sets the script injected before `</body>` of every HTML page served from now on.
    pub fn inject(&self, script: Option<String>) {
        self.lock().inject = script;
    }

    /// Paths served so far (without query) and their body sizes; clears the list.
    pub fn take_served(&self) -> Vec<(String, u64)> {
        std::mem::take(&mut self.lock().served)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn serve(
    stream: TcpStream,
    root: &Path,
    sh: &Mutex<Shared>,
    tx: &Sender<Report>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = stream;
    if method == "POST" && path == "/__report" {
        let mut body = vec![0; length.min(1 << 20)];
        reader.read_exact(&mut body)?;
        let _ = tx.send(Report::parse(&String::from_utf8_lossy(&body)));
        return respond(&mut out, 204, "text/plain", b"");
    }
    if path == "/__phone" {
        let src = target
            .split_once("?src=")
            .map(|(_, s)| percent_decode(s))
            .unwrap_or_default();
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>\
             <body style=\"margin:0;background:#888\"><iframe src=\"{}\" width=\"{}\" height=\"{}\" \
             style=\"border:0;display:block;background:#fff\"></iframe></body></html>",
            src.replace('&', "&amp;").replace('"', "&quot;"),
            PHONE.0,
            PHONE.1
        );
        return respond(&mut out, 200, "text/html; charset=utf-8", page.as_bytes());
    }
    let decoded = percent_decode(path);
    if decoded.split('/').any(|seg| seg == "..") {
        return respond(&mut out, 403, "text/plain", b"forbidden");
    }
    let mut file = root.join(decoded.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let Ok(mut body) = fs::read(&file) else {
        return respond(&mut out, 404, "text/plain", b"not found");
    };
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let ctype = match ext {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "css" => "text/css",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    };
    let mut guard = sh.lock().unwrap_or_else(|e| e.into_inner());
    if ext == "html"
        && let Some(script) = &guard.inject
    {
        let html = String::from_utf8_lossy(&body).into_owned();
        let tag = format!("<script>{script}</script>");
        body = match html.rfind("</body>") {
            Some(p) => format!("{}{tag}{}", &html[..p], &html[p..]),
            None => format!("{html}{tag}"),
        }
        .into_bytes();
    }
    guard.served.push((path.to_owned(), body.len() as u64));
    drop(guard);
    respond(&mut out, 200, ctype, &body)
}

fn respond(out: &mut TcpStream, status: u16, ctype: &str, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A running Chromium, killed when dropped.
struct Running {
    child: Child,
    log: PathBuf,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn launch(chromium: &Path, profile: &Path, extra: &[String], url: &str) -> Running {
    let log = profile.with_extension("log");
    let err = fs::File::create(&log).expect("chromium log file");
    let child = Command::new(chromium)
        .args(CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={},{}", PHONE.0, PHONE.1))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    Running { child, log }
}

/// Opens `url` in a fresh headless Chromium (phone-sized window, new profile under `tmp`)
/// and returns the first report the page posts within `timeout`.
pub fn run_page(
    chromium: &Path,
    server: &Server,
    tmp: &Path,
    url: &str,
    timeout: Duration,
) -> Report {
    while server.reports.try_recv().is_ok() {}
    let profile = tmp.join(format!("profile-{}", unique()));
    let running = launch(chromium, &profile, &[], url);
    let start = Instant::now();
    loop {
        match server.reports.recv_timeout(Duration::from_millis(200)) {
            Ok(report) => return report,
            Err(_) if start.elapsed() > timeout => {
                let log = fs::read_to_string(&running.log).unwrap_or_default();
                let tail: String = log.lines().rev().take(20).collect::<Vec<_>>().join("\n");
                panic!(
                    "no report from {url} within {timeout:?}; chromium stderr (last lines, reversed):\n{tail}"
                );
            }
            Err(_) => {}
        }
    }
}

/// Saves a PNG of `url` at the phone viewport to `png`, letting the page run for up to
/// `budget_ms` of virtual time first.
pub fn screenshot(chromium: &Path, tmp: &Path, url: &str, png: &Path, budget_ms: u32) {
    let profile = tmp.join(format!("profile-{}", unique()));
    let mut running = launch(
        chromium,
        &profile,
        &[
            format!("--screenshot={}", png.display()),
            format!("--virtual-time-budget={budget_ms}"),
        ],
        url,
    );
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if let Ok(Some(_)) = running.child.try_wait() {
            break;
        }
        thread::sleep(Duration::from_millis(100));
    }
    assert!(
        png.is_file(),
        "chromium wrote no screenshot at {}",
        png.display()
    );
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Page-side helpers prepended to every test script: `report(obj)` posts `key\tvalue`
/// lines (arrays become repeated keys), `waitFor(fn, ms)` polls until `fn()` is truthy,
/// `layout()` measures the phone layout, `typeInto(input, text, gapMs)` types.
pub const PAGE_HELPERS: &str = r#"
function report(obj) {
  var lines = [];
  Object.keys(obj).forEach(function (k) {
    var v = obj[k];
    (Array.isArray(v) ? v : [v]).forEach(function (x) {
      lines.push(k + '\t' + String(x).replace(/[\t\n\r]/g, ' '));
    });
  });
  return fetch('/__report', { method: 'POST', body: lines.join('\n') });
}
function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
async function waitFor(fn, ms) {
  var end = Date.now() + ms;
  while (Date.now() < end) { var v = fn(); if (v) return v; await sleep(50); }
  throw new Error('timed out waiting for ' + fn);
}
function layout() {
  var se = document.scrollingElement || document.documentElement;
  var art = document.querySelector('article') || document.querySelector('main');
  var rect = art ? art.getBoundingClientRect() : null;
  var p = (art || document.body).querySelector('p') || document.body;
  return {
    scrollWidth: se.scrollWidth, innerWidth: window.innerWidth,
    articleVisible: !!(art && rect.width > 0 && rect.height > 0 && getComputedStyle(art).visibility !== 'hidden' && getComputedStyle(art).display !== 'none'),
    articleLeft: rect ? rect.left : -1, articleRight: rect ? rect.right : -1,
    bodyFontPx: parseFloat(getComputedStyle(p).fontSize)
  };
}
async function typeInto(input, text, gapMs) {
  input.focus();
  input.dispatchEvent(new Event('focus'));
  for (var i = 0; i < text.length; i++) {
    input.value += text[i];
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(gapMs);
  }
}
"#;
