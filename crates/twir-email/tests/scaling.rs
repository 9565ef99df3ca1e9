//! Hostile sizes and shapes: the edition of a large issue builds within a generous bound, and
//! deep nesting neither overflows the stack of a server thread nor slows the build down. How
//! the time grows with the issue (4x the input under 10x the time) is measured by
//! `cargo bench -p twir-email --bench email_scaling`, not by these tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod scaling_inputs;

use scaling_inputs::{issue, links, nested_quotes, options, site, unclosed_divs};
use std::time::{Duration, Instant};
use twir_email::build;

/// tokio's `spawn_blocking` threads (where `twir serve` builds `/email/N/`) get 2 MiB.
const SERVER_STACK: usize = 2 << 20;

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

/// Generous: the largest input in an unoptimised build on a loaded machine.
const BUDGET: Duration = Duration::from_secs(30);

/// The input at `n` and at 4x builds within the bound. How the time grows (4x the input in
/// less than 10x the time) is measured by `cargo bench -p twir-email --bench email_scaling`,
/// not here: a wall-clock ratio fails on a loaded machine.
fn assert_finishes(name: &str, make: impl Fn(usize) -> String, n: usize) {
    for size in [n, 4 * n] {
        let took = timed_build(make(size));
        eprintln!("{name}: {size} in {took:?}");
        assert!(took < BUDGET, "{name}: {size} took {took:?}");
    }
}

#[test]
fn many_links_build_in_bounded_time() {
    assert_finishes("links", links, 1_000);
}

#[test]
fn nested_divs_build_in_bounded_time() {
    assert_finishes("divs", unclosed_divs, 2_000);
}

#[test]
fn deep_nesting_fits_a_server_thread() {
    // 5,000 unclosed `<div>` (25 KB) overflowed `twir email` and killed `twir serve`.
    for n in [5_000, 100_000] {
        timed_build(unclosed_divs(n));
        timed_build(format!("{}x", "<blockquote><ul><li>".repeat(n / 3)));
    }
    // Markdown's own nesting: quotes and lists.
    timed_build(nested_quotes(50_000));
    timed_build(
        (0..2_000)
            .map(|i| format!("{}* x\n", " ".repeat(i * 2)))
            .collect(),
    );
}
