//! Giving up on Meetup in bounded time: 122 groups against a server that accepts and never
//! answers, or a port that refuses, end in a few time-outs instead of hours, every group is
//! reported, and the messages count the tries made.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use twir_events::Warning;
use twir_events_sources::{Clients, EventsQuery, MeetupClient, collect};
use twir_net::{Deadline, HttpClient, ServiceConfig, Url};

/// A file listing `n` groups.
fn groups_file(dir: &std::path::Path, n: usize) -> PathBuf {
    let list: Vec<String> = (0..n)
        .map(|i| format!("https://www.meetup.com/rust-group-{i}/"))
        .collect();
    let path = dir.join("groups.json");
    std::fs::write(&path, serde_json::to_string(&list).unwrap()).unwrap();
    path
}

async fn hanging_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s);
        }
    });
    format!("http://{addr}/gql-ext")
}

fn clients(url: &str, timeout: Duration, deadline: Option<Deadline>) -> Clients {
    let config = ServiceConfig::builder(Url::parse(url).unwrap())
        .timeout(timeout)
        .connect_timeout(timeout)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
        .deadline(deadline)
        .build();
    Clients {
        meetup: MeetupClient::from_http(HttpClient::new(config.clone()).unwrap()),
        ics: config,
    }
}

fn query(groups: PathBuf) -> EventsQuery {
    EventsQuery {
        ics: vec![],
        meetup_groups: Some(groups),
        extra: None,
        date: "2026-08-19".parse().unwrap(),
        days: 28,
    }
}

/// The first messages, for assertion failures (a full list of 122 is unreadable).
fn some(messages: &[String]) -> &[String] {
    &messages[..messages.len().min(6)]
}

fn source_messages(warnings: &[Warning]) -> Vec<String> {
    warnings
        .iter()
        .filter_map(|w| match w {
            Warning::Source { source, message } => Some(format!("{source}: {message}")),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_hanging_meetup_is_given_up_after_one_round_of_time_outs() {
    let tmp = tempfile::tempdir().unwrap();
    let groups = groups_file(tmp.path(), 122);
    let url = hanging_server().await;
    let start = Instant::now();
    let got = collect(
        &query(groups),
        &clients(&url, Duration::from_millis(400), None),
    )
    .await
    .unwrap();
    let took = start.elapsed();
    // One after another with 4 tries each, it was 122 x 4 x 400 ms = 195 s.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let messages = source_messages(&got.warnings);
    assert_eq!(messages.len(), 122, "every group is reported");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("timed out") && m.contains("attempt")),
        "{:?}",
        some(&messages)
    );
    assert!(
        messages
            .iter()
            .filter(|m| m.contains("failed 4 requests in a row"))
            .count()
            > 100,
        "{:?}",
        some(&messages)
    );
    assert!(
        !messages.iter().any(|m| m.contains("time(s)")),
        "{:?}",
        some(&messages)
    );
}

#[tokio::test]
async fn the_deadline_reports_what_it_has_and_what_failed() {
    let tmp = tempfile::tempdir().unwrap();
    let groups = groups_file(tmp.path(), 20);
    let url = hanging_server().await;
    let start = Instant::now();
    let got = collect(
        &query(groups),
        &clients(
            &url,
            Duration::from_secs(30),
            Some(Deadline::after(Duration::from_millis(700))),
        ),
    )
    .await
    .unwrap();
    let took = start.elapsed();
    assert!(took < Duration::from_secs(3), "took {took:?}");
    let messages = source_messages(&got.warnings);
    assert_eq!(messages.len(), 20, "{:?}", some(&messages));
    assert!(
        messages.iter().all(|m| m.contains("time limit")),
        "{:?}",
        some(&messages)
    );
}

#[tokio::test]
async fn a_refused_port_is_given_up_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let groups = groups_file(tmp.path(), 122);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let start = Instant::now();
    let got = collect(
        &query(groups),
        &clients(
            &format!("http://127.0.0.1:{port}/gql-ext"),
            Duration::from_secs(5),
            None,
        ),
    )
    .await
    .unwrap();
    let took = start.elapsed();
    assert!(took < Duration::from_secs(3), "took {took:?}");
    let messages = source_messages(&got.warnings);
    assert_eq!(messages.len(), 122);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("Connection refused") && m.contains("(1 attempt)")),
        "{:?}",
        some(&messages)
    );
}
