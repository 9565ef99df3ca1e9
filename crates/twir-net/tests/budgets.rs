//! Network budgets against local servers that misbehave: a host that hangs is given up after
//! a few time-outs, the command's deadline stops everything, requests to one host run a few
//! at a time, read-only POSTs count their attempts, and answers over the cap are not read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[macro_use]
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{client_with, config, url};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use twir_net::{Deadline, HttpClient, NetError, ServiceConfig, Url};
use twir_testkit::{any_get, body, post, serve};
use wiremock::ResponseTemplate;

/// A server that accepts connections and never answers; returns its base URL.
async fn hanging_server() -> Url {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s);
        }
    });
    Url::parse(&format!("http://{addr}/")).unwrap()
}

fn hanging_config(base: Url) -> ServiceConfig {
    ServiceConfig::builder(base)
        .timeout(Duration::from_millis(300))
        .connect_timeout(Duration::from_millis(300))
        .max_retries(3)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
        .build()
}

/// Runs `n` GETs of `/gN` at once and returns their results in order.
async fn many_gets(client: &HttpClient, n: usize) -> Vec<Result<twir_net::Fetched, NetError>> {
    let mut set = tokio::task::JoinSet::new();
    for i in 0..n {
        let c = client.clone();
        set.spawn(async move {
            let u = c.endpoint(&format!("/g{i}"), &[]).unwrap();
            (i, c.get(u).await)
        });
    }
    let mut out: Vec<_> = set.join_all().await;
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

#[tokio::test]
async fn a_hanging_host_is_given_up_after_a_few_time_outs() {
    let base = hanging_server().await;
    let client = HttpClient::new(hanging_config(base)).unwrap();
    let start = Instant::now();
    let results = many_gets(&client, 40).await;
    let took = start.elapsed();
    // Without the breaker: 40 requests, 4 at a time, 4 tries of 300 ms each = 12 s (a
    // generous bound below that: a loaded machine must not fail it).
    assert!(took < Duration::from_secs(8), "took {took:?}");
    let down = results
        .iter()
        .filter(|r| matches!(r, Err(NetError::HostDown { .. })))
        .count();
    assert!(down >= 30, "{down} given up: {results:?}");
    for r in &results {
        let e = r.as_ref().unwrap_err();
        assert!(e.is_transient(), "{e}");
    }
    let msg = results
        .iter()
        .find_map(|r| match r {
            Err(e @ NetError::HostDown { .. }) => Some(e.to_string()),
            _ => None,
        })
        .unwrap();
    assert!(msg.contains("failed 4 requests in a row"), "{msg}");
}

#[tokio::test]
async fn the_deadline_stops_waiting_and_retrying() {
    let base = hanging_server().await;
    let mut cfg = hanging_config(base);
    cfg.timeout = Duration::from_secs(30);
    cfg.host_failure_limit = 0;
    cfg.deadline = Some(Deadline::after(Duration::from_millis(600)));
    let client = HttpClient::new(cfg).unwrap();
    let start = Instant::now();
    let results = many_gets(&client, 12).await;
    let took = start.elapsed();
    // The deadline is 600 ms; without it each request waits its 30 s time-out.
    assert!(took < Duration::from_secs(10), "took {took:?}");
    for r in &results {
        match r {
            Err(e @ NetError::DeadlineExceeded { .. }) => {
                let m = e.to_string();
                assert!(
                    m.contains("time limit") && m.contains("--net-deadline"),
                    "{m}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
    // Those that were sent say so; those that waited their turn say they never started.
    let text: Vec<String> = results
        .iter()
        .map(|r| r.as_ref().unwrap_err().to_string())
        .collect();
    assert!(
        text.iter()
            .any(|t| t.contains("(1 attempt, last: timed out)")),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.contains("(0 attempts)")), "{text:?}");
}

#[tokio::test]
async fn requests_to_one_host_run_a_few_at_a_time() {
    let server = serve([any_get()
        .respond_with(body(200, "{}").set_delay(Duration::from_millis(200)))
        .expect(12)])
    .await;
    let client = client_with(
        config(&server)
            .timeout(Duration::from_secs(5))
            .max_concurrent_per_host(3),
    );
    let start = Instant::now();
    let results = many_gets(&client, 12).await;
    let took = start.elapsed();
    assert!(results.iter().all(Result::is_ok));
    // Four rounds of three.
    assert!(took >= Duration::from_millis(780), "took {took:?}");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[tokio::test]
async fn read_only_posts_are_retried_and_counted() {
    let server = serve([post().respond_with(ResponseTemplate::new(502)).expect(3)]).await;
    let client = client_with(config(&server));
    let err = client
        .post_json_readonly::<_, serde_json::Value>(
            url(&client, "/graphql"),
            &serde_json::json!({"query": "{}"}),
        )
        .await
        .unwrap_err();
    assert_variant!(err, NetError::TooManyRetries { attempts: 3, .. });
    assert!(
        err.to_string().contains("after 3 attempts: HTTP 502"),
        "{err}"
    );

    // A time-out on every try: one message with the real count.
    let base = hanging_server().await;
    let client = HttpClient::new(hanging_config(base.clone())).unwrap();
    let err = client
        .post_json_readonly::<_, serde_json::Value>(base, &serde_json::json!({}))
        .await
        .unwrap_err();
    assert_variant!(err, NetError::Timeout { attempts: 4, .. });
    assert!(err.to_string().contains("(4 attempts)"), "{err}");
}

#[tokio::test]
async fn answers_over_the_cap_are_not_read() {
    let server = serve([any_get().respond_with(body(200, &"x".repeat(2 << 20)))]).await;
    let client = client_with(config(&server).max_body_bytes(1 << 20));
    let err = client.get(url(&client, "/big")).await.unwrap_err();
    assert_variant!(err, NetError::TooLarge { limit: 1048576, .. });

    // Without a length: read chunk by chunk, stopped at the cap.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    tokio::spawn(async move {
        let (mut s, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 1024];
        let _ = s.read(&mut buf).await;
        s.write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            .await
            .unwrap();
        let chunk = format!("10000\r\n{}\r\n", "y".repeat(0x10000));
        // Up to 200 MB, unless the client hangs up.
        for _ in 0..3200 {
            if s.write_all(chunk.as_bytes()).await.is_err() {
                break;
            }
            counter.fetch_add(0x10000, Ordering::Relaxed);
        }
    });
    let base = Url::parse(&format!("http://{addr}/")).unwrap();
    let client = HttpClient::new(
        ServiceConfig::builder(base.clone())
            .max_body_bytes(1 << 20)
            .timeout(Duration::from_secs(20))
            .build(),
    )
    .unwrap();
    let err = client.get(base).await.unwrap_err();
    assert_variant!(err, NetError::TooLarge { .. });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        sent.load(Ordering::Relaxed) < 64 << 20,
        "the whole body was read"
    );
}
