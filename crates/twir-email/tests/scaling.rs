//! Hostile sizes and shapes: the edition takes time in proportion to the issue (4x the input
//! stays under 10x the time), and deep nesting neither overflows the stack of a server thread
//! nor slows the build down. (The figures are measured by `cargo bench -p twir-email --bench
//! email_scaling`; these tests only guard the shape, with generous bounds.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::time::{Duration, Instant};
use twir_content::{Document, Site};
use twir_email::{Options, build};

/// tokio's `spawn_blocking` threads (where `twir serve` builds `/email/N/`) get 2 MiB.
const SERVER_STACK: usize = 2 << 20;

fn site() -> Site {
    Site {
        root: ".".into(),
        config: Default::default(),
    }
}

fn issue(body: &str) -> Document {
    Document::parse(format!(
        "Title: This Week in Rust 9\nNumber: 9\nDate: 2024-01-03\n\n{body}"
    ))
}

fn options() -> Options {
    Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::from_second(1_705_500_000).unwrap(),
    }
}

/// Builds the edition of `body` on a thread with a server thread's stack; the time it took.
fn timed_build(body: String) -> Duration {
    std::thread::Builder::new()
        .stack_size(SERVER_STACK)
        .spawn(move || {
            let doc = issue(&body);
            let start = Instant::now();
            let edition = build(&site(), &doc, &options()).expect("edition builds");
            let took = start.elapsed();
            assert!(edition.html.contains("</html>"));
            took
        })
        .unwrap()
        .join()
        .expect("no panic, no stack overflow")
}

/// The smaller of three runs, so a busy machine does not fail the ratio.
fn best_of_three(make: impl Fn() -> String) -> Duration {
    (0..3).map(|_| timed_build(make())).min().unwrap()
}

fn links(n: usize) -> String {
    let mut s = String::from("## Links\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "* [A link to something interesting](https://example.org/article-{i})\n"
        ));
    }
    s
}

fn unclosed_divs(n: usize) -> String {
    format!("{}\nx\n", "<div>\n".repeat(n))
}

fn assert_linear(name: &str, make: impl Fn(usize) -> String, n: usize) {
    let small = best_of_three(|| make(n));
    let large = best_of_three(|| make(4 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    eprintln!(
        "{name}: {n} -> {small:?}, {} -> {large:?} (x{ratio:.1})",
        4 * n
    );
    assert!(
        ratio < 10.0,
        "{name}: 4x the input took {ratio:.1}x the time ({small:?} -> {large:?})"
    );
}

#[test]
fn many_links_take_linear_time() {
    assert_linear("links", links, 1_000);
}

#[test]
fn nested_divs_take_linear_time() {
    assert_linear("divs", unclosed_divs, 2_000);
}

#[test]
fn deep_nesting_fits_a_server_thread() {
    // 5,000 unclosed `<div>` (25 KB) overflowed `twir email` and killed `twir serve`.
    for n in [5_000, 100_000] {
        timed_build(unclosed_divs(n));
        timed_build(format!("{}x", "<blockquote><ul><li>".repeat(n / 3)));
    }
    // Markdown's own nesting: quotes and lists.
    timed_build(">".repeat(50_000) + " x");
    timed_build(
        (0..2_000)
            .map(|i| format!("{}* x\n", " ".repeat(i * 2)))
            .collect(),
    );
}
