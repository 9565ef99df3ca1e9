//! Test support (a dev-dependency only): the wiremock set-up shared by the HTTP tests of
//! twir-net, twir-github and twir-events, and [`corpus`], the one way tests find the TWiR
//! archive.
//!
//! Every server listens on 127.0.0.1: no test touches the internet.
//!
//! Tests that need the archive, or need not to run as root, are ignored (with their reason in
//! `cargo test`'s summary) rather than passed silently when the machine lacks it: see
//! `test_cfg.rs`, the build script those crates share, and its `twir_no_corpus` and
//! `twir_root` cfgs.

use std::path::PathBuf;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

/// A mock server with `mocks` mounted in order.
pub async fn serve(mocks: impl IntoIterator<Item = Mock>) -> MockServer {
    let server = MockServer::start().await;
    mount(&server, mocks).await;
    server
}

/// A mock server that must get exactly one GET (any path), answered with
/// `response`.
pub async fn serve_once(response: ResponseTemplate) -> MockServer {
    serve([any_get().respond_with(response).expect(1)]).await
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

/// Any POST request.
pub fn post() -> MockBuilder {
    Mock::given(method("POST"))
}

/// A response with `status` and a text body.
pub fn body(status: u16, text: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_string(text)
}

/// Answers only the first matching request, which must come exactly once
/// (a failure the client is expected to retry or wait out).
pub fn only_first(request: MockBuilder, response: ResponseTemplate) -> Mock {
    request.respond_with(response).up_to_n_times(1).expect(1)
}

/// A GitHub-style exhausted rate limit that resets `seconds` from now.
pub fn rate_limited_for(seconds: i64) -> ResponseTemplate {
    let reset = jiff::Timestamp::now().as_second() + seconds;
    ResponseTemplate::new(403)
        .insert_header("X-RateLimit-Remaining", "0")
        .insert_header("X-RateLimit-Reset", reset.to_string().as_str())
}

/// [`rate_limited_for`] with GitHub's explanation in the body.
pub fn rate_limit_exceeded(seconds: i64) -> ResponseTemplate {
    rate_limited_for(seconds).set_body_string(r#"{"message":"API rate limit exceeded"}"#)
}

/// The TWiR archive: `TWIR_CORPUS`, else `../shared/corpus` beside the repository.
///
/// Only tests marked `#[cfg_attr(twir_no_corpus, ignore = "...")]` call it, so it is there
/// unless it disappeared since the build (or `TWIR_REQUIRE_CORPUS=1` asked for it): then the
/// test fails saying so.
pub fn corpus() -> PathBuf {
    let dir = std::env::var_os("TWIR_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    assert!(
        dir.join("content").is_dir(),
        "the TWiR archive is not at {} (set TWIR_CORPUS, or unset TWIR_REQUIRE_CORPUS to have \
         the corpus tests listed as ignored)",
        dir.display()
    );
    dir
}
