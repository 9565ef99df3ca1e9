//! `twir events --into DRAFT` never destroys what it replaces: when a source it was asked for
//! does not answer (missing file, HTTP 500, malformed JSON), it exits non-zero, names the
//! source, and leaves the draft byte-identical; `--allow-partial` writes what answered and
//! keeps the draft's entries of the failed sources. Meetup is a wiremock server on 127.0.0.1.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use wiremock::MockServer;

use twir_testkit::copy_dir;
use twir_testkit::{body, post, serve};

const DRAFT: &str = "draft/2026-11-25-this-week-in-crabs.md";

/// One in-window event in Lyon (the issue is 2026-11-25, the window 28 days).
const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//twir tests//EN\r\n\
BEGIN:VEVENT\r\nUID:lyon@test\r\nSUMMARY:Lyon Rust Night\r\nDTSTART:20261202T180000Z\r\n\
LOCATION:Lyon, FR\r\nURL:https://rust-lyon.example/night\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// Rust Berlin's answer: one online event.
const BERLIN: &str = r#"{"data":{"groupByUrlname":{"name":"Rust Berlin","urlname":"rust-berlin",
"city":"Berlin","state":"","country":"de","timezone":"Europe/Berlin","events":{
"pageInfo":{"hasNextPage":false,"endCursor":null},"edges":[{"node":{"id":"1",
"title":"Fresh Hack and Learn","eventUrl":"https://www.meetup.com/rust-berlin/events/200001/",
"dateTime":"2026-12-10T19:00+01:00","endTime":"2026-12-10T21:00+01:00","eventType":"ONLINE",
"venues":[]}}]}}}}"#;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsletter")
}

/// A copy of the example newsletter with a calendar file and a Meetup group list.
fn site(groups: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(), dir.path());
    std::fs::write(dir.path().join("cal.ics"), ICS).unwrap();
    let urls: Vec<String> = groups
        .iter()
        .map(|g| format!("\"https://www.meetup.com/{g}/events/\""))
        .collect();
    std::fs::write(
        dir.path().join("groups.json"),
        format!("[{}]", urls.join(",")),
    )
    .unwrap();
    dir
}

fn events(root: &Path, meetup: Option<&MockServer>) -> Command {
    let mut c = Command::cargo_bin("twir").unwrap();
    c.arg("--root").arg(root).arg("events");
    c.arg("--into").arg(root.join(DRAFT));
    c.env("MEETUP_TOKEN", "test-token");
    match meetup {
        Some(s) => c.env("TWIR_MEETUP_URL", format!("{}/gql", s.uri())),
        // Nothing listens on port 9 of loopback: a Meetup request would fail at once.
        None => c.env("TWIR_MEETUP_URL", "http://127.0.0.1:9/gql"),
    };
    c
}

fn read(root: &Path) -> Vec<u8> {
    std::fs::read(root.join(DRAFT)).unwrap()
}

