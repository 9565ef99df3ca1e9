//! The GitHub client's endpoints against a local mock server.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use common::{
    any_get, body, client, fixture, get, json, mount, only_first, post, rate_limit_exceeded,
    rate_limited_for, serve,
};
use twir_github::models::Permission;
use twir_github::twir_net::NetError;
use twir_github::{GitHubError, PullState, RepoName, SearchSort};
use wiremock::matchers::{body_json, header, path, query_param};
use wiremock::{MockServer, ResponseTemplate};

fn repo(s: &str) -> RepoName {
    s.parse().unwrap()
}

#[tokio::test]
async fn search_follows_pagination() {
    let server = MockServer::start().await;
    let next = format!(
        "<{}/search/issues?q=is%3Apr&per_page=100&page=2>; rel=\"next\", <{}/search/issues?q=is%3Apr&per_page=100&page=2>; rel=\"last\"",
        server.uri(),
        server.uri()
    );
    mount(
        &server,
        [
            get("/search/issues")
                .and(query_param("page", "2"))
                .respond_with(json("search_page2.json"))
                .expect(1),
            get("/search/issues")
                .and(query_param("q", "is:pr"))
                .and(query_param("per_page", "100"))
                .and(query_param("sort", "updated"))
                .and(header("accept", "application/vnd.github+json"))
                .respond_with(json("search_page1.json").insert_header("link", next.as_str()))
                .expect(1),
        ],
    )
    .await;
    let results = client(&server)
        .search_issues("is:pr", SearchSort::UpdatedDesc)
        .await
        .unwrap();
    let numbers: Vec<u64> = results.items.iter().map(|i| i.number).collect();
    assert_eq!(numbers, [1, 2, 3]);
    assert_eq!(results.total_count, 3);
    assert!(!results.incomplete);
}

#[tokio::test]
async fn search_count_reads_total() {
    let server = serve([get("/search/issues")
        .and(query_param("per_page", "1"))
        .respond_with(json("search_count_613.json"))])
    .await;
    assert_eq!(client(&server).search_count("x").await.unwrap(), 613);
}

#[tokio::test]
async fn rate_limited_403_is_waited_out() {
    let pulls = || get("/repos/rust-lang/this-week-in-rust/pulls");
    let server = serve([
        only_first(pulls(), rate_limit_exceeded(1)),
        pulls()
            .and(query_param("state", "open"))
            .respond_with(json("pulls_open.json"))
            .expect(1),
    ])
    .await;
    let pulls = client(&server)
        .list_pulls(&repo("rust-lang/this-week-in-rust"), PullState::Open)
        .await
        .unwrap();
    assert_eq!(pulls.len(), 1);
    assert_eq!(pulls[0].head.name, "patch-1");
    assert_eq!(pulls[0].merged_at, None);
}

#[tokio::test]
async fn rate_limit_too_long_suggests_token() {
    let server = serve([any_get().respond_with(rate_limited_for(3600))]).await;
    let err = client(&server).search_count("x").await.unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, GitHubError::Net(NetError::RateLimitWaitTooLong { .. })),
        "{err:?}"
    );
    assert!(msg.contains("GITHUB_TOKEN"), "{msg}");
}

#[tokio::test]
async fn server_error_is_retried() {
    let server = serve([
        only_first(any_get(), ResponseTemplate::new(500)),
        get("/repos/rust-lang/rust/commits/feature%2Fx/status")
            .respond_with(json("status.json"))
            .expect(1),
    ])
    .await;
    let status = client(&server)
        .combined_status(&repo("rust-lang/rust"), "feature/x")
        .await
        .unwrap();
    assert_eq!(status.state, "success");
    assert_eq!(status.statuses[0].context, "ci/lint");
}

#[tokio::test]
async fn malformed_json_is_reported_with_position() {
    let server =
        serve([any_get().respond_with(body(200, &fixture("malformed_search.json")))]).await;
    let err = client(&server)
        .search_issues("x", SearchSort::BestMatch)
        .await
        .unwrap_err();
    match err {
        GitHubError::Net(NetError::MalformedJson { url, line, .. }) => {
            assert_eq!(url.path(), "/search/issues");
            assert_eq!(line, 2);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn pull_files_keep_patches() {
    let server = serve([get("/repos/rust-lang/this-week-in-rust/pulls/7001/files")
        .respond_with(json("pull_files.json"))])
    .await;
    let files = client(&server)
        .pull_files(&repo("rust-lang/this-week-in-rust"), 7001)
        .await
        .unwrap();
    assert_eq!(files.len(), 2);
    assert!(
        files[0]
            .patch
            .as_deref()
            .unwrap()
            .contains("+* [Announcing Widgets 1.0]")
    );
    assert_eq!(files[1].patch, None);
}

#[tokio::test]
async fn check_runs_and_permission() {
    let server = serve([
        get("/repos/o/r/commits/abc123/check-runs").respond_with(json("check_runs.json")),
        get("/repos/o/r/collaborators/helper/permission")
            .respond_with(json("permission_triage.json")),
    ])
    .await;
    let gh = client(&server);
    let runs = gh.check_runs(&repo("o/r"), "abc123").await.unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[1].conclusion, None);
    let perm = gh
        .collaborator_permission(&repo("o/r"), "helper")
        .await
        .unwrap();
    assert_eq!(perm, Permission::Triage);
    assert!(!perm.can_push());
    let bad = gh.collaborator_permission(&repo("o/r"), "../admin").await;
    assert!(matches!(bad, Err(GitHubError::InvalidArgument { .. })));
}

#[tokio::test]
async fn comment_is_posted_once() {
    let server = serve([post()
        .and(path(
            "/repos/rust-lang/this-week-in-rust/issues/7001/comments",
        ))
        .and(body_json(serde_json::json!({"body": "Thanks!"})))
        .respond_with(body(201, &fixture("comment_created.json")))
        .expect(1)])
    .await;
    let comment = client(&server)
        .create_issue_comment(&repo("rust-lang/this-week-in-rust"), 7001, "Thanks!")
        .await
        .unwrap();
    assert_eq!(comment.id, 555);
}

#[tokio::test]
async fn commits_in_range_pass_since_and_until() {
    let server = serve([get("/repos/rust-lang/rustup/commits")
        .and(query_param("since", "2026-08-11T00:00:00Z"))
        .and(query_param("until", "2026-08-19T00:00:00Z"))
        .and(query_param("sha", "main"))
        .respond_with(json("commits.json"))
        .expect(1)])
    .await;
    let w = twir_github::Window::for_issue(jiff::civil::date(2026, 8, 19));
    let commits = client(&server)
        .list_commits(
            &repo("rust-lang/rustup"),
            w.start_timestamp(),
            w.end_exclusive_timestamp(),
            Some("main"),
        )
        .await
        .unwrap();
    assert_eq!(commits[0].parents.len(), 2);
    assert_eq!(commits[0].author.as_ref().unwrap().login, "alice");
}

#[tokio::test]
async fn issue_events_and_not_found() {
    let server = serve([get("/repos/rust-lang/cargo/issues/15495/events")
        .respond_with(json("events_cargo_15495.json"))])
    .await;
    let gh = client(&server);
    let events = gh
        .issue_events(&repo("rust-lang/cargo"), 15495)
        .await
        .unwrap();
    assert_eq!(events.len(), 5);
    assert_eq!(events[2].label.as_ref().unwrap().name, "call-for-testing");
    let err = gh
        .issue_events(&repo("rust-lang/cargo"), 1)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            GitHubError::Net(NetError::NotFound { status: 404, .. })
        ),
        "{err:?}"
    );
}
