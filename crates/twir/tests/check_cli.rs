//! `twir check` driven as a binary: exit codes, formats, --deny, --fix, --since, bad input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/check")
}

/// A repository with one published issue (665) and `draft` as the draft of 666.
fn site(draft: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::create_dir_all(dir.path().join("draft")).unwrap();
    fs::copy(
        fixtures().join("recent/2026-08-19-this-week-in-rust.md"),
        dir.path().join("content/2026-08-19-this-week-in-rust.md"),
    )
    .unwrap();
    fs::write(
        dir.path().join("draft/2026-08-26-this-week-in-rust.md"),
        draft,
    )
    .unwrap();
    dir
}

fn base() -> String {
    fs::read_to_string(fixtures().join("base.md")).unwrap()
}

fn twir(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("twir").unwrap();
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

const DRAFT: &str = "draft/2026-08-26-this-week-in-rust.md";

#[test]
fn clean_draft_exits_0() {
    let dir = site(&base());
    twir(dir.path())
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 file checked: 0 errors, 0 warnings",
        ));
}

#[test]
fn errors_exit_1_with_rustc_like_output() {
    let text = base().replace(
        "xyz789/this_week_in_rust_666",
        "aaa111/this_week_in_rust_665",
    );
    let dir = site(&text);
    twir(dir.path())
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[stale-discussion-link]: discussion thread of issue 665",
        ))
        .stdout(predicate::str::contains(format!("--> {DRAFT}:36:28")))
        .stdout(predicate::str::contains("<small>[Discuss on r/rust]"));
}

#[test]
fn warnings_pass_unless_denied() {
    let text = base().replace(
        "* [Announcing Rust 1.99]",
        "- [Announcing Rust 1.98](https://example.org/98)\n* [Announcing Rust 1.99]",
    );
    let dir = site(&text);
    twir(dir.path())
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors, 1 warning"));
    twir(dir.path())
        .args(["check", "--deny", "warnings"])
        .assert()
        .code(1);
}

#[test]
fn duplicates_against_recent_issues_and_recent_zero() {
    let text = base().replace(
        "https://example.org/talks/traits",
        "https://www.example.org/blog/last-week/",
    );
    let dir = site(&text);
    twir(dir.path())
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("already published in issue 665"));
    twir(dir.path())
        .args(["check", "--recent", "0"])
        .assert()
        .code(0);
}

#[test]
fn json_and_github_formats() {
    let text = base().replace(
        "https://example.org/blog/vec-t",
        "https://example.org/blog/vec-t?utm_source=rss",
    );
    let dir = site(&text);
    let out = twir(dir.path())
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json = String::from_utf8(out).unwrap();
    assert!(
        json.trim_start().starts_with('[') && json.trim_end().ends_with(']'),
        "{json}"
    );
    for field in [
        format!("\"file\": \"{DRAFT}\""),
        "\"code\": \"tracking-param\"".into(),
        "\"severity\": \"error\"".into(),
        "\"line\": 17".into(),
        "\"end_line\": 17".into(),
        "\"fix\": \"https://example.org/blog/vec-t\"".into(),
        "\"column\": ".into(),
        "\"end_column\": ".into(),
        "\"message\": ".into(),
    ] {
        assert!(json.contains(&field), "{field} missing in {json}");
    }
    twir(dir.path())
        .args(["check", "--format", "github"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(format!(
            "::error file={DRAFT},line=17,col="
        )))
        .stdout(predicate::str::contains(
            "title=tracking-param::tracking parameter `utm_source` in URL",
        ));
}

#[test]
fn fix_applies_safe_fixes_atomically_and_reports_the_rest() {
    let text = base()
        .replace(
            "https://example.org/blog/vec-t",
            "https://example.org/blog/vec-t?utm_source=rss",
        )
        .replace("* [video]", "+ [video]")
        .replace(
            "https://www.meetup.com/rust-paris/events/2/",
            "INSERT_LINK_HERE",
        );
    let dir = site(&text);
    twir(dir.path())
        .args(["check", "--fix"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("applied 2 fixes"))
        .stdout(predicate::str::contains("placeholder `INSERT_LINK_HERE`"))
        .stdout(predicate::str::contains("tracking-param").not());
    let fixed = fs::read_to_string(dir.path().join(DRAFT)).unwrap();
    assert!(fixed.contains("(https://example.org/blog/vec-t)"));
    assert!(fixed.contains("* [video] [A talk"));
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("draft")).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "temporary file left behind");
}

#[test]
fn project_tooling_links_only_when_asked() {
    let text = base().replace(
        "Nothing from the editors this week.",
        "* [My tool](https://example.org/tool)",
    );
    let dir = site(&text);
    twir(dir.path()).arg("check").assert().code(0);
    twir(dir.path())
        .args(["check", "--deny-project-tooling-links"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("project-tooling-link"));
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn since_reports_only_new_diagnostics() {
    // Old problems: a placeholder, and an event listed twice (its message names the other
    // entry's line, which moves when a line is added above).
    let berlin = "* 2026-08-27 | Virtual (Berlin, DE) | [Rust Berlin](https://www.meetup.com/rust-berlin)\n    * [**Rust Hack and Learn**](https://www.meetup.com/rust-berlin/events/1/)\n";
    let old = base()
        .replace(
            "https://www.meetup.com/rust-paris/events/2/",
            "INSERT_LINK_HERE",
        )
        .replace(berlin, &format!("{berlin}{berlin}"));
    assert!(old.matches(berlin).count() == 2, "fixture changed");
    let dir = site(&old);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    // The old problem moves down two lines; a new one appears.
    let new = old
        .replace("Hello and welcome", "Intro line.\n\nHello and welcome")
        .replace(
            "https://example.org/talks/traits",
            "https://example.org/talks/traits?fbclid=1",
        );
    fs::write(dir.path().join(DRAFT), new).unwrap();
    twir(dir.path())
        .args(["check", "--since", "HEAD", "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("tracking-param"))
        .stdout(predicate::str::contains("INSERT_LINK_HERE").not())
        .stdout(predicate::str::contains("duplicate-event").not());
    // Without --since the duplicate is there.
    twir(dir.path())
        .args(["check", "--format", "json"])
        .assert()
        .stdout(predicate::str::contains("duplicate-event"));
    fs::write(
        dir.path().join(DRAFT),
        old.replace("Hello and welcome", "Intro.\n\nHello and welcome"),
    )
    .unwrap();
    twir(dir.path())
        .args(["check", "--since", "HEAD"])
        .assert()
        .code(0);
    twir(dir.path())
        .args(["check", "--since", "no-such-rev"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-rev"));
}
