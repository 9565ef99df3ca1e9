//! `twir render --bodies`: the body HTML of each issue as DIR/STEM.html, no page chrome.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[path = "build_common.rs"]
mod common;

use common::{fixture, twir};
use predicates::prelude::*;

#[test]
fn writes_one_body_per_issue() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bodies");
    twir()
        .arg("--root")
        .arg(fixture())
        .args(["render", "--bodies"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains("state-of-fixture.rst: skipped"))
        .stdout(predicate::str::contains("rendered 4 bodies"));
    let body = std::fs::read_to_string(dir.join("2024-01-10-this-week-in-rust.html")).unwrap();
    assert!(
        body.starts_with("<p>Second issue, published in the evening.</p>"),
        "{body}"
    );
    assert!(body.contains("<h2 id=\"updates-from-the-community\">"));
    assert!(!body.contains("<html") && !body.contains("Title:"));
}

#[test]
fn renders_only_the_given_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bodies");
    twir()
        .arg("--root")
        .arg(fixture())
        .args(["render", "--bodies"])
        .arg(&dir)
        .arg(fixture().join("content/2024-01-17-this-week-in-rust.md"))
        .assert()
        .success();
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["2024-01-17-this-week-in-rust.html"]);
}

#[test]
fn a_missing_path_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    twir()
        .arg("--root")
        .arg(fixture())
        .args(["render", "--bodies"])
        .arg(tmp.path())
        .arg("content/nope.md")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nope.md: cannot read"));
}
