//! `twir submissions review` and `merge` end to end: the binary against a mock GitHub API on
//! 127.0.0.1 and local repositories (the fixture's 15 pull requests).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[path = "../../twir-submissions/tests/support/mod.rs"]
mod support;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn twir(root: &Path) -> Command {
    let mut c = Command::cargo_bin("twir").expect("twir binary");
    c.arg("--root")
        .arg(root)
        .env_remove("GITHUB_TOKEN")
        .env_remove("TWIR_GITHUB_API_URL");
    c
}

fn setup() -> (
    support::Repos,
    wiremock::MockServer,
    tokio::runtime::Runtime,
) {
    let pulls = support::fixture_pulls();
    let repos = support::build_repos(&pulls);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let server = rt.block_on(support::mock_github(&pulls, &repos));
    support::write_config(&repos.local, &server.uri());
    (repos, server, rt)
}

#[test]
fn review_then_merge() {
    let (repos, _server, _rt) = setup();

    // JSON: a verdict per pull request.
    let out = twir(&repos.local)
        .args(["submissions", "review", "--format", "json"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json output");
    let verdict = |n: u64| {
        json["pulls"]
            .as_array()
            .and_then(|a| a.iter().find(|p| p["number"] == n))
            .map(|p| p["verdict"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    assert_eq!(verdict(101), "accept");
    assert_eq!(verdict(104), "needs-changes");
    assert_eq!(verdict(105), "reject");
    assert_eq!(json["draft"], support::DRAFT_REL);

    // Table and comments.
    let comments = repos.dir.path().join("comments");
    let out = twir(&repos.local)
        .args(["submissions", "review", "--comments"])
        .arg(&comments)
        .output()
        .expect("run");
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("#106  frank   Project/Tooling Updates  needs changes  no"),
        "{table}"
    );
    assert!(
        table.contains("5 accept, 6 needs changes, 3 reject; merge takes 5, leaves 0 accepted"),
        "{table}"
    );
    let mut files: Vec<String> = std::fs::read_dir(&comments)
        .expect("comments dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 14, "{files:?}");
    assert!(!files.contains(&"pr-114.md".to_string()));
    let c111 = std::fs::read_to_string(comments.join("pr-111.md")).expect("comment");
    assert!(
        c111.contains("Hi @alice") && c111.contains("#101"),
        "{c111}"
    );
    let c103 = std::fs::read_to_string(comments.join("pr-103.md")).expect("comment");
    assert!(
        c103.contains("adds 2 links") || c103.contains("This PR adds 2 links"),
        "{c103}"
    );

    // Merge: the accepted single-link pull requests, one commit, PR heads as parents.
    let out = twir(&repos.local)
        .args(["submissions", "merge"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("merged #102 into Observations/Thoughts"),
        "{stdout}"
    );
    let repo = git2::Repository::open(&repos.local).expect("open");
    let head = repo.head().expect("head").peel_to_commit().expect("commit");
    let parents: Vec<git2::Oid> = head.parent_ids().collect();
    assert_eq!(
        parents,
        [
            repos.main,
            repos.heads[&101],
            repos.heads[&102],
            repos.heads[&107],
            repos.heads[&111],
            repos.heads[&115]
        ]
    );
    let msg = head.message().unwrap_or("");
    assert!(
        msg.starts_with("Merge link submissions #101, #102, #107, #111, #115\n"),
        "{msg}"
    );
    let draft = std::fs::read_to_string(repos.local.join(support::DRAFT_REL)).expect("draft");
    let expected = format!(
        "### Observations/Thoughts\n* [Notes on borrow splitting](https://notes.example.org/borrow-splitting/)\n{}\n\
         * [Borrow checker field notes](https://alice.example.dev/posts/field-notes/) <!-- pr:101 -->\n\
         * [Why we rewrote our indexer in Rust](https://bob.example.io/blog/indexer-rewrite) <!-- pr:102 -->\n\n### Rust Walkthroughs\n",
        support::EDITOR_LINE
    );
    assert!(draft.contains(&expected), "{draft}");

    // Review again: the merged pull requests' heads are in HEAD now, listed as merged
    // locally (push to close them), with no verdict.
    let out = twir(&repos.local)
        .args(["submissions", "review", "--format", "json"])
        .output()
        .expect("run");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let p102 = json["pulls"]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["number"] == 102))
        .cloned()
        .unwrap_or_default();
    assert_eq!(p102["kind"], "merged");
    assert!(p102.get("verdict").is_none(), "{p102}");
}

#[test]
fn merge_refuses_a_dirty_tree_and_nothing_changes() {
    let (repos, _server, _rt) = setup();
    let draft = repos.local.join(support::DRAFT_REL);
    let mut text = std::fs::read_to_string(&draft).expect("draft");
    text.push_str("\nunsaved work\n");
    std::fs::write(&draft, &text).expect("write");
    let out = twir(&repos.local)
        .args(["submissions", "merge", "--only", "101"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("uncommitted changes"), "{err}");
    let repo = git2::Repository::open(&repos.local).expect("open");
    assert_eq!(repo.head().expect("head").target(), Some(repos.main));
    assert_eq!(std::fs::read_to_string(&draft).expect("draft"), text);
}

#[test]
fn merge_with_only_a_rejected_pull_request_merges_nothing() {
    let (repos, _server, _rt) = setup();
    let out = twir(&repos.local)
        .args(["submissions", "merge", "--only", "105", "--exclude", "101"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("leaving #105 (reject: same link as #101)"),
        "{err}"
    );
    let repo = git2::Repository::open(&repos.local).expect("open");
    assert_eq!(repo.head().expect("head").target(), Some(repos.main));
}

#[test]
fn post_sends_one_comment_per_submission() {
    let (repos, server, rt) = setup();
    use wiremock::matchers::{method, path_regex};
    use wiremock::{Mock, ResponseTemplate};
    rt.block_on(async {
        Mock::given(method("GET"))
            .and(path_regex(r"^/repos/rust-lang/this-week-in-rust/issues/\d+/comments$"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path_regex(r"^/repos/rust-lang/this-week-in-rust/issues/\d+/comments$"))
            .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
                "id": 1, "html_url": "https://github.com/x#c1", "body": "", "user": {"login": "twir-bot"},
                "created_at": "2026-08-25T00:00:00Z"
            })))
            .expect(14)
            .mount(&server)
            .await;
    });
    // Without --post nothing is posted.
    let out = twir(&repos.local)
        .args(["submissions", "review"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let out = twir(&repos.local)
        .args(["submissions", "review", "--post"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let posts: Vec<wiremock::Request> = rt
        .block_on(server.received_requests())
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.method.as_str() == "POST")
        .collect();
    assert_eq!(posts.len(), 14);
    let to_104 = posts
        .iter()
        .find(|r| r.url.path().ends_with("/issues/104/comments"))
        .expect("comment on 104");
    let body: Value = serde_json::from_slice(&to_104.body).expect("json body");
    assert!(
        body["body"]
            .as_str()
            .unwrap_or("")
            .contains("`https://dave.example.com/profiling-async`")
    );
}

#[test]
fn the_api_url_comes_from_the_environment_or_the_flag() {
    let (repos, server, _rt) = setup();
    // twir.toml names a closed port: whatever reaches the mock came from the override.
    support::write_config(&repos.local, "http://127.0.0.1:9");
    let pulls = |out: &std::process::Output| -> usize {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: Value = serde_json::from_slice(&out.stdout).expect("json");
        json["pulls"].as_array().map(Vec::len).unwrap_or(0)
    };
    let out = twir(&repos.local)
        .env("TWIR_GITHUB_API_URL", server.uri())
        .args(["submissions", "review", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(pulls(&out), 15);
    let out = twir(&repos.local)
        .env("TWIR_GITHUB_API_URL", "http://127.0.0.1:9")
        .args(["submissions", "review", "--format", "json", "--api-url"])
        .arg(server.uri())
        .output()
        .expect("run");
    assert_eq!(pulls(&out), 15);
    // merge takes the same override.
    let out = twir(&repos.local)
        .env("TWIR_GITHUB_API_URL", server.uri())
        .args(["submissions", "merge", "--only", "101"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without an override the configured (closed) address is used: an error, not the
    // real API.
    let out = twir(&repos.local)
        .args(["submissions", "review"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("127.0.0.1:9"), "{err}");
}

#[test]
fn the_week_review_and_merge_agree() {
    let w = support::week::build();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let server = rt.block_on(support::week::mock_github(&w));
    support::week::write_config(&w.local, &server.uri());
    let out = twir(&w.local)
        .args(["submissions", "review"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    let planned: Vec<String> = table
        .lines()
        .filter(|l| l.starts_with('#'))
        .filter(|l| l.contains("  yes"))
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    assert_eq!(planned.len(), 7, "{table}");
    assert!(
        table.contains("Editor changes (no verdict, not merged):"),
        "{table}"
    );
    let out = twir(&w.local)
        .args(["submissions", "merge"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for n in &planned {
        assert!(
            stdout.contains(&format!("merged {n} into")),
            "{n}: {stdout}"
        );
    }
    assert!(
        stderr.contains("leaving #316 (reject: same link as #301)"),
        "{stderr}"
    );
    assert!(stdout.contains("#319 stays open"), "{stdout}");
}
