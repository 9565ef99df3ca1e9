//! Adversarial lines (what a broken paste or a hostile pull request may hold) are parsed and
//! checked in time proportional to their size: four times the input may take at most ten times
//! as long (a quadratic scan takes sixteen). Each shape here was quadratic once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::time::{Duration, Instant};
use twir_check::{CheckOptions, IssueInfo, check_document};
use twir_content::Document;

const HEADER: &str = "Title: This Week in Rust 1\nNumber: 1\nDate: 2026-01-07\nCategory: This Week in Rust\n\n## Updates from Rust Community\n\n";

fn cost(body: &str) -> Duration {
    let source = format!("{HEADER}{body}\n");
    let start = Instant::now();
    let doc = Document::parse(source);
    let diags = check_document(&doc, &CheckOptions::default(), &IssueInfo::default());
    let took = start.elapsed();
    std::hint::black_box(diags);
    took
}

fn assert_scales(name: &str, unit: &str, bytes: usize) {
    const SLACK: Duration = Duration::from_millis(20);
    let small = unit.repeat(bytes / unit.len());
    let large = unit.repeat(4 * bytes / unit.len());
    // Warm allocator and caches once on the large input.
    cost(&large);
    let t1 = cost(&small);
    let t4 = cost(&large);
    eprintln!(
        "{name}: {} bytes {t1:?}, {} bytes {t4:?} (x{:.1})",
        small.len(),
        large.len(),
        t4.as_secs_f64() / t1.as_secs_f64().max(1e-9)
    );
    assert!(
        t4 < t1 * 10 + SLACK,
        "{name}: 4x input took {t4:?} against {t1:?}"
    );
}

#[test]
fn adversarial_lines_scale_linearly() {
    const KB: usize = 1 << 10;
    for (name, unit) in [
        ("open tags", "<a "),
        ("open comments mid-line", "x <!-- "),
        ("open declarations", "x <!a "),
        ("autolink-like", "<http:x "),
        ("links into comments", "[x](<!-- "),
        ("open links", "[a]("),
        ("open titles", "[a](b \""),
        ("backticks", "`a``b```c"),
        ("brackets", "["),
        ("spaced destinations", "[a](b c "),
    ] {
        assert_scales(name, unit, 32 * KB);
    }
}

/// Found by the `fmt_roundtrip` fuzz target: tab-indented nested items made the nesting rule
/// subtract a column count from a smaller byte count.
#[test]
fn tab_indented_nested_items_are_checked_and_formatted() {
    let text = "-\t\t\n\n\t -\t\n\n\t -\t\t\t\t\n\n\t -\t\n\n\t -\n\t -\t\n\n\t -\t -\t \t -\n\n\t\n\n\t -\t\n\0\0\0\0  \t-\n\t\t- \t -";
    let doc = Document::parse(text);
    check_document(&doc, &CheckOptions::default(), &IssueInfo::default());
    let once = twir_check::fmt::format(text);
    assert_eq!(twir_check::fmt::format(&once), once);
}
