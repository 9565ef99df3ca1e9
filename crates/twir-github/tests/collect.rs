//! The generators end to end: wiremock fixtures -> collected data -> Markdown.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use common::{client, get, json, mount};
use jiff::civil::date;
use twir_github::rfcs::Disposition;
use twir_github::{
    PrGroupConfig, PrsConfig, RfcsConfig, Window, collect_prs, collect_rfcs, format_prs,
    format_rfcs,
};
use wiremock::matchers::query_param;
use wiremock::{Mock, MockServer};

fn window() -> Window {
    Window::for_issue(date(2026, 8, 19))
}

/// A search for exactly `q`, answered once with `fixture`.
fn search(q: &str, fixture: &str) -> Mock {
    get("/search/issues")
        .and(query_param("q", q))
        .respond_with(json(fixture))
        .expect(1)
}

async fn search_mock(server: &MockServer, q: &str, fixture: &str) {
    mount(server, [search(q, fixture)]).await;
}

async fn get_mock(server: &MockServer, p: &str, fixture: &str) {
    mount(server, [get(p).respond_with(json(fixture)).expect(1)]).await;
}

/// Any other search finds nothing.
async fn empty_searches(server: &MockServer) {
    let fallback = get("/search/issues")
        .respond_with(json("search_empty.json"))
        .with_priority(10);
    mount(server, [fallback]).await;
}

#[tokio::test]
async fn rfcs_from_fixtures() {
    let server = MockServer::start().await;
    search_mock(
        &server,
        "repo:rust-lang/cargo is:open label:call-for-testing updated:>=2026-08-11",
        "search_cft_cargo.json",
    )
    .await;
    get_mock(
        &server,
        "/repos/rust-lang/cargo/issues/15495/events",
        "events_cargo_15495.json",
    )
    .await;
    get_mock(
        &server,
        "/repos/rust-lang/cargo/issues/15000/events",
        "events_cargo_15000.json",
    )
    .await;
    get_mock(
        &server,
        "/repos/rust-lang/cargo/issues/15495/comments",
        "comments_cargo_15495.json",
    )
    .await;
    search_mock(
        &server,
        "repo:rust-lang/rust is:open label:final-comment-period updated:>=2026-08-11",
        "search_fcp_rust.json",
    )
    .await;
    for n in [160534, 150000, 140000, 130000] {
        get_mock(
            &server,
            &format!("/repos/rust-lang/rust/issues/{n}/events"),
            &format!("events_rust_{n}.json"),
        )
        .await;
    }
    search_mock(
        &server,
        "repo:rust-lang/compiler-team is:open label:final-comment-period label:major-change updated:>=2026-08-11",
        "search_fcp_compiler.json",
    )
    .await;
    get_mock(
        &server,
        "/repos/rust-lang/compiler-team/issues/1028/events",
        "events_compiler_1028.json",
    )
    .await;
    search_mock(
        &server,
        "repo:rust-lang/rfcs is:pr is:merged merged:2026-08-11..2026-08-18",
        "search_approved.json",
    )
    .await;
    search_mock(
        &server,
        "repo:rust-lang/rfcs is:pr is:open created:2026-08-11..2026-08-18",
        "search_new_rfcs.json",
    )
    .await;
    empty_searches(&server).await;

    let data = collect_rfcs(&client(&server), &RfcsConfig::default(), window())
        .await
        .unwrap();

    // Only the re-labelled cargo issue counts; the testing-steps comment is
    // the labeller's latest one mentioning testing before the window ended.
    let cargo = &data.calls_for_testing[1];
    assert_eq!(cargo.name, "Cargo");
    assert_eq!(cargo.items.len(), 1);
    assert_eq!(
        cargo.items[0].testing_steps.as_deref(),
        Some("https://github.com/rust-lang/cargo/issues/15495#issuecomment-103")
    );
    let rust = &data.fcp[0];
    let dispositions: Vec<Disposition> = rust.items.iter().map(|i| i.disposition).collect();
    assert_eq!(
        dispositions,
        [
            Disposition::Merge,
            Disposition::Close,
            Disposition::Unspecified
        ]
    );
    assert_eq!(data.fcp[3].items[0].disposition, Disposition::NotApplicable);
    assert!(data.warnings.is_empty());
    insta::assert_snapshot!(format_rfcs(&data));
}

#[tokio::test]
async fn prs_from_fixtures_with_new_contributors() {
    let server = MockServer::start().await;
    let merged = "is:pr org:rust-lang is:merged merged:2026-08-11..2026-08-18";
    // The count query asks for one item; the full listing for 100 per page.
    let merged_page = |per_page: &str, fixture: &str| {
        get("/search/issues")
            .and(query_param("q", merged))
            .and(query_param("per_page", per_page))
            .respond_with(json(fixture))
            .expect(1)
    };
    mount(
        &server,
        [
            merged_page("1", "search_count_613.json"),
            merged_page("100", "search_merged_org.json"),
        ],
    )
    .await;
    search_mock(
        &server,
        "repo:rust-lang/cargo is:pr is:merged merged:2026-08-11..2026-08-18",
        "search_merged_cargo.json",
    )
    .await;
    // alice is a MEMBER and bors is skipped: only newbie and veteran are
    // checked, with one search each.
    search_mock(
        &server,
        "is:pr org:rust-lang is:merged author:newbie merged:<2026-08-11",
        "search_count_0.json",
    )
    .await;
    search_mock(
        &server,
        "is:pr org:rust-lang is:merged author:veteran merged:<2026-08-11",
        "search_count_12.json",
    )
    .await;

    let config = PrsConfig {
        groups: vec![PrGroupConfig::new(
            "rust-lang/cargo".parse().unwrap(),
            "Cargo",
        )],
        new_contributors: true,
        ..PrsConfig::default()
    };
    let data = collect_prs(&client(&server), &config, window())
        .await
        .unwrap();
    assert_eq!(data.merged_count, 613);
    let newcomers = data.new_contributors.as_ref().unwrap();
    assert_eq!(newcomers.len(), 1);
    assert_eq!(newcomers[0].login, "newbie");
    // Their earliest PR in the window, not the first one listed.
    assert_eq!(newcomers[0].first_pr.number, 160999);
    insta::assert_snapshot!(format_prs(&data, &config));
}
