//! The network paths against a local wiremock server on 127.0.0.1: Meetup
//! GraphQL (retry after a 500, pagination, malformed and error answers) and
//! iCalendar over HTTP, combined with files and the extra TOML; the combined
//! section is checked against a golden snapshot.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::PathBuf;
use std::time::Duration;

use twir_events::{Warning, format_section};
use twir_events_sources::{Clients, Collected, EventsQuery, MeetupClient, collect};
use twir_net::{HttpClient, ServiceConfig, Token, Url};
use wiremock::matchers::{BodyPartialJsonMatcher, body_partial_json, header, path};
use wiremock::{MockBuilder, MockServer, ResponseTemplate};

use twir_testkit::{body, get, mount, only_first, post, serve};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn fast(url: &str) -> ServiceConfig {
    ServiceConfig::builder(Url::parse(url).unwrap())
        .token(Some(Token::new("test-token")))
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
        .max_retries(2)
        .timeout(Duration::from_secs(5))
        .build()
}

fn clients(server: &MockServer) -> Clients {
    let meetup = MeetupClient::from_http(
        HttpClient::new(fast(&format!("{}/gql-ext", server.uri()))).unwrap(),
    );
    Clients {
        meetup,
        ics: fast(&server.uri()),
    }
}

fn query(groups: Option<PathBuf>, ics: Vec<String>, extra: Option<PathBuf>) -> EventsQuery {
    EventsQuery {
        ics,
        meetup_groups: groups,
        extra,
        date: "2026-08-19".parse().unwrap(),
        days: 28,
    }
}

/// Collects with only the Meetup groups of `meetup-groups.json`.
async fn collect_groups(server: &MockServer) -> Collected {
    let q = query(Some(fixture("meetup-groups.json")), vec![], None);
    collect(&q, &clients(server)).await.unwrap()
}

/// A POST to the Meetup GraphQL endpoint.
fn gql() -> MockBuilder {
    post().and(path("/gql-ext"))
}

/// A GraphQL request about the group `name`.
fn for_group(name: &str) -> BodyPartialJsonMatcher {
    body_partial_json(serde_json::json!({ "variables": { "urlname": name } }))
}

/// Mounts: dallasrust answers 500 once, then page 1, then (with the cursor)
/// page 2; rust-berlin answers normally; ghost-group answers garbage.
async fn mount_meetup(server: &MockServer) {
    let mocks = [
        only_first(
            gql().and(for_group("dallasrust")),
            body(500, "upstream trouble"),
        )
        .with_priority(1),
        gql()
            .and(body_partial_json(
                serde_json::json!({ "variables": { "urlname": "dallasrust", "after": "cursor-1" } }),
            ))
            .respond_with(body(200, &read("meetup-page2.json")))
            .with_priority(2)
            .expect(1),
        gql()
            .and(header("authorization", "Bearer test-token"))
            .and(for_group("dallasrust"))
            .respond_with(body(200, &read("meetup-page1.json")))
            .with_priority(3)
            .expect(1),
        gql()
            .and(for_group("rust-berlin"))
            .respond_with(body(200, &read("meetup-berlin.json")))
            .expect(1),
        gql()
            .and(for_group("ghost-group"))
            .respond_with(body(200, "{\"data\": {\"groupByUrlname\": [1, 2"))
            .expect(1),
    ];
    mount(server, mocks).await;
}

#[tokio::test]
async fn meetup_retries_a_500_paginates_and_survives_a_malformed_answer() {
    let server = MockServer::start().await;
    mount_meetup(&server).await;
    let got = collect_groups(&server).await;
    let titles: Vec<&str> = got.events.iter().map(|e| e.title.as_str()).collect();
    // 5 in-window events on page 1, 1 on page 2, 2 from Berlin.
    assert_eq!(got.events.len(), 8, "{titles:?}");
    assert!(titles.contains(&"Fourth Tuesday"), "page 2 was fetched");
    assert!(titles.contains(&"Rust Summer Party!"));
    let sources: Vec<String> = got
        .warnings
        .iter()
        .filter_map(|w| match w {
            Warning::Source { source, message } => Some(format!("{source}: {message}")),
            _ => None,
        })
        .collect();
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert!(
        sources[0].starts_with("meetup:ghost-group: malformed JSON"),
        "{}",
        sources[0]
    );
    assert_eq!(got.failed, ["meetup:ghost-group"]);
    assert!(!got.is_complete());
    server.verify().await;
}

