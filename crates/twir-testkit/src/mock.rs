//! Mock HTTP servers on 127.0.0.1 and canned answers (feature `mock`).

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
