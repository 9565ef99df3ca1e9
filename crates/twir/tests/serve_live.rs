//! `twir serve` end to end: the binary on an ephemeral loopback port, pages fetched over HTTP,
//! an edited issue rebuilt and announced to open pages, path traversal answered with 404,
//! and a broken file shown as an error page while the server keeps running.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[path = "build_common.rs"]
mod common;

#[path = "serve_common.rs"]
mod serve_common;

use serve_common::{Server, edit};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

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
        "GET /__twir/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
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
        assert_eq!(server.raw(path).0, 404, "{path}");
    }
    assert_eq!(server.raw("/index.html").0, 200);
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
