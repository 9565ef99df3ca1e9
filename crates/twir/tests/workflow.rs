//! The weekly workflow end to end on a copy of the bundled example:
//! new -> add links -> check -> publish -> the next draft exists with the right number and
//! carried-over events.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use twir_testkit::copy_dir;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsletter")
}

/// A copy of the example without its draft, as on the day after publication.
fn site_without_draft() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(), dir.path());
    std::fs::remove_file(dir.path().join("draft/2026-11-25-this-week-in-crabs.md")).unwrap();
    dir
}

fn twir(root: &Path) -> Command {
    let mut c = Command::cargo_bin("twir").unwrap();
    c.arg("--root").arg(root);
    c
}

fn fill(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn new_carries_every_date_form_and_names_what_it_cannot_carry() {
    let site = site_without_draft();
    let root = site.path();
    let previous = root.join("content/2026-11-18-this-week-in-crabs.md");
    fill(
        &previous,
        "* 2026-12-03 | Zürich, CH |",
        "* 2026-12-02 & 2026-12-03 | Bern, CH | [Rust Bern](https://b.example/)\n    * [**Two days**](https://b.example/1)\n* 2026-12-3 | Basel, CH | [Rust Basel](https://c.example/)\n    * [**Typo**](https://c.example/1)\n* 2026-12-03 | Zürich, CH |",
    );
    twir(root)
        .args(["new", "--date", "2026-11-25"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "2026-11-18-this-week-in-crabs.md:54: event not carried over to the new draft \
             (start date: expected YYYY-MM-DD, found \"2026-12-3\"): * 2026-12-3 | Basel, CH",
        ));
    let text =
        std::fs::read_to_string(root.join("draft/2026-11-25-this-week-in-crabs.md")).unwrap();
    assert!(
        text.contains("* 2026-12-02 & 2026-12-03 | Bern, CH"),
        "{text}"
    );
    assert!(text.contains("2026-12-03 | Zürich, CH"), "{text}");
    assert!(!text.contains("Basel"), "{text}");
}

#[test]
fn new_check_publish_next() {
    let site = site_without_draft();
    let root = site.path();
    twir(root)
        .args(["new", "--date", "2026-11-25"])
        .assert()
        .success()
        .stdout(predicate::str::contains("issue 5"));
    let draft = root.join("draft/2026-11-25-this-week-in-crabs.md");
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.starts_with("Title: This Week in Crabs 5\nNumber: 5\nDate: 2026-11-25\n"));
    // Events of the previous issue that are not past were carried over, past ones dropped.
    assert!(text.contains("2026-12-03 | Zürich, CH"));
    assert!(!text.contains("2026-11-19 | Paris, FR"));
    // A second `new` for the same issue is refused and changes nothing.
    twir(root)
        .args(["new", "--date", "2026-11-25"])
        .assert()
        .code(1);
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), text);

    // The fresh draft is not publishable: template placeholders remain.
    twir(root)
        .arg("publish")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("refusing to publish"));
    assert_eq!(
        std::fs::read_to_string(&draft).unwrap(),
        text,
        "a refused publish changed the draft"
    );

    // The editors fill it in.
    fill(
        &draft,
        "### Official\n",
        "### Official\n* [Crabs 1.3 released](https://blog.crabs.example.org/2026/11/24/crabs-1.3/)\n",
    );
    fill(
        &draft,
        "<!-- COTW goes here -->",
        "This week's crate is [shell](https://crates.io/crates/shell), a crate for shells.",
    );
    fill(
        &draft,
        "<!-- PR count goes here -->",
        "400 pull requests were merged in the last week.",
    );
    fill(
        &draft,
        "<!-- QOTW goes here -->",
        "> Quote.\n\n– [Someone](https://forum.crabs.example.org/t/quotes/60)",
    );
    // Mid-week, what `publish` fills is pending, not wrong; as it would ship, it is an error.
    twir(root)
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 placeholders (lines 54, 62)"));
    twir(root)
        .args(["check", "--shipped"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("REDDIT_LINK_HERE"));

    twir(root)
        .args([
            "publish",
            "--reddit",
            "https://www.reddit.com/r/rust/comments/zz/this_week_in_crabs_5/",
        ])
        .args(["--jobs", "https://forum.crabs.example.org/t/hiring/5"])
        .assert()
        .success()
        .stdout(predicate::str::contains("published issue 5"));

    assert!(!draft.exists(), "the draft was moved");
    let published =
        std::fs::read_to_string(root.join("content/2026-11-25-this-week-in-crabs.md")).unwrap();
    assert!(published.contains("[Crabs 1.3 released]"));
    assert!(published.contains("this_week_in_crabs_5/"));
    assert!(
        !published.contains("### Project/Tooling Updates"),
        "empty sections are removed"
    );
    let next =
        std::fs::read_to_string(root.join("draft/2026-12-02-this-week-in-crabs.md")).unwrap();
    assert!(next.starts_with("Title: This Week in Crabs 6\nNumber: 6\nDate: 2026-12-02\n"));
    assert!(
        next.contains("2026-12-03 | Zürich, CH"),
        "current events carried over again"
    );
}

#[test]
fn publish_dry_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(), dir.path());
    let draft = dir.path().join("draft/2026-11-25-this-week-in-crabs.md");
    let before = std::fs::read_to_string(&draft).unwrap();
    twir(dir.path())
        .args([
            "publish",
            "--dry-run",
            "--reddit",
            "https://www.reddit.com/r/rust/comments/zz/this_week_in_crabs_5/",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("would move").and(predicate::str::contains(
                "+<small>[Discuss on r/rust](https://www.reddit.com",
            )),
        );
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), before);
    assert!(
        !dir.path()
            .join("content/2026-11-25-this-week-in-crabs.md")
            .exists()
    );
}

#[test]
fn events_into_replaces_only_that_section() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(), dir.path());
    let draft = dir.path().join("draft/2026-11-25-this-week-in-crabs.md");
    let before = std::fs::read_to_string(&draft).unwrap();
    let extra = dir.path().join("extra.toml");
    std::fs::write(
        &extra,
        "[[event]]\nstart = 2026-12-01\nlocation = \"Lyon, FR\"\norganizer = \"Rust Lyon\"\norganizer_url = \"https://rust.lyon.example/\"\ntitle = \"Winter meetup\"\nurl = \"https://rust.lyon.example/winter\"\n",
    )
    .unwrap();
    twir(dir.path())
        .args(["events", "--extra"])
        .arg(&extra)
        .arg("--into")
        .arg(&draft)
        .assert()
        .success();
    let after = std::fs::read_to_string(&draft).unwrap();
    assert!(after.contains("### Europe\n* 2026-12-01 | Lyon, FR | [Rust Lyon](https://rust.lyon.example/)\n    * [**Winter meetup**](https://rust.lyon.example/winter)\n"), "{after}");
    let head = |t: &str| t[..t.find("## Upcoming Events").unwrap()].to_string();
    let tail = |t: &str| t[t.find("## Jobs").unwrap()..].to_string();
    assert_eq!(head(&after), head(&before));
    assert_eq!(tail(&after), tail(&before));
    // The example's own calendar paragraph (twir.toml `[events] footer`), not TWiR's.
    assert!(
        after.contains("[calendar]: https://calendar.crabs.example.org/\n\n## Jobs"),
        "{after}"
    );
    assert!(!after.contains("google.com/calendar"));
}
