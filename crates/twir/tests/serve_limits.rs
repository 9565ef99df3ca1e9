//! `twir serve` against hostile clients and ungentle stops, each checked with a local client:
//! foreign `Host` values are refused, long and odd paths get 404/414 (never 500), only files
//! the build wrote are served (no symlink), slow and idle connections are closed so they
//! cannot lock others out, a flood of email previews stays bounded, and the temporary site
//! is removed on SIGINT/SIGTERM/SIGHUP and a port in use, leftovers of killed servers too.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[path = "build_common.rs"]
mod common;
#[path = "serve_common.rs"]
mod serve_common;

use serve_common::{Server, Start, raw_request};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

fn start_in(root: &Path, tmpdir: &Path, args: &[&str]) -> Server {
    Server::start_with(Start {
        root: Some(root.to_path_buf()),
        tmpdir: Some(tmpdir.to_path_buf()),
        args: args.iter().map(|a| a.to_string()).collect(),
        ..Start::default()
    })
}

/// The `twir-serve-*` folders in `dir`.
fn serve_dirs(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("twir-serve-"))
        .collect()
}

#[test]
fn only_host_values_naming_the_server_are_answered() {
    let (_tmp, root) = common::fixture_copy();
    let server = Server::start(&root);
    let port = server.port();
    let get = |host: &str| {
        raw_request(
            &server.addr,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    for ok in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(get(&ok).0, 200, "{ok}");
    }
    for bad in [
        format!("rebind.example:{port}"),
        format!("localhost.rebind.example:{port}"),
        "localhost".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("192.168.0.7:{port}"),
    ] {
        let (status, text) = get(&bad);
        assert_eq!(status, 403, "{bad}: {text}");
        assert!(!text.contains("Fixture Weekly"), "{bad}: {text}");
    }
    // Drafts, email previews and the event stream are refused as well.
    for path in [
        "/blog/2024/01/31/fixture-weekly-4/",
        "/email/2/",
        "/__twir/events",
    ] {
        let (status, _) = raw_request(
            &server.addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: rebind.example:{port}\r\nConnection: close\r\n\r\n"
            ),
        );
        assert_eq!(status, 403, "{path}");
    }
    // An absolute request target naming another host, and no Host at all.
    let (status, _) = raw_request(
        &server.addr,
        &format!(
            "GET http://rebind.example:{port}/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 403);
    let (status, _) = raw_request(&server.addr, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 403);
}

#[test]
fn long_and_odd_paths_are_404_or_414_never_500() {
    let (_tmp, root) = common::fixture_copy();
    let server = Server::start(&root);
    let long_name = format!("/{}", "a".repeat(300));
    let long_name_in_folder = format!("/blog/{}/index.html", "b".repeat(1000));
    let encoded_long = format!("/{}", "%61".repeat(300));
    for path in [
        long_name.as_str(),
        long_name_in_folder.as_str(),
        encoded_long.as_str(),
        "/%",
        "/%zz",
        "/%c3%28",
        "/a%00b",
        "/a%0d%0ab",
        "/.twir-site",
        "/..",
        "/blog/../../x",
        "/index.html/x",
        "/theme/style.css/",
        "//etc/passwd",
        "/C:/Windows",
        "/a\\b",
    ] {
        let (status, text) = server.raw(path);
        assert_eq!(status, 404, "{path}: {}", &text[..text.len().min(300)]);
    }
    for len in [5_000, 60_000] {
        let path = format!("/{}", "x/".repeat(len / 2));
        let (status, _) = server.raw(&path);
        assert_eq!(status, 414, "a path of {len} bytes");
    }
    // Beyond what the server reads of a request head: refused, still not a server error.
    let path = format!("/{}", "y".repeat(200_000));
    let (status, _) = server.raw(&path);
    assert!(
        (400..500).contains(&status) || status == 0,
        "a 200 kB path: {status}"
    );
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn only_what_the_build_wrote_is_served() {
    let (tmp, root) = common::fixture_copy();
    let temp = tmp.path().join("tmp");
    std::fs::create_dir_all(&temp).unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "secret-7c1f").unwrap();
    let server = start_in(&root, &temp, &[]);
    let dirs = serve_dirs(&temp);
    assert_eq!(dirs.len(), 1, "{dirs:?}");
    let site = temp.join(&dirs[0]);
    // A link planted in the served folder is not followed.
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), site.join("planted.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.path(), site.join("up")).unwrap();
    for path in ["/planted.txt", "/up/secret.txt"] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("secret-7c1f"));
    }
    // A link out of the repository in the sources: an error, and never copied.
    std::os::unix::fs::symlink(
        tmp.path().join("secret.txt"),
        root.join("content/images/leak.txt"),
    )
    .unwrap();
    let page = server.wait_for("/", "shows the unsafe link", |s, _| s == 500);
    assert!(
        page.contains("content/images/leak.txt: unsafe file"),
        "{page}"
    );
    let (status, body) = server.get("/images/leak.txt");
    assert_eq!(status, 404);
    assert!(!body.contains("secret-7c1f"));
}

