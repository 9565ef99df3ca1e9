//! The three output formats on one fixture, as insta snapshots.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::Path;
use twir_check::report::{FileDiagnostics, render_github, render_human, render_json};
use twir_check::{CheckOptions, IssueInfo, check_document};
use twir_content::Document;

fn diagnostics() -> (String, Vec<twir_check::Diagnostic>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/check/snapshot.md");
    let doc = Document::load(&path).unwrap();
    let diags = check_document(&doc, &CheckOptions::default(), &IssueInfo::default());
    (doc.source.clone(), diags)
}

fn files<'a>(source: &'a str, diags: &'a [twir_check::Diagnostic]) -> [FileDiagnostics<'a>; 1] {
    [FileDiagnostics {
        name: "draft/2026-08-26-this-week-in-rust.md",
        source,
        diagnostics: diags,
    }]
}

#[test]
fn human_output() {
    let (src, d) = diagnostics();
    insta::assert_snapshot!(render_human(&files(&src, &d), false));
}

#[test]
fn json_output() {
    let (src, d) = diagnostics();
    insta::assert_snapshot!(render_json(&files(&src, &d)));
}

#[test]
fn github_output() {
    let (src, d) = diagnostics();
    insta::assert_snapshot!(render_github(&files(&src, &d)));
}
