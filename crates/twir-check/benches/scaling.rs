//! How the time of parsing and checking grows with the size of the input shapes that used to be
//! quadratic (`tests/scaling/mod.rs`), through `twir_testkit::scaling`: the median of 15 runs at
//! the base size and at 4x, and their ratio; fails at 10x or more. Run by hand or in a quiet CI
//! step, never as a test: a wall-clock ratio is only meaningful on an otherwise idle machine.
//!
//! `cargo bench -p twir-check --bench scaling [NAME...]` (names filter the shapes).

#[path = "../tests/scaling/mod.rs"]
mod scaling;

use std::hint::black_box;
use twir_check::{CheckOptions, IssueInfo, check_document};
use twir_content::Document;

fn main() {
    twir_testkit::scaling::bench_main(scaling::cases(), |body| {
        let doc = Document::parse(format!("{}{body}\n", scaling::HEADER));
        black_box(check_document(
            &doc,
            &CheckOptions::default(),
            &IssueInfo::default(),
        ));
    });
}
