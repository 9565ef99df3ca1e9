//! Bad input to `twir check` and `twir fmt`: one line naming the file and the reason, exit 2,
//! never a panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn run(cmd: &str, dir: &Path, file: &str, reason: &str) {
    let out = Command::cargo_bin("twir")
        .unwrap()
        .current_dir(dir)
        .args([cmd, file])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(file))
        .stderr(predicate::str::contains(reason))
        .stderr(predicate::str::contains("panicked").not())
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert_eq!(
        text.trim_end().lines().count(),
        1,
        "one line expected: {text}"
    );
}

fn both(dir: &Path, file: &str, reason: &str) {
    run("check", dir, file, reason);
    run("fmt", dir, file, reason);
}

#[test]
fn bad_files_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("latin1.md"), b"Title: caf\xe9\n\nx\n").unwrap();
    both(d, "latin1.md", "not valid UTF-8");
    fs::write(d.join("binary.md"), b"Title: x\n\0\x01\x02").unwrap();
    both(d, "binary.md", "binary file");
    fs::write(d.join("empty.md"), b"").unwrap();
    both(d, "empty.md", "empty file");
    fs::write(d.join("noheader.md"), "# Just a heading\n\ntext\n").unwrap();
    both(d, "noheader.md", "no metadata header");
    fs::write(d.join("huge.md"), "x".repeat(10 * 1024 * 1024)).unwrap();
    both(d, "huge.md", "no metadata header");
    fs::create_dir(d.join("dir.md")).unwrap();
    both(d, "dir.md", "is a directory");
    both(d, "missing.md", "cannot read");
}

#[test]
fn unreadable_files_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Root can read anything: a dangling symlink cannot be read by anyone.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("gone.md"), d.join("dangling.md")).unwrap();
        both(d, "dangling.md", "cannot read");
    }
}

#[cfg(unix)]
#[test]
#[cfg_attr(
    twir_root,
    ignore = "running as root: a mode-000 file is still readable"
)]
fn a_file_without_read_permission_is_a_one_line_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = d.join("locked.md");
    fs::write(&p, "Title: x\n\nbody\n").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    both(d, "locked.md", "cannot read");
}

#[test]
fn no_draft_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("twir")
        .unwrap()
        .current_dir(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("newsletter repository"));
}

#[test]
fn a_bad_file_does_not_hide_the_others() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("ok.md"),
        "Title: x\nNumber: 1\nDate: 2026-01-07\nCategory: c\n\n[a](INSERT_LINK_HERE)\n",
    )
    .unwrap();
    Command::cargo_bin("twir")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "ok.md", "nope.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("INSERT_LINK_HERE"));
}
