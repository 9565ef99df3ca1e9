//! The GitHub-fed generators from the command line: `prs --git` on a local clone (no network),
//! and clear failures when the API cannot be used.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn git(dir: &Path, args: &[&str], date: &str) {
    let ok = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Dev")
        .env("GIT_AUTHOR_EMAIL", "dev@example.org")
        .env("GIT_COMMITTER_NAME", "Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@example.org")
        .status()
        .expect("git runs")
        .success();
    assert!(ok, "git {args:?}");
}

fn site(dir: &Path) {
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::create_dir_all(dir.join("draft")).unwrap();
}

#[test]
fn prs_from_a_local_clone() {
    let site_dir = tempfile::tempdir().unwrap();
    site(site_dir.path());
    let repo = tempfile::tempdir().unwrap();
    let r = repo.path();
    git(r, &["init", "-q", "-b", "main"], "2026-08-01T10:00:00Z");
    std::fs::write(r.join("a.txt"), "a").unwrap();
    git(r, &["add", "."], "2026-08-01T10:00:00Z");
    git(r, &["commit", "-q", "-m", "root"], "2026-08-01T10:00:00Z");
    for (n, title, date) in [
        (102, "Old change", "2026-08-03T10:00:00Z"),
        (101, "Stabilize the thing", "2026-08-12T10:00:00Z"),
        (103, "Speed up the other thing", "2026-08-17T10:00:00Z"),
    ] {
        git(r, &["checkout", "-q", "-b", &format!("b{n}"), "main"], date);
        std::fs::write(r.join(format!("{n}.txt")), title).unwrap();
        git(r, &["add", "."], date);
        git(r, &["commit", "-q", "-m", title], date);
        git(r, &["checkout", "-q", "main"], date);
        let msg = format!("Merge pull request #{n} from dev/b{n}\n\n{title}");
        git(
            r,
            &["merge", "-q", "--no-ff", "-m", &msg, &format!("b{n}")],
            date,
        );
    }
    let out = Command::cargo_bin("twir")
        .unwrap()
        .arg("--root")
        .arg(site_dir.path())
        .args(["prs", "--date", "2026-08-19", "--git"])
        .arg(format!("{}=rust-lang/rust=Compiler", r.display()))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("#### Compiler"), "{out}");
    assert!(
        out.contains("(https://github.com/rust-lang/rust/pull/101)"),
        "{out}"
    );
    assert!(
        out.contains("(https://github.com/rust-lang/rust/pull/103)"),
        "{out}"
    );
    assert!(
        !out.contains("pull/102"),
        "a merge outside the window was listed: {out}"
    );
}

#[test]
fn rfcs_reports_an_unreachable_api_clearly() {
    let site_dir = tempfile::tempdir().unwrap();
    site(site_dir.path());
    // A port nothing listens on: bind, read the port, drop the listener.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    Command::cargo_bin("twir")
        .unwrap()
        .arg("--root")
        .arg(site_dir.path())
        .args(["rfcs", "--date", "2026-08-19", "--api-url"])
        .arg(format!("http://127.0.0.1:{port}/"))
        .env_remove("GITHUB_TOKEN")
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .failure()
        .stderr(predicate::str::contains("127.0.0.1"));
}

#[test]
fn generators_need_a_date_without_a_draft() {
    let site_dir = tempfile::tempdir().unwrap();
    site(site_dir.path());
    Command::cargo_bin("twir")
        .unwrap()
        .arg("--root")
        .arg(site_dir.path())
        .args(["prs", "--git", "x=rust-lang/rust"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no draft"));
}
