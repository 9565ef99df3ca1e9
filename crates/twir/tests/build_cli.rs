//! `twir build` from the command line: the bundled example, broken issues (file:line, exit 1,
//! `--keep-going`), the atomic swap that keeps the old site when a build fails, timings.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[path = "build_common.rs"]
mod common;

use common::{fixture_copy, twir};
use predicates::prelude::*;
use std::path::Path;

#[test]
fn builds_the_bundled_example_from_the_readme() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsletter");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    twir()
        .arg("--root")
        .arg(&example)
        .args(["build", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("built 4 issues, 1 pages"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("This Week in Crabs"));
    assert!(
        out.join("blog/2026/11/18/this-week-in-crabs-4/index.html")
            .is_file()
    );
    assert!(out.join("pages/about.html").is_file());
    assert!(out.join("images/crab.png").is_file());
    assert!(out.join("search.js").is_file());
    // The draft is left out unless asked for.
    assert!(!out.join("blog/2026/11/25").exists());
}

#[test]
fn default_output_is_under_the_root_and_rst_is_a_warning() {
    let (_tmp, root) = fixture_copy();
    twir()
        .arg("--root")
        .arg(&root)
        .args(["build", "--no-search", "--timings"])
        .assert()
        .success()
        .stderr(predicate::str::contains("state-of-fixture.rst: skipped"))
        .stderr(predicate::str::is_match(r"timings: parse [0-9.]+ ms, render [0-9.]+ ms, write [0-9.]+ ms, search [0-9.]+ ms, swap [0-9.]+ ms, total [0-9.]+ ms").unwrap());
    assert!(root.join("output/index.html").is_file());
    assert!(
        root.join("output/blog/2024/01/24/special/index.html")
            .is_file()
    );
}

#[test]
fn a_broken_issue_fails_with_file_and_line_and_keeps_the_old_site() {
    let (tmp, root) = fixture_copy();
    let out = tmp.path().join("out");
    let build = || {
        let mut c = twir();
        c.arg("--root")
            .arg(&root)
            .args(["build", "--no-search", "--out"])
            .arg(&out);
        c
    };
    build().assert().success();
    let before = std::fs::read_to_string(out.join("index2.html")).unwrap();

    // A new issue without a Title, one with a bad date, one that is not UTF-8.
    std::fs::write(
        root.join("content/2024-02-07-broken.md"),
        "Number: 5\nDate: 2024-02-07\n\nBody\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/2024-02-14-bad-date.md"),
        "Title: Bad\nNumber: 6\nDate: 2024-02-31\n\nBody\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/2024-02-21-latin1.md"),
        b"Title: Caf\xe9\nDate: 2024-02-21\n\n",
    )
    .unwrap();
    // Also change an existing issue: the failed build must not publish this either.
    let first = root.join("content/2024-01-03-this-week-in-rust.md");
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, text.replace("Fixture Weekly 1", "Renamed")).unwrap();

    build()
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "content/2024-02-07-broken.md:1: missing `Title:`",
        ))
        .stderr(predicate::str::contains(
            "content/2024-02-14-bad-date.md:3: invalid `Date:` value `2024-02-31`",
        ))
        .stderr(predicate::str::contains(
            "content/2024-02-21-latin1.md:1: not valid UTF-8",
        ))
        .stderr(predicate::str::contains("left unchanged"));
    assert_eq!(
        std::fs::read_to_string(out.join("index2.html")).unwrap(),
        before
    );
    assert!(
        out.join("blog/2024/01/03/fixture-weekly-1/index.html")
            .is_file()
    );
    // No staging folder is left next to the output.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("twir-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // --keep-going builds the rest and reports what it skipped.
    build()
        .arg("--keep-going")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "2024-02-07-broken.md:1: missing `Title:`",
        ));
    let after = std::fs::read_to_string(out.join("index2.html")).unwrap();
    assert!(after.contains(">Renamed</a>"), "{after}");
    assert!(out.join("blog/2024/01/03/renamed/index.html").is_file());
    assert!(!out.join("blog/2024/01/03/fixture-weekly-1").exists());
}

#[test]
fn a_broken_template_fails_the_build_and_keeps_the_old_site() {
    let (tmp, root) = fixture_copy();
    let out = tmp.path().join("out");
    twir()
        .arg("--root")
        .arg(&root)
        .args(["build", "--no-search", "--out"])
        .arg(&out)
        .assert()
        .success();
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(theme.join("templates/issue.html"), "{% extends \"base.html\" %}\n{% block content %}{{ issue.body | nosuchfilter }}{% endblock %}\n").unwrap();
    twir()
        .arg("--root")
        .arg(&root)
        .args(["build", "--no-search", "--out"])
        .arg(&out)
        .arg("--theme")
        .arg(&theme)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("templates/issue.html:2"));
    assert!(
        out.join("blog/2024/01/10/fixture-weekly-2/index.html")
            .is_file()
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let (tmp, root) = fixture_copy();
    let out = tmp.path().join("precious");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "keep me").unwrap();
    twir()
        .arg("--root")
        .arg(&root)
        .args(["build", "--no-search", "--out"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did not write"));
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "keep me"
    );
    twir()
        .arg("--root")
        .arg(&root)
        .args(["build", "--no-search", "--out"])
        .arg(&root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "contains the newsletter repository",
        ));
    assert!(root.join("content").is_dir());
}

#[test]
fn drafts_flag_builds_the_draft() {
    let (tmp, root) = fixture_copy();
    let out = tmp.path().join("out");
    twir()
        .arg("--root")
        .arg(&root)
        .args(["build", "--no-search", "--drafts", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 drafts"));
    assert!(
        out.join("blog/2024/01/31/fixture-weekly-4/index.html")
            .is_file()
    );
}
