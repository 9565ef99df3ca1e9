//! A closed or full stdout (`twir check | head -1`, `twir publish ... | true`, `> /dev/full`)
//! ends every command quietly with the status it would have had: no panic, no exit 101, and
//! the work is done (publish publishes).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use twir_testkit::copy_dir;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsletter")
}

const DRAFT: &str = "draft/2026-11-25-this-week-in-crabs.md";

/// A copy of the example whose draft can be published.
fn publishable() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(), dir.path());
    let path = dir.path().join(DRAFT);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in [
        (
            "<!-- COTW goes here -->",
            "This week's crate is [shell](https://crates.io/crates/shell), a crate for shells.",
        ),
        (
            "<!-- PR count goes here -->",
            "400 pull requests were merged in the last week.",
        ),
        (
            "<!-- QOTW goes here -->",
            "> Quote.\n\n– [Someone](https://forum.crabs.example.org/t/quotes/60)",
        ),
    ] {
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&path, text).unwrap();
    dir
}

/// How stdout is attached.
#[derive(Clone, Copy, Debug)]
enum Stdout {
    /// Open and read by nobody: the reference status.
    Null,
    /// A socket whose other end is closed before the command starts: every write is EPIPE.
    Closed,
    /// `/dev/full`: every write is ENOSPC.
    Full,
}

fn run(root: &Path, args: &[&str], stdout: Stdout) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_twir"));
    cmd.arg("--root").arg(root).args(args);
    cmd.stdin(Stdio::null()).stderr(Stdio::piped());
    match stdout {
        Stdout::Null => {
            cmd.stdout(Stdio::null());
        }
        Stdout::Closed => {
            let (ours, theirs) = UnixStream::pair().unwrap();
            drop(ours);
            cmd.stdout(Stdio::from(std::os::fd::OwnedFd::from(theirs)));
        }
        Stdout::Full => {
            cmd.stdout(std::fs::File::create("/dev/full").unwrap());
        }
    }
    cmd.output().unwrap()
}

/// Runs `args` on a fresh copy of the example (made by `site`) with each kind of stdout and
/// asserts the same exit status as with an open stdout, and no panic.
fn same_status(site: fn() -> tempfile::TempDir, args: &[&str]) {
    let reference = run(site().path(), args, Stdout::Null);
    let code = reference.status.code();
    assert!(code.is_some(), "{args:?}: killed by a signal");
    assert_ne!(code, Some(101), "{args:?}: {reference:?}");
    for stdout in [Stdout::Closed, Stdout::Full] {
        let out = run(site().path(), args, stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            code,
            "{args:?} with {stdout:?} stdout: {stderr}"
        );
        assert!(
            !stderr.contains("panicked"),
            "{args:?} with {stdout:?}: {stderr}"
        );
    }
}

fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(), dir.path());
    dir
}

fn without_draft() -> tempfile::TempDir {
    let dir = example_copy();
    std::fs::remove_file(dir.path().join(DRAFT)).unwrap();
    dir
}

#[test]
fn printing_commands_keep_their_status() {
    // check exits 1 (the example draft has unfilled placeholders); the others 0.
    same_status(example_copy, &["check"]);
    same_status(example_copy, &["check", "--format", "json"]);
    same_status(example_copy, &["check", "--format", "github"]);
    same_status(example_copy, &["fmt", "--check"]);
    same_status(example_copy, &["publish", "--dry-run"]);
    same_status(publishable, &["publish", "--dry-run"]);
    same_status(without_draft, &["new", "--date", "2026-11-25", "--dry-run"]);
    same_status(example_copy, &["build", "--no-search"]);
    same_status(example_copy, &["email"]);
    same_status(example_copy, &["--help"]);
    same_status(example_copy, &["--version"]);
    same_status(example_copy, &["no-such-command"]);
}

#[test]
fn publish_into_a_closed_pipe_publishes_and_exits_0() {
    for stdout in [Stdout::Closed, Stdout::Full] {
        let dir = publishable();
        let out = run(
            dir.path(),
            &[
                "publish",
                "--reddit",
                "https://www.reddit.com/r/rust/comments/zz/this_week_in_crabs_5/",
                "--jobs",
                "https://forum.crabs.example.org/t/hiring/5",
            ],
            stdout,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{stdout:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!dir.path().join(DRAFT).exists());
        assert!(
            dir.path()
                .join("content/2026-11-25-this-week-in-crabs.md")
                .exists()
        );
        assert!(
            dir.path()
                .join("draft/2026-12-02-this-week-in-crabs.md")
                .exists()
        );
    }
}

#[test]
fn events_and_new_into_a_closed_pipe() {
    let extra = |dir: &Path| {
        let p = dir.join("extra.toml");
        std::fs::write(
            &p,
            "[[event]]\nstart = 2026-12-01\nlocation = \"Lyon, FR\"\norganizer = \"Rust Lyon\"\norganizer_url = \"https://rust.lyon.example/\"\ntitle = \"Winter meetup\"\nurl = \"https://rust.lyon.example/winter\"\n",
        )
        .unwrap();
        p
    };
    let dir = example_copy();
    let p = extra(dir.path());
    let out = run(
        dir.path(),
        &["events", "--extra", p.to_str().unwrap()],
        Stdout::Closed,
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let dir = without_draft();
    let out = run(dir.path(), &["new", "--date", "2026-11-25"], Stdout::Closed);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(dir.path().join(DRAFT).exists());
}
