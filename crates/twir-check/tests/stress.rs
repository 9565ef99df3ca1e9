//! Adversarial lines (what a broken paste or a hostile pull request may hold) are parsed and
//! checked within a generous time bound; how the time grows with their size (4x the input in
//! less than 10x the time) is `benches/scaling.rs`. Each shape here was quadratic once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::time::{Duration, Instant};
use twir_check::{CheckOptions, IssueInfo, check_document};
use twir_content::Document;

mod scaling;

/// Generous: a 128 KB line in an unoptimised build on a loaded machine.
const BUDGET: Duration = Duration::from_secs(20);

fn cost(body: &str) -> Duration {
    let source = format!("{}{body}\n", scaling::HEADER);
    let start = Instant::now();
    let doc = Document::parse(source);
    let diags = check_document(&doc, &CheckOptions::default(), &IssueInfo::default());
    let took = start.elapsed();
    std::hint::black_box(diags);
    took
}

/// Each shape is checked within the bound at its base size and at 4x. How the time grows
/// (4x the input in less than 10x the time) is measured by
/// `cargo bench -p twir-check --bench scaling`, not here: a wall-clock ratio fails on a
/// loaded machine.
#[test]
fn adversarial_lines_finish() {
    for case in scaling::cases() {
        for body in [&case.small, &case.large] {
            let took = cost(body);
            eprintln!("{}: {} bytes in {took:?}", case.name, body.len());
            assert!(
                took < BUDGET,
                "{}: {took:?} for {} bytes",
                case.name,
                body.len()
            );
        }
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
