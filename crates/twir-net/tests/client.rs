//! End-to-end behaviour of `HttpClient` against local wiremock servers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[macro_use]
mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{
    Item, Recorder, client, client_with, config, get_item, github_client, recorded_client, url,
};
use twir_net::{HttpClient, NetError, ProgressEvent, ServiceConfig, Token, Url, WaitReason};
use twir_testkit::{
    any_get, body, mount, only_first, post, rate_limit_exceeded, rate_limited_for, serve,
    serve_once,
};
use wiremock::matchers::{body_json, header, path, query_param};
use wiremock::{MockServer, ResponseTemplate};

#[tokio::test]
async fn pagination_follows_link_next_over_three_pages() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let last = format!(r#"<{uri}/items?page=3>; rel="last""#);
    let items = || any_get().and(path("/items"));
    mount(
        &server,
        [
            items()
                .and(query_param("page", "2"))
                .respond_with(body(200, r#"[{"id":3},{"id":4}]"#).insert_header(
                    "Link",
                    format!(r#"<{uri}/items?page=3>; rel="next", {last}"#),
                ))
                .expect(1),
            items()
                .and(query_param("page", "3"))
                .respond_with(
                    body(200, r#"[{"id":5}]"#)
                        .insert_header("Link", format!(r#"<{uri}/items?page=1>; rel="first""#)),
                )
                .expect(1),
            // Relative link on the first page: must be resolved against the page URL.
            items()
                .respond_with(
                    body(200, r#"[{"id":1},{"id":2}]"#)
                        .insert_header("Link", format!(r#"</items?page=2>; rel="next", {last}"#)),
                )
                .expect(1),
        ],
    )
    .await;

    let (client, recorder) = recorded_client(&server);
    let items: Vec<Item> = client.get_paginated(url(&client, "/items")).await.unwrap();
    let ids: Vec<u32> = items.iter().map(|i| i.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(
        recorder.lines(),
        ["page 1/Some(3)", "page 2/Some(3)", "page 3/None"]
    );
}

#[tokio::test]
async fn server_error_then_success_is_retried() {
    let server = serve([
        only_first(any_get(), ResponseTemplate::new(500)),
        any_get().respond_with(body(200, r#"{"id":7}"#)).expect(1),
    ])
    .await;
    let (client, recorder) = recorded_client(&server);
    let item = get_item(&client, "/x").await.unwrap();
    assert_eq!(item, Item { id: 7 });
    let events = recorder.lines();
    assert_eq!(events.len(), 1);
    assert!(events[0].contains("500"), "{events:?}");
}

#[tokio::test]
async fn persistent_server_errors_give_too_many_retries() {
    let server = serve([any_get().respond_with(ResponseTemplate::new(502)).expect(3)]).await;
    let err = get_item(&client(&server), "/x").await.unwrap_err();
    assert_variant!(err, NetError::TooManyRetries { attempts: 3, .. });
    assert!(err.to_string().contains("502"), "{err}");
}

#[tokio::test]
async fn too_many_requests_waits_for_retry_after() {
    let server = serve([
        any_get()
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
            .up_to_n_times(1),
        any_get().respond_with(body(200, r#"{"id":1}"#)),
    ])
    .await;
    let (client, recorder) = recorded_client(&server);
    let start = Instant::now();
    let item = get_item(&client, "/x").await.unwrap();
    assert_eq!(item.id, 1);
    assert!(start.elapsed() >= Duration::from_secs(1));
    assert_eq!(recorder.lines(), ["wait 1s RateLimited"]);
}

#[tokio::test]
async fn retry_after_beyond_cap_fails_clearly() {
    let server = serve_once(ResponseTemplate::new(429).insert_header("Retry-After", "3600")).await;
    let err = get_item(&github_client(&server), "/x").await.unwrap_err();
    match &err {
        NetError::RateLimitWaitTooLong {
            wait,
            source_header,
            ..
        } => {
            assert_eq!(*wait, Duration::from_secs(3600));
            assert_eq!(*source_header, "Retry-After");
        }
        other => panic!("unexpected {other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("set GITHUB_TOKEN for a higher limit"), "{msg}");
}

#[tokio::test]
async fn github_403_rate_limit_waits_until_reset() {
    let server = serve([
        only_first(any_get(), rate_limit_exceeded(1)),
        any_get().respond_with(body(200, r#"{"id":9}"#)).expect(1),
    ])
    .await;
    let (client, recorder) = recorded_client(&server);
    let item = get_item(&client, "/x").await.unwrap();
    assert_eq!(item.id, 9);
    let events = recorder.lines();
    assert_eq!(events.len(), 1);
    assert!(events[0].ends_with("RateLimited"), "{events:?}");
}

#[tokio::test]
async fn github_403_reset_far_away_exceeds_cap() {
    let server = serve_once(rate_limited_for(3000)).await;
    let err = get_item(&client(&server), "/x").await.unwrap_err();
    assert_variant!(
        err,
        NetError::RateLimitWaitTooLong {
            source_header: "X-RateLimit-Reset",
            ..
        }
    );
}

#[tokio::test]
async fn unauthorised_names_the_token_variable() {
    let server = serve([any_get()
        .and(header("authorization", "Bearer s3cret"))
        .respond_with(body(401, r#"{"message":"Bad credentials"}"#))
        .expect(1)])
    .await;
    let client = client_with(
        config(&server)
            .token(Some(Token::new("s3cret")))
            .token_env_var("GITHUB_TOKEN"),
    );
    assert!(!format!("{client:?}").contains("s3cret"));
    let err = get_item(&client, "/x").await.unwrap_err();
    assert_variant!(err, NetError::Unauthorized { status: 401, .. });
    let msg = err.to_string();
    assert!(msg.contains("GITHUB_TOKEN"), "{msg}");
    assert!(msg.contains("Bad credentials"), "{msg}");
    assert!(!msg.contains("s3cret"), "{msg}");
}

#[tokio::test]
async fn plain_403_is_a_permission_error_without_retry() {
    let server =
        serve_once(ResponseTemplate::new(403).insert_header("X-RateLimit-Remaining", "4999")).await;
    let client = github_client(&server);
    let err = client.get_text(url(&client, "/x")).await.unwrap_err();
    assert_variant!(err, NetError::Unauthorized { status: 403, .. });
    assert!(err.to_string().contains("set GITHUB_TOKEN"), "{err}");
}

#[tokio::test]
async fn not_found_is_typed() {
    let server = serve([]).await;
    let err = get_item(&client(&server), "/missing").await.unwrap_err();
    assert_variant!(err, NetError::NotFound { status: 404, .. });
    assert!(err.to_string().contains("/missing"), "{err}");
}

#[tokio::test]
async fn malformed_json_reports_url_line_and_column() {
    let server = serve([any_get().respond_with(body(200, "{\n  \"id\": 1,\n  oops\n}"))]).await;
    let err = get_item(&client(&server), "/bad").await.unwrap_err();
    match &err {
        NetError::MalformedJson {
            url, line, column, ..
        } => {
            assert_eq!(url.path(), "/bad");
            assert_eq!((*line, *column), (3, 3));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn slow_server_times_out_after_retries() {
    let server = serve([
        any_get().respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
    ])
    .await;
    let client = client_with(config(&server).max_retries(1));
    let start = Instant::now();
    let err = client.get_text(url(&client, "/slow")).await.unwrap_err();
    assert_variant!(err, NetError::Timeout { attempts: 2, .. });
    // Two tries of 300 ms; without the time-out they take 2 x 2 s. A generous bound below
    // that (a loaded machine must not fail it).
    assert!(start.elapsed() < Duration::from_millis(3500));
}

#[tokio::test]
async fn unreachable_port_is_reported_with_host() {
    // Bind then drop a listener to get a port that is (almost surely) closed.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let base = Url::parse(&format!("http://127.0.0.1:{port}")).unwrap();
    let cfg = ServiceConfig::builder(base)
        .max_retries(1)
        .initial_backoff(Duration::from_millis(5))
        .build();
    let recorder = Arc::new(Recorder::default());
    let client = HttpClient::new(cfg)
        .unwrap()
        .with_progress(recorder.clone());
    let err = client.get_text(url(&client, "/")).await.unwrap_err();
    let msg = err.to_string();
    assert_variant!(err, NetError::Unreachable { attempts: 2, .. });
    assert!(
        msg.starts_with(&format!("could not reach 127.0.0.1:{port}: ")),
        "{msg}"
    );
    assert_eq!(recorder.lines().len(), 1);
}

#[tokio::test]
async fn post_sends_json_and_is_not_retried_on_server_error() {
    let server = serve([post()
        .and(path("/comments"))
        .and(body_json(serde_json::json!({"body": "hi"})))
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)])
    .await;
    let client = client(&server);
    let err = client
        .post_json::<_, Item>(
            url(&client, "/comments"),
            &serde_json::json!({"body": "hi"}),
        )
        .await
        .unwrap_err();
    assert_variant!(err, NetError::Status { status: 503, .. });
}

#[tokio::test]
async fn post_returns_created_object() {
    let server = serve([post().respond_with(body(201, r#"{"id":42}"#)).expect(1)]).await;
    let client = client(&server);
    let item: Item = client
        .post_json(url(&client, "/c"), &serde_json::json!({}))
        .await
        .unwrap();
    assert_eq!(item.id, 42);
}

#[tokio::test]
async fn pagination_refuses_foreign_hosts() {
    let server = serve([any_get().respond_with(
        body(200, "[]").insert_header("Link", r#"<http://attacker.invalid/x?page=2>; rel="next""#),
    )])
    .await;
    let client = client(&server);
    let err = client
        .get_paginated::<Item>(url(&client, "/x"))
        .await
        .unwrap_err();
    assert_variant!(err, NetError::ForeignLink { .. });
}

#[tokio::test]
async fn pagination_stops_at_max_pages() {
    let server = MockServer::start().await;
    let next = format!(r#"<{}/x?page=2>; rel="next""#, server.uri());
    mount(
        &server,
        [any_get().respond_with(body(200, "[]").insert_header("Link", next))],
    )
    .await;
    let client = client_with(config(&server).max_pages(2));
    let err = client
        .get_paginated::<Item>(url(&client, "/x"))
        .await
        .unwrap_err();
    assert_variant!(err, NetError::TooManyPages { max_pages: 2, .. });
}

#[tokio::test]
async fn retry_reason_is_reported_for_waits() {
    let server = serve([
        any_get()
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(2),
        any_get().respond_with(body(200, "ok")),
    ])
    .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let client = client(&server).with_progress(Arc::new(move |e: &ProgressEvent<'_>| {
        if let ProgressEvent::Waiting { wait, reason, .. } = e {
            sink.lock().unwrap().push((*wait, reason.clone()));
        }
    }));
    let text = client.get_text(url(&client, "/x")).await.unwrap();
    assert_eq!(text, "ok");
    let seen = seen.lock().unwrap();
    let waits: Vec<Duration> = seen.iter().map(|(w, _)| *w).collect();
    assert_eq!(
        waits,
        [Duration::from_millis(10), Duration::from_millis(20)]
    );
    assert!(matches!(&seen[0].1, WaitReason::Retry(r) if r.contains("503")));
}
