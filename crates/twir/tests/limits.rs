//! Numbers and dates at the ends of their ranges: `Date: 9999-12-31`, `Number: 4294967295`,
//! `[check] event_days = 4294967295`, `--days 4294967295`. Each is a clear error naming the
//! file and line (or the option), or works; never a panic, never a wrapped number.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use twir_testkit::copy_dir;

const DRAFT: &str = "draft/2026-11-25-this-week-in-crabs.md";
const LATEST: &str = "content/2026-11-18-this-week-in-crabs.md";

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsletter")
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(), dir.path());
    dir
}

fn twir(root: &Path) -> Command {
    let mut c = Command::cargo_bin("twir").unwrap();
    c.arg("--root").arg(root);
    c
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["content", "draft"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn no_panic() -> impl predicates::Predicate<str> {
    predicate::str::contains("panicked").not()
}

#[test]
fn the_largest_number_has_no_successor() {
    let dir = site();
    let root = dir.path();
    std::fs::remove_file(root.join(DRAFT)).unwrap();
    edit(&root.join(LATEST), "Number: 4\n", "Number: 4294967295\n");
    let before = snapshot(root);
    twir(root)
        .args(["new", "--date", "2026-11-25"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:2: `Number: 4294967295` is the largest issue number",
            root.join(LATEST).display()
        )))
        .stderr(no_panic());
    assert_eq!(snapshot(root), before);

    // Publishing a draft with that number would need a next draft numbered 0: refused.
    let dir = site();
    let root = dir.path();
    edit(&root.join(DRAFT), "Number: 5\n", "Number: 4294967295\n");
    let before = snapshot(root);
    twir(root)
        .args(["publish", "--dry-run"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(":2: `Number: 4294967295`"))
        .stderr(no_panic());
    assert_eq!(snapshot(root), before);
}

#[test]
fn the_last_day_of_the_calendar() {
    // A published issue dated 9999-12-31: `new` works (with a cadence warning).
    let dir = site();
    let root = dir.path();
    std::fs::remove_file(root.join(DRAFT)).unwrap();
    edit(
        &root.join(LATEST),
        "Date: 2026-11-18\n",
        "Date: 9999-12-31\n",
    );
    twir(root)
        .args(["new", "--date", "2026-11-25"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: the new issue's date"))
        .stderr(no_panic());
    // With no --date either.
    std::fs::remove_file(root.join(DRAFT)).unwrap();
    twir(root).arg("new").assert().success().stderr(no_panic());
    // A new issue dated 9999-12-31 itself.
    for f in std::fs::read_dir(root.join("draft")).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|e| e == "md") {
            std::fs::remove_file(p).unwrap();
        }
    }
    twir(root)
        .args(["new", "--date", "9999-12-31"])
        .assert()
        .success()
        .stderr(no_panic());
    twir(root).arg("check").assert().stderr(no_panic());

    // Publishing a draft dated 9999-12-31: its successor has no date. Refused, nothing changed.
    let dir = site();
    let root = dir.path();
    edit(
        &root.join(DRAFT),
        "Date: 2026-11-25\n",
        "Date: 9999-12-31\n",
    );
    let before = snapshot(root);
    for args in [&["publish", "--dry-run"][..], &["publish"][..]] {
        twir(root)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                ":3: 9999-12-31 + 7 days is past the last date",
            ))
            .stderr(no_panic());
        assert_eq!(snapshot(root), before);
    }
    twir(root)
        .args(["publish", "--date", "9999-12-31"])
        .assert()
        .code(2)
        .stderr(no_panic());
    assert_eq!(snapshot(root), before);
}

#[test]
fn huge_event_windows() {
    let dir = site();
    let root = dir.path();
    // In twir.toml: an error naming the line.
    edit(
        &root.join("twir.toml"),
        "recent = 3\n",
        "recent = 3\nevent_days = 4294967295\n",
    );
    twir(root)
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("twir.toml:11:"))
        .stderr(predicate::str::contains("event_days = 4294967295"))
        .stderr(no_panic());
    // The largest accepted window works everywhere, up to the last day of the calendar.
    edit(
        &root.join("twir.toml"),
        "event_days = 4294967295",
        "event_days = 36600",
    );
    // (Mid-week, the draft's only placeholder is pending: a note, exit 0.)
    twir(root).arg("check").assert().code(0).stderr(no_panic());
    let extra = root.join("extra.toml");
    std::fs::write(
        &extra,
        "[[event]]\nstart = 9999-12-30\nlocation = \"Lyon, FR\"\norganizer = \"Rust Lyon\"\norganizer_url = \"https://rust.lyon.example/\"\ntitle = \"Far\"\nurl = \"https://rust.lyon.example/far\"\n",
    )
    .unwrap();
    twir(root)
        .args(["events", "--date", "9999-12-01", "--extra"])
        .arg(&extra)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Rusty Events between 9999-12-01 - 9999-12-31",
        ))
        .stdout(predicate::str::contains("Far"))
        .stderr(no_panic());
    std::fs::remove_file(root.join(DRAFT)).unwrap();
    twir(root)
        .args(["new", "--date", "9999-12-29"])
        .assert()
        .success()
        .stderr(no_panic());
    // On the command line: refused by the argument parser.
    twir(root)
        .args(["events", "--days", "4294967295", "--extra"])
        .arg(&extra)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("4294967295"))
        .stderr(no_panic());
}
