//! Shared helpers for the wiremock-based tests.

#![allow(dead_code, unused_imports)]

// The three HTTP crates set up their mock servers the same way (twir-testkit).
pub use twir_testkit::*;

use std::time::Duration;

use twir_github::GitHub;
use twir_github::twir_net::Url;
use wiremock::{MockServer, ResponseTemplate};

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
