//! How the time of parsing and checking grows with the size of the input shapes that used to be quadratic
//! (`tests/scaling/mod.rs`): the median of 15 runs at the base size and at 4x, and their ratio.
//! Fails when 4x the input takes 10x the time or more (linear work gives about 4x, quadratic
//! 16x). Run by hand or in a quiet CI step, never as a test: a wall-clock ratio is only
//! meaningful on an otherwise idle machine.
//!
//! `cargo bench -p twir-check --bench scaling [NAME...]` (names filter the shapes). Without
//! `--bench` (`cargo test --benches`) each input runs once and no ratio is checked.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "benchmark code: a panic is the failure report"
)]

#[path = "../tests/scaling/mod.rs"]
mod scaling;

use std::hint::black_box;
use std::time::{Duration, Instant};
use twir_check::{CheckOptions, IssueInfo, check_document};
use twir_content::Document;

const RUNS: usize = 15;
const LIMIT: f64 = 10.0;

fn run(body: &str) {
    let doc = Document::parse(format!("{}{body}\n", scaling::HEADER));
    black_box(check_document(
        &doc,
        &CheckOptions::default(),
        &IssueInfo::default(),
    ));
}

fn median(input: &str, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run(black_box(input));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let filter: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let runs = if bench { RUNS } else { 1 };
    let mut slow = Vec::new();
    println!(
        "{:<26} {:>12} {:>12} {:>6}",
        "shape", "1x median", "4x median", "ratio"
    );
    for case in scaling::cases() {
        if !filter.is_empty() && !filter.iter().any(|f| case.name.contains(f.as_str())) {
            continue;
        }
        // Warm the allocator and caches on the large input once.
        median(&case.large, 1);
        let t1 = median(&case.small, runs);
        let t4 = median(&case.large, runs);
        let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-9);
        println!("{:<26} {t1:>12.2?} {t4:>12.2?} {ratio:>5.1}x", case.name);
        if bench && ratio >= LIMIT {
            slow.push(case.name);
        }
    }
    if !slow.is_empty() {
        eprintln!(
            "4x the input took {LIMIT}x the time or more: {}",
            slow.join(", ")
        );
        std::process::exit(1);
    }
}
