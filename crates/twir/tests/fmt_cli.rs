//! `twir fmt` driven as a binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

const MESSY: &str = "Title: This Week in Rust 666\nNumber: 666\nDate: 2026-08-26\nCategory: This Week in Rust\n\n\nHello.   \n\n\n## Updates from Rust Community\n\n### Official\n- [A](https://example.org/a)\n* [B](https://example.org/b)* [C](https://example.org/c)\n\n* [D](https://example.org/d)\n";
const CLEAN: &str = "Title: This Week in Rust 666\nNumber: 666\nDate: 2026-08-26\nCategory: This Week in Rust\n\nHello.\n\n## Updates from Rust Community\n\n### Official\n* [A](https://example.org/a)\n* [B](https://example.org/b)\n* [C](https://example.org/c)\n* [D](https://example.org/d)\n";

fn twir(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("twir").unwrap();
    c.current_dir(dir);
    c
}

#[test]
fn check_shows_a_diff_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("issue.md");
    fs::write(&p, MESSY).unwrap();
    twir(dir.path())
        .args(["fmt", "--check", "issue.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("--- issue.md"))
        .stdout(predicate::str::contains("+* [C](https://example.org/c)"))
        .stderr(predicate::str::contains("1 file not formatted"));
    assert_eq!(fs::read_to_string(&p).unwrap(), MESSY);
}

#[test]
fn formats_in_place_idempotently() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("issue.md");
    fs::write(&p, MESSY).unwrap();
    twir(dir.path())
        .args(["fmt", "issue.md"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("formatted issue.md"));
    assert_eq!(fs::read_to_string(&p).unwrap(), CLEAN);
    twir(dir.path())
        .args(["fmt", "--check", "issue.md"])
        .assert()
        .code(0)
        .stdout("");
    twir(dir.path()).args(["fmt", "issue.md"]).assert().code(0);
    assert_eq!(fs::read_to_string(&p).unwrap(), CLEAN);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "temporary file left behind"
    );
}

#[test]
fn formats_the_drafts_by_default() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("draft")).unwrap();
    let p = dir.path().join("draft/2026-08-26-this-week-in-rust.md");
    fs::write(&p, MESSY).unwrap();
    twir(dir.path()).args(["fmt", "--check"]).assert().code(1);
    twir(dir.path()).arg("fmt").assert().code(0);
    assert_eq!(fs::read_to_string(&p).unwrap(), CLEAN);
}