#[tokio::test]
async fn graphql_errors_and_persistent_500s_become_warnings() {
    let server = serve([
        post()
            .and(for_group("dallasrust"))
            .respond_with(body(200, &read("meetup-unknown-group.json"))),
        post()
            .and(for_group("rust-berlin"))
            .respond_with(ResponseTemplate::new(503))
            .expect(3), // first try + 2 retries
        post()
            .and(for_group("ghost-group"))
            .respond_with(body(200, "{\"data\": {\"groupByUrlname\": null}}")),
    ])
    .await;
    let got = collect_groups(&server).await;
    assert!(got.events.is_empty());
    let text: Vec<String> = got.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 3, "{text:?}");
    assert!(text[0].contains("group not found"), "{}", text[0]);
    assert!(text[1].contains("HTTP 503"), "{}", text[1]);
    assert!(
        text[2].contains("no Meetup group named \"ghost-group\""),
        "{}",
        text[2]
    );
    server.verify().await;
}

#[tokio::test]
async fn unauthorised_stops_after_the_first_group() {
    let bad_token = body(401, "{\"errors\":[{\"message\":\"bad token\"}]}");
    // Groups are fetched a few at a time: those already sent may be refused too.
    let server = serve([post().respond_with(bad_token).expect(1..=4)]).await;
    let got = collect_groups(&server).await;
    assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    // The groups after the refused one were not tried: they did not answer either.
    assert_eq!(
        got.failed,
        [
            "meetup:dallasrust",
            "meetup:rust-berlin",
            "meetup:ghost-group"
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn all_sources_combined_golden_section() {
    let server = MockServer::start().await;
    mount_meetup(&server).await;
    mount(
        &server,
        [
            get("/calendar.ics").respond_with(body(200, &read("recurring.ics"))),
            get("/missing.ics").respond_with(ResponseTemplate::new(404)),
        ],
    )
    .await;
    let ics = vec![
        format!("{}/calendar.ics", server.uri()),
        fixture("single.ics").to_string_lossy().into_owned(),
        format!("{}/missing.ics", server.uri()),
        fixture("no-such-file.ics").to_string_lossy().into_owned(),
    ];
    let q = query(
        Some(fixture("meetup-groups.json")),
        ics,
        Some(fixture("extra-events.toml")),
    );
    let got = collect(&q, &clients(&server)).await.unwrap();
    let section = format_section(&got.events, got.window);
    insta::assert_snapshot!(section);
    // The ICS copy of "Second Tuesday" (same day and URL as Meetup's) wins.
    assert_eq!(
        got.events
            .iter()
            .filter(|e| e.title == "Second Tuesday")
            .count(),
        1
    );
    let fixtures = fixture("").to_string_lossy().into_owned();
    let warnings: Vec<String> = got
        .warnings
        .iter()
        .map(|w| {
            w.to_string()
                .replace(&server.uri(), "SERVER")
                .replace(&fixtures, "FIXTURES/")
        })
        .collect();
    insta::assert_snapshot!("combined_warnings", warnings.join("\n---\n"));
    let failed: Vec<String> = got
        .failed
        .iter()
        .map(|f| {
            f.replace(&server.uri(), "SERVER")
                .replace(&fixtures, "FIXTURES/")
        })
        .collect();
    assert_eq!(
        failed,
        [
            "ics:SERVER/missing.ics",
            "ics:FIXTURES/no-such-file.ics",
            "meetup:ghost-group"
        ]
    );
}

#[tokio::test]
async fn bad_files_are_errors() {
    let server = MockServer::start().await;
    let c = clients(&server);
    let missing = collect(&query(None, vec![], Some(fixture("nope.toml"))), &c).await;
    assert!(missing.unwrap_err().to_string().contains("nope.toml"));
    // Not TOML: the error names the file and the line.
    let not_toml = collect(
        &query(None, vec![], Some(fixture("meetup-groups.json"))),
        &c,
    )
    .await;
    let e = not_toml.unwrap_err().to_string();
    let prefix = format!("{}:", fixture("meetup-groups.json").display());
    let line = e.strip_prefix(&prefix).and_then(|r| r.split(':').next());
    assert!(line.is_some_and(|l| l.parse::<usize>().is_ok()), "{e}");
    let bad_groups = collect(&query(Some(fixture("extra-events.toml")), vec![], None), &c).await;
    assert!(bad_groups.unwrap_err().to_string().contains("group list"));
}