/// Runs `cmd`, expects it to fail naming `source`, and the draft to be byte-identical.
fn refused(root: &Path, mut cmd: Command, source: &str) {
    let before = read(root);
    cmd.assert()
        .failure()
        .stderr(predicate::str::contains(source))
        .stderr(predicate::str::contains("left unchanged"))
        .stderr(predicate::str::contains("updated").not());
    assert_eq!(read(root), before, "the draft changed");
    // No temporary file was left beside it either.
    let leftovers: Vec<_> = std::fs::read_dir(root.join("draft"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("twir-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_missing_ics_file_leaves_the_draft_byte_identical() {
    let dir = site(&[]);
    let root = dir.path();
    let mut cmd = events(root, None);
    cmd.arg("--ics").arg(root.join("cal.ics"));
    cmd.args(["--ics", "/nonexistent/calendar.ics"]);
    refused(root, cmd, "ics:/nonexistent/calendar.ics");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_meetup_500_leaves_the_draft_byte_identical() {
    let server = serve([post().respond_with(body(500, "upstream trouble"))]).await;
    let dir = site(&["rust-berlin"]);
    let root = dir.path().to_path_buf();
    let mut cmd = events(&root, Some(&server));
    cmd.arg("--ics").arg(root.join("cal.ics"));
    cmd.arg("--meetup-groups").arg(root.join("groups.json"));
    tokio::task::spawn_blocking(move || refused(&root, cmd, "meetup:rust-berlin"))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_meetup_json_leaves_the_draft_byte_identical() {
    let server =
        serve([post().respond_with(body(200, "{\"data\": {\"groupByUrlname\": [1, 2"))]).await;
    let dir = site(&["rust-berlin"]);
    let root = dir.path().to_path_buf();
    let mut cmd = events(&root, Some(&server));
    cmd.arg("--meetup-groups").arg(root.join("groups.json"));
    tokio::task::spawn_blocking(move || refused(&root, cmd, "meetup:rust-berlin"))
        .await
        .unwrap();
}

#[test]
fn printing_refuses_too_and_allow_partial_prints_what_answered() {
    let dir = site(&[]);
    let root = dir.path();
    let run = |partial: bool| {
        let mut c = Command::cargo_bin("twir").unwrap();
        c.arg("--root")
            .arg(root)
            .args(["events", "--date", "2026-11-25"]);
        c.arg("--ics").arg(root.join("cal.ics"));
        c.args(["--ics", "/nonexistent/calendar.ics"]);
        if partial {
            c.arg("--allow-partial");
        }
        c.assert()
    };
    run(false)
        .failure()
        .stdout("")
        .stderr(predicate::str::contains("nothing printed"));
    run(true)
        .success()
        .stdout(predicate::str::contains("Lyon Rust Night"));
}

#[tokio::test(flavor = "multi_thread")]
async fn allow_partial_keeps_the_failed_sources_entries() {
    let server = serve([
        post()
            .and(wiremock::matchers::body_partial_json(
                serde_json::json!({ "variables": { "urlname": "rust-berlin" } }),
            ))
            .respond_with(body(200, BERLIN)),
        post().respond_with(body(200, "not json")),
    ])
    .await;
    let dir = site(&["rust-berlin", "rust-sydney"]);
    let root = dir.path().to_path_buf();
    let mut cmd = events(&root, Some(&server));
    cmd.arg("--ics").arg(root.join("cal.ics"));
    cmd.arg("--meetup-groups").arg(root.join("groups.json"));
    cmd.arg("--allow-partial");
    let before = String::from_utf8(read(&root)).unwrap();
    let draft = tokio::task::spawn_blocking(move || {
        cmd.assert()
            .success()
            .stderr(predicate::str::contains("meetup:rust-sydney"))
            .stderr(predicate::str::contains("kept 1 of their entries"));
        String::from_utf8(read(&root)).unwrap()
    })
    .await
    .unwrap();
    // Fresh events from the sources that answered.
    assert!(draft.contains("Lyon Rust Night"), "{draft}");
    assert!(draft.contains("Fresh Hack and Learn"), "{draft}");
    // Rust Sydney did not answer: its entry is kept.
    assert!(draft.contains("December hack night"), "{draft}");
    // Rust Berlin answered: its old entry is replaced; Zürich (no source named it) is gone.
    assert!(!draft.contains("Rust Hack and Learn"), "{draft}");
    assert!(!draft.contains("Year-end talks"), "{draft}");
    // Outside the section nothing moved.
    let tail = |t: &str| t[t.find("## Jobs").unwrap()..].to_string();
    assert_eq!(tail(&draft), tail(&before));
    let head = |t: &str| t[..t.find("## Upcoming Events").unwrap()].to_string();
    assert_eq!(head(&draft), head(&before));
}

#[test]
fn every_source_answering_updates_the_draft() {
    let dir = site(&[]);
    let root = dir.path();
    let mut cmd = events(root, None);
    cmd.arg("--ics").arg(root.join("cal.ics"));
    cmd.assert().success().stderr(predicate::str::contains(
        "updated the `Upcoming Events` section",
    ));
    let draft = String::from_utf8(read(root)).unwrap();
    assert!(draft.contains("Lyon Rust Night"), "{draft}");
    assert!(!draft.contains("Year-end talks"), "{draft}");
}
