//! `twir email` on the fixture site `tests/fixtures/email`: by number, by file, the newest
//! published issue by default, the default output folder, `--theme` and `--to`, and clear
//! errors for an unknown number or file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use twir_testkit::copy_dir;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/email")
}

fn twir(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("twir").expect("twir binary");
    cmd.arg("--root").arg(root);
    cmd
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn by_number_writes_three_files_and_reports_the_size() {
    let out = tempfile::tempdir().unwrap();
    twir(&fixture())
        .args(["email", "3", "--out"])
        .arg(out.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("3.html").and(predicate::str::contains("3.eml")))
        .stderr(
            predicate::str::contains("size: HTML")
                .and(predicate::str::contains("under Gmail's 102.0 KB")),
        );
    assert_eq!(names(out.path()), ["3.eml", "3.html", "3.txt"]);
    let eml = fs::read_to_string(out.path().join("3.eml")).unwrap();
    assert!(eml.contains("To: Crab Readers <readers@crabs.example.org>\r\n"));
    assert!(eml.contains("multipart/alternative"));
    let html = fs::read_to_string(out.path().join("3.html")).unwrap();
    assert!(html.contains("<title>This Week in Crabs 3</title>"));
    let text = fs::read_to_string(out.path().join("3.txt")).unwrap();
    assert!(text.starts_with("This Week in Crabs 3\n====================\n"));
}

#[test]
fn by_file_even_a_draft() {
    let out = tempfile::tempdir().unwrap();
    let file = fixture().join("content/2024-01-24-this-week-in-crabs.md");
    twir(&fixture())
        .arg("email")
        .arg(&file)
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    assert_eq!(names(out.path()), ["4.eml", "4.html", "4.txt"]);
}

#[test]
fn newest_published_issue_by_default_into_root_email() {
    let root = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), root.path());
    twir(root.path()).arg("email").assert().success();
    // Issue 4 is newer but a draft: the newest published one is 3.
    assert_eq!(
        names(&root.path().join("email")),
        ["3.eml", "3.html", "3.txt"]
    );
}

#[test]
fn theme_and_to_options() {
    let out = tempfile::tempdir().unwrap();
    twir(&fixture())
        .args(["email", "2", "--theme"])
        .arg(fixture().join("themes/plain"))
        .args(["--to", "list@crabs.example.org", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let html = fs::read_to_string(out.path().join("2.html")).unwrap();
    assert!(html.contains("Plain theme footer."));
    let eml = fs::read_to_string(out.path().join("2.eml")).unwrap();
    assert!(eml.contains("To: list@crabs.example.org\r\n"));
}

#[test]
fn unknown_number_is_a_clear_error() {
    let out = tempfile::tempdir().unwrap();
    twir(&fixture())
        .args(["email", "99", "--out"])
        .arg(out.path())
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains("no published issue has number 99"))
        .stderr(predicate::str::contains("the newest is 3"));
    assert!(names(out.path()).is_empty(), "nothing written on error");
}

#[test]
fn missing_file_and_bad_theme_are_clear_errors() {
    let out = tempfile::tempdir().unwrap();
    twir(&fixture())
        .args(["email", "no-such-issue.md", "--out"])
        .arg(out.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("no-such-issue.md: cannot read"));
    twir(&fixture())
        .args(["email", "3", "--theme", "/nonexistent/theme", "--out"])
        .arg(out.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "/nonexistent/theme: theme folder not found",
        ));
}

#[test]
fn oversized_issue_warns_by_how_much() {
    let root = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), root.path());
    let mut big = String::from(
        "Title: This Week in Crabs 5\nNumber: 5\nDate: 2024-01-31\nCategory: This Week in Crabs\n\n## Links\n\n",
    );
    for i in 0..1500 {
        big.push_str(&format!(
            "* [A rather long title for crab news item number {i}](https://news.example.org/items/{i}/a-long-slug-for-the-item)\n"
        ));
    }
    fs::write(
        root.path().join("content/2024-01-31-this-week-in-crabs.md"),
        big,
    )
    .unwrap();
    twir(root.path())
        .args(["email", "5"])
        .assert()
        .success()
        .stderr(predicate::str::is_match(r"warning: the HTML is \d+\.\d KB \(\d+ bytes\), \d+\.\d KB \(\d+ bytes\) over Gmail's 102\.0 KB clipping limit").unwrap());
    assert!(
        fs::metadata(root.path().join("email/5.html"))
            .unwrap()
            .len()
            > 102 * 1024
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    // 5,000 unclosed <div> (25 KB) killed `twir email` with a stack overflow (a debug build;
    // a release build at 10,000).
    let root = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), root.path());
    let issue = format!(
        "Title: This Week in Crabs 5\nNumber: 5\nDate: 2024-01-31\n\n{}\ndeep\n",
        "<div>\n".repeat(20_000)
    );
    fs::write(
        root.path().join("content/2024-01-31-this-week-in-crabs.md"),
        issue,
    )
    .unwrap();
    twir(root.path()).args(["email", "5"]).assert().success();
    let text = fs::read_to_string(root.path().join("email/5.txt")).unwrap();
    assert!(text.contains("deep"), "{text}");
}

#[test]
fn a_pelican_repository_gets_its_email_theme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/email-pelican");
    let out = tempfile::tempdir().unwrap();
    twir(&root)
        .args(["email", "7", "--out"])
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("(issue 7, \"Crab Mail 7\")"))
        .stderr(predicate::str::contains("note: no 7.eml"));
    assert_eq!(names(out.path()), ["7.html", "7.txt"]);
    let html = fs::read_to_string(out.path().join("7.html")).unwrap();
    assert!(html.contains("No. 7 / 06 MAR 2024"), "{html}");
}
