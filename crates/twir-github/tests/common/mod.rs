//! Shared helpers for the wiremock-based tests.

#![allow(dead_code)]

use std::time::Duration;

use twir_github::GitHub;
use twir_github::twir_net::Url;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

/// Contents of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// 200 response with a fixture as JSON body.
pub fn json(name: &str) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "application/json")
        .set_body_string(fixture(name))
}

/// A client for the mock server with tiny retry/back-off limits and no
/// token (whatever GITHUB_TOKEN the environment has).
pub fn client(server: &MockServer) -> GitHub {
    let config = GitHub::config_builder(Some(Url::parse(&server.uri()).unwrap()))
        .token(None)
        .timeout(Duration::from_secs(5))
        .max_retries(2)
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(20))
        .max_rate_limit_wait(Duration::from_secs(2))
        .build();
    GitHub::new(config).unwrap()
}

/// A mock server on 127.0.0.1 with `mocks` mounted in order.
pub async fn serve(mocks: impl IntoIterator<Item = Mock>) -> MockServer {
    let server = MockServer::start().await;
    mount(&server, mocks).await;
    server
}

/// Mounts `mocks` in order: among equal priorities the first one that
/// matches answers.
pub async fn mount(server: &MockServer, mocks: impl IntoIterator<Item = Mock>) {
    for mock in mocks {
        server.register(mock).await;
    }
}

/// Any GET request.
pub fn any_get() -> MockBuilder {
    Mock::given(method("GET"))
}

/// A GET of exactly `p` (any query).
pub fn get(p: &str) -> MockBuilder {
    any_get().and(path(p))
}

/// A GitHub exhausted rate limit that resets `seconds` from now.
pub fn rate_limited_for(seconds: i64) -> ResponseTemplate {
    let reset = jiff::Timestamp::now().as_second() + seconds;
    ResponseTemplate::new(403)
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", reset.to_string().as_str())
}