#[test]
fn slow_and_idle_connections_cannot_lock_others_out() {
    let (tmp, root) = common::fixture_copy();
    // A large image, for a client that stops reading.
    std::fs::write(root.join("content/images/big.bin"), vec![7u8; 48 << 20]).unwrap();
    let temp = tmp.path().join("tmp");
    std::fs::create_dir_all(&temp).unwrap();
    let server = start_in(
        &root,
        &temp,
        &[
            "--header-timeout",
            "1",
            "--idle-timeout",
            "2",
            "--max-connections",
            "16",
        ],
    );
    // Twice as many silent and slow clients as the server takes at once.
    let mut idle: Vec<TcpStream> = (0..32)
        .map(|i| {
            let mut s = TcpStream::connect(&server.addr).unwrap();
            if i % 2 == 0 {
                // Headers started, never finished.
                write!(s, "GET / HTTP/1.1\r\nHost: {}\r\nX-Slow: ", server.addr).unwrap();
            }
            s
        })
        .collect();
    let start = Instant::now();
    let (status, _) = server.get("/");
    assert_eq!(status, 200);
    let waited = start.elapsed();
    assert!(waited < Duration::from_secs(8), "waited {waited:?}");
    // The silent ones were closed by the server.
    let mut buf = [0u8; 64];
    for s in &mut idle {
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let n = s.read(&mut buf).unwrap_or(0);
        let _ = n; // a 408 or nothing, then end of stream
        let mut rest = Vec::new();
        let _ = s.read_to_end(&mut rest);
    }

    // A client that asks for a large file and stops reading is cut off.
    let mut stalled = TcpStream::connect(&server.addr).unwrap();
    write!(
        stalled,
        "GET /images/big.bin HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    std::thread::sleep(Duration::from_secs(5));
    stalled
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut total = 0usize;
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        match stalled.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n,
        }
    }
    assert!(
        total < 48 << 20,
        "the whole file was sent to a stalled client"
    );

    // A page's event stream outlives the idle time-out: it gets heartbeats.
    let mut events = TcpStream::connect(&server.addr).unwrap();
    write!(
        events,
        "GET /__twir/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let start = Instant::now();
    let mut text = Vec::new();
    while start.elapsed() < Duration::from_secs(5) {
        let n = events
            .read(&mut chunk)
            .expect("the event stream stays open");
        assert!(n > 0, "the event stream was closed");
        text.extend_from_slice(&chunk[..n]);
    }
    assert!(String::from_utf8_lossy(&text).contains(": keep-alive"));
    assert_eq!(server.get("/").0, 200);
}

/// Threads of process `pid` (Linux).
fn threads(pid: u32) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn a_flood_of_email_previews_stays_bounded() {
    let (_tmp, root) = common::fixture_copy();
    let server = Server::start(&root);
    let pid = server.child.id();
    let before = threads(pid);
    let addr = server.addr.clone();
    let clients: Vec<_> = (0..200)
        .map(|_| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                raw_request(
                    &addr,
                    &format!("GET /email/2/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
                )
                .0
            })
        })
        .collect();
    let mut peak = before.unwrap_or(0);
    while clients.iter().any(|c| !c.is_finished()) {
        if let Some(t) = threads(pid) {
            peak = peak.max(t);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let statuses: Vec<u16> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 503),
        "{statuses:?}"
    );
    assert!(statuses.contains(&200));
    if before.is_some() {
        // Two workers, at most eight blocking threads, the watcher, the rebuild loop and main.
        assert!(peak <= 20, "{peak} threads");
    }
    assert_eq!(server.get("/email/2/").0, 200);
}

#[test]
fn the_temporary_site_is_removed_on_signals_and_a_port_in_use() {
    let (tmp, root) = common::fixture_copy();
    let temp = tmp.path().join("tmp");
    std::fs::create_dir_all(&temp).unwrap();
    for signal in ["INT", "TERM", "HUP"] {
        let mut server = start_in(&root, &temp, &[]);
        assert_eq!(serve_dirs(&temp).len(), 1);
        assert_eq!(server.get("/").0, 200);
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(server.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        let start = Instant::now();
        while server.alive() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "SIG{signal} ignored"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(serve_dirs(&temp), Vec::<String>::new(), "after SIG{signal}");
    }

    // A port in use: an error saying so, and nothing left behind.
    let server = start_in(&root, &temp, &[]);
    let port = server.port().to_string();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("twir"))
        .arg("--root")
        .arg(&root)
        .args(["serve", "--no-search", "--port", &port])
        .env("TMPDIR", &temp)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("port {port} is in use")),
        "{stderr}"
    );
    assert_eq!(
        serve_dirs(&temp).len(),
        1,
        "the second server left a folder"
    );
    // A server killed outright (SIGKILL, on drop) leaves its folder; the next one removes it.
    drop(server);
    assert_eq!(serve_dirs(&temp).len(), 1);
    let next = start_in(&root, &temp, &[]);
    let left = serve_dirs(&temp);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(&format!("twir-serve-{}-", next.child.id())));
}
