//! The HTTP client: one request with retries, back-off and rate-limit waits.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::budget::{Deadline, HostGate};
use crate::config::host_of;
use crate::error::root_cause;
use crate::progress::{Progress, ProgressEvent, WaitReason};
use crate::redact::{redact, redact_known_bytes};
use crate::{AuthScheme, NetError, ServiceConfig, ratelimit};

/// Longest slice of an error body kept in [`NetError::Status`].
const BODY_SNIPPET_CHARS: usize = 500;

/// A successful (2xx) response, fully read.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Final URL (after redirects).
    pub url: Url,
    /// Status code (always 2xx).
    pub status: u16,
    /// Response headers.
    pub headers: HeaderMap,
    /// Raw body.
    pub body: Vec<u8>,
}

impl Fetched {
    /// Deserialises the body, mapping failures to [`NetError::MalformedJson`]
    /// with serde's line and column.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, NetError> {
        serde_json::from_slice(&self.body).map_err(|e| NetError::malformed_json(&self.url, &e))
    }

    /// The body as UTF-8 text.
    pub fn text(&self) -> Result<String, NetError> {
        String::from_utf8(self.body.clone()).map_err(|e| NetError::Body {
            url: Box::new(self.url.clone()),
            reason: format!("response is not valid UTF-8: {e}"),
        })
    }

    /// A header value as text, if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Async HTTP client for one service, shared by the twir API clients.
///
/// Cheap to clone (internally reference-counted). Every request:
/// - retries 5xx responses, timeouts and connection failures with exponential
///   back-off (`initial_backoff * 2^n`, capped by `max_backoff`), at most
///   `max_retries` times;
/// - waits out rate limits (429, or 403 with `X-RateLimit-Remaining: 0` or
///   `Retry-After`) for as long as `Retry-After` / `X-RateLimit-Reset` say,
///   failing with [`NetError::RateLimitWaitTooLong`] when that exceeds
///   `max_rate_limit_wait`;
/// - maps failures to typed [`NetError`]s.
///
/// POST (and PATCH) requests are not retried after a timeout or a 5xx, because the server
/// may already have acted on them (a retried "create comment" would post
/// twice); they are retried only when the connection could not be made or the
/// server rate limited them.
#[derive(Clone)]
pub struct HttpClient {
    inner: reqwest::Client,
    config: Arc<ServiceConfig>,
    progress: Option<Arc<dyn Progress>>,
    gate: Arc<HostGate>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("config", &self.config)
            .field("progress", &self.progress.is_some())
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    /// Builds a client; fails only on invalid header values or TLS set-up.
    pub fn new(config: ServiceConfig) -> Result<Self, NetError> {
        install_crypto_provider();
        let mut headers = HeaderMap::new();
        for (name, value) in &config.default_headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| NetError::Config(format!("header name {name:?}: {e}")))?;
            let value = HeaderValue::from_str(value)
                .map_err(|e| NetError::Config(format!("header {name}: {e}")))?;
            headers.insert(name, value);
        }
        if let Some(token) = &config.token {
            let (name, value) = match &config.auth {
                AuthScheme::Bearer => (AUTHORIZATION, format!("Bearer {}", token.expose())),
                AuthScheme::Header(h) => (
                    HeaderName::from_bytes(h.as_bytes())
                        .map_err(|e| NetError::Config(format!("auth header name {h:?}: {e}")))?,
                    token.expose().to_owned(),
                ),
            };
            // Never echo the token in the error: the message may be logged.
            let mut value = HeaderValue::from_str(&value)
                .map_err(|_| NetError::Config("token contains invalid characters".into()))?;
            value.set_sensitive(true);
            headers.insert(name, value);
        }
        let inner = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .default_headers(headers)
            .build()
            .map_err(|e| NetError::Config(format!("building HTTP client: {}", root_cause(&e))))?;
        let gate = Arc::new(HostGate::new(
            config.max_concurrent_per_host,
            config.host_failure_limit,
        ));
        Ok(HttpClient {
            inner,
            config: Arc::new(config),
            progress: None,
            gate,
        })
    }

    /// Attaches a progress reporter (see [`Progress`]).
    #[must_use]
    pub fn with_progress(mut self, progress: Arc<dyn Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &ServiceConfig {
        &self.config
    }

    /// Resolves `path` (e.g. `"/repos/rust-lang/rust/pulls"`) against the base
    /// URL, keeping any path prefix of the base (`https://ghe.example/api/v3`),
    /// and appends the query pairs (percent-encoded).
    pub fn endpoint(&self, path: &str, query: &[(&str, &str)]) -> Result<Url, NetError> {
        let mut base = self.config.base_url.clone();
        if !base.path().ends_with('/') {
            let with_slash = format!("{}/", base.path());
            base.set_path(&with_slash);
        }
        let mut url =
            base.join(path.trim_start_matches('/'))
                .map_err(|e| NetError::InvalidUrl {
                    input: path.to_owned(),
                    reason: e.to_string(),
                })?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    /// GET `url` and deserialise the JSON body.
    pub async fn get_json<T: DeserializeOwned>(&self, url: Url) -> Result<T, NetError> {
        self.get(url).await?.json()
    }

    /// GET `url` and return the body as text (e.g. an iCalendar feed).
    pub async fn get_text(&self, url: Url) -> Result<String, NetError> {
        self.get(url).await?.text()
    }

    /// POST `body` as JSON to `url` and deserialise the JSON answer.
    pub async fn post_json<B, T>(&self, url: Url, body: &B) -> Result<T, NetError>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| NetError::Config(format!("serialising request body: {e}")))?;
        self.execute(Method::POST, url, Some(bytes), Retry::Once)
            .await?
            .json()
    }

    /// POST `body` as JSON to `url` for a request that only reads (a GraphQL query): it is
    /// retried like a GET after a time-out or a 5xx, and the attempts are counted as one
    /// request's.
    pub async fn post_json_readonly<B, T>(&self, url: Url, body: &B) -> Result<T, NetError>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| NetError::Config(format!("serialising request body: {e}")))?;
        self.execute(Method::POST, url, Some(bytes), Retry::Idempotent)
            .await?
            .json()
    }

    /// Sends `body` (if any) as JSON with `method` (PUT, PATCH, DELETE, or a
    /// POST whose answer has no JSON body, such as a 204) and returns the raw
    /// response. PUT and DELETE are retried like GET (they are idempotent);
    /// PATCH and POST like POST.
    pub async fn send_json<B>(
        &self,
        method: Method,
        url: Url,
        body: Option<&B>,
    ) -> Result<Fetched, NetError>
    where
        B: Serialize + ?Sized,
    {
        let bytes = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|e| NetError::Config(format!("serialising request body: {e}")))?;
        let retry = if matches!(
            method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        ) {
            Retry::Idempotent
        } else {
            Retry::Once
        };
        self.execute(method, url, bytes, retry).await
    }

    /// GET `url`, returning the raw response (headers included) for callers
    /// that need more than the body.
    pub async fn get(&self, url: Url) -> Result<Fetched, NetError> {
        self.execute(Method::GET, url, None, Retry::Idempotent)
            .await
    }

    pub(crate) fn report(&self, event: &ProgressEvent<'_>) {
        if let Some(p) = &self.progress {
            p.report(event);
        }
    }

    /// The retry loop shared by every verb; its errors are redacted
    /// ([`NetError::redacted`]) and so is a successful body ([`redact_known_bytes`]).
    async fn execute(
        &self,
        method: Method,
        url: Url,
        body: Option<Vec<u8>>,
        retry: Retry,
    ) -> Result<Fetched, NetError> {
        match self.attempts(method, url, body, retry).await {
            Ok(mut f) => {
                f.body = redact_known_bytes(std::mem::take(&mut f.body));
                Ok(f)
            }
            Err(e) => Err(e.redacted()),
        }
    }

    async fn attempts(
        &self,
        method: Method,
        url: Url,
        body: Option<Vec<u8>>,
        retry: Retry,
    ) -> Result<Fetched, NetError> {
        let idempotent = retry == Retry::Idempotent;
        let max_attempts = self.config.max_retries.saturating_add(1);
        let host = host_of(&url);
        let mut attempt: u32 = 0;
        let mut last = String::new();
        loop {
            // Attempts made so far, for messages about stopping before the next one.
            let made = attempt;
            attempt += 1;
            let can_retry = attempt < max_attempts;
            if let Some(failures) = self.gate.down(&host) {
                return Err(NetError::HostDown {
                    url: Box::new(url),
                    host,
                    failures,
                    attempts: made,
                    last,
                });
            }
            let permit = match self.deadline() {
                Some(d) => {
                    match tokio::time::timeout(d.remaining(), self.gate.acquire(&host)).await {
                        Ok(p) => p,
                        Err(_) => return Err(self.deadline_error(url, made, last)),
                    }
                }
                None => self.gate.acquire(&host).await,
            };
            // The host may have gone down while this request waited its turn.
            if let Some(failures) = self.gate.down(&host) {
                return Err(NetError::HostDown {
                    url: Box::new(url),
                    host,
                    failures,
                    attempts: made,
                    last,
                });
            }
            let mut timeout = self.config.timeout;
            let mut cut = false;
            if let Some(d) = self.deadline() {
                let left = d.remaining();
                if left.is_zero() {
                    return Err(self.deadline_error(url, made, last));
                }
                if left < timeout {
                    timeout = left;
                    cut = true;
                }
            }
            let mut request = self
                .inner
                .request(method.clone(), url.clone())
                .timeout(timeout);
            if let Some(bytes) = &body {
                request = request
                    .header(CONTENT_TYPE, "application/json")
                    .body(bytes.clone());
            }
            let response = match request.send().await {
                Ok(r) => r,
                Err(e) => {
                    drop(permit);
                    if cut && e.is_timeout() {
                        return Err(self.deadline_error(url, attempt, "timed out".into()));
                    }
                    if e.is_timeout() || e.is_connect() {
                        self.gate.failed(&host);
                    }
                    // A connect failure means nothing reached the server, so
                    // even a POST is safe to resend.
                    let retryable = e.is_connect() || (idempotent && e.is_timeout());
                    let err = self.transport_error(&e, &url, attempt);
                    if retryable && can_retry {
                        last = describe(&err);
                        self.back_off(&url, attempt, last.clone()).await?;
                        continue;
                    }
                    return Err(err);
                }
            };
            self.gate.answered(&host);

            let status = response.status();
            let headers = response.headers().clone();
            let now = jiff::Timestamp::now();
            let rate_limit = ratelimit::detect(
                status.as_u16(),
                |name| headers.get(name).and_then(|v| v.to_str().ok()),
                now,
            );
            if let Some(rl) = rate_limit {
                drop(permit);
                let wait = rl.wait.unwrap_or_else(|| self.backoff_delay(attempt));
                if wait > self.config.max_rate_limit_wait {
                    return Err(NetError::RateLimitWaitTooLong {
                        host: host_of(&url),
                        wait,
                        max_wait: self.config.max_rate_limit_wait,
                        source_header: rl.source,
                        hint: self.rate_limit_hint(),
                    });
                }
                if !can_retry {
                    return Err(NetError::TooManyRetries {
                        url: Box::new(url),
                        attempts: attempt,
                        last: format!("still rate limited (HTTP {status})"),
                    });
                }
                last = format!("rate limited (HTTP {status})");
                if self.deadline().is_some_and(|d| d.remaining() < wait) {
                    return Err(self.deadline_error(url, attempt, last));
                }
                self.report(&ProgressEvent::Waiting {
                    url: &url,
                    wait,
                    reason: WaitReason::RateLimited,
                });
                tokio::time::sleep(wait).await;
                continue;
            }

            if status.is_server_error() {
                if !idempotent {
                    let body = snippet(response).await;
                    return Err(NetError::Status {
                        url: Box::new(url),
                        status: status.as_u16(),
                        body,
                    });
                }
                drop(permit);
                if !can_retry {
                    return Err(NetError::TooManyRetries {
                        url: Box::new(url),
                        attempts: attempt,
                        last: format!("HTTP {status}"),
                    });
                }
                last = format!("HTTP {status}");
                self.back_off(&url, attempt, last.clone()).await?;
                continue;
            }

            if !status.is_success() {
                return Err(self.status_error(url, status, response).await);
            }

            let final_url = response.url().clone();
            match read_capped(response, self.config.max_body_bytes).await {
                Ok(bytes) => {
                    return Ok(Fetched {
                        url: final_url,
                        status: status.as_u16(),
                        headers,
                        body: bytes,
                    });
                }
                Err(BodyError::TooLarge) => {
                    return Err(NetError::TooLarge {
                        url: Box::new(url),
                        limit: self.config.max_body_bytes,
                    });
                }
                Err(BodyError::Read(e)) => {
                    drop(permit);
                    if cut && e.is_timeout() {
                        return Err(self.deadline_error(url, attempt, "timed out".into()));
                    }
                    let err = if e.is_timeout() {
                        self.gate.failed(&host);
                        self.transport_error(&e, &url, attempt)
                    } else {
                        NetError::Body {
                            url: Box::new(url.clone()),
                            reason: root_cause(&e),
                        }
                    };
                    if idempotent && can_retry {
                        last = describe(&err);
                        self.back_off(&url, attempt, last.clone()).await?;
                        continue;
                    }
                    return Err(err);
                }
            }
        }
    }

    fn deadline(&self) -> Option<Deadline> {
        self.config.deadline
    }

    fn deadline_error(&self, url: Url, attempts: u32, last: String) -> NetError {
        NetError::DeadlineExceeded {
            url: Box::new(url),
            budget: self.deadline().map(|d| d.budget).unwrap_or_default(),
            attempts,
            last,
        }
    }

    /// Sleeps for the back-off delay of `attempt`, telling the reporter why; fails at once
    /// when the deadline would pass first.
    async fn back_off(&self, url: &Url, attempt: u32, why: String) -> Result<(), NetError> {
        let wait = self.backoff_delay(attempt);
        if self.deadline().is_some_and(|d| d.remaining() <= wait) {
            return Err(self.deadline_error(url.clone(), attempt, why));
        }
        self.report(&ProgressEvent::Waiting {
            url,
            wait,
            reason: WaitReason::Retry(why),
        });
        tokio::time::sleep(wait).await;
        Ok(())
    }

    /// `initial_backoff * 2^(attempt-1)`, capped by `max_backoff`.
    fn backoff_delay(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.config
            .initial_backoff
            .checked_mul(factor)
            .unwrap_or(self.config.max_backoff)
            .min(self.config.max_backoff)
    }

    fn transport_error(&self, e: &reqwest::Error, url: &Url, attempts: u32) -> NetError {
        if e.is_timeout() {
            NetError::Timeout {
                url: Box::new(url.clone()),
                timeout: self.config.timeout,
                attempts,
            }
        } else {
            NetError::Unreachable {
                host: host_of(url),
                reason: root_cause(e),
                attempts,
            }
        }
    }

    async fn status_error(
        &self,
        url: Url,
        status: StatusCode,
        response: reqwest::Response,
    ) -> NetError {
        let url = Box::new(url);
        match status.as_u16() {
            401 | 403 => {
                let body = snippet(response).await;
                NetError::Unauthorized {
                    url,
                    status: status.as_u16(),
                    hint: self.auth_hint(status.as_u16(), &body),
                }
            }
            404 | 410 => NetError::NotFound {
                url,
                status: status.as_u16(),
            },
            code => NetError::Status {
                url,
                status: code,
                body: snippet(response).await,
            },
        }
    }

    /// Advice for 401/403 naming the token variable, plus the server's own
    /// `message` when it sent one (GitHub: "Bad credentials").
    fn auth_hint(&self, status: u16, body: &str) -> String {
        let var = self.config.token_env_var.as_deref();
        let mut hint = match (&self.config.token, var, status) {
            (None, Some(var), _) => format!("no token was sent; set {var} to a valid token"),
            (None, None, _) => "no token was sent and this endpoint needs one".to_owned(),
            (Some(_), Some(var), 401) => {
                format!("the token in {var} was rejected (expired or revoked?)")
            }
            (Some(_), Some(var), _) => {
                format!("the token in {var} lacks the permission needed for this request")
            }
            (Some(_), None, 401) => "the token was rejected (expired or revoked?)".to_owned(),
            (Some(_), None, _) => "the token lacks the permission needed".to_owned(),
        };
        if let Some(message) = server_message(body) {
            hint.push_str(&format!(" (server said: {message})"));
        }
        hint
    }

    fn rate_limit_hint(&self) -> String {
        match (&self.config.token, &self.config.token_env_var) {
            (None, Some(var)) => format!(", or set {var} for a higher limit"),
            _ => String::new(),
        }
    }
}

/// Short description of an error for progress messages.
fn describe(err: &NetError) -> String {
    match err {
        NetError::Timeout { .. } => "timed out".to_owned(),
        NetError::Unreachable { reason, .. } => format!("connection failed: {reason}"),
        other => other.to_string(),
    }
}

/// Whether a request may be sent again after a time-out or a 5xx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    /// It only reads (GET, GraphQL query).
    Idempotent,
    /// It may have acted (POST): resent only when it never reached the server.
    Once,
}

enum BodyError {
    TooLarge,
    Read(reqwest::Error),
}

/// The body, chunk by chunk, failing as soon as it exceeds `limit` bytes (a 200 MB answer
/// is never held in memory).
async fn read_capped(mut response: reqwest::Response, limit: u64) -> Result<Vec<u8>, BodyError> {
    if response.content_length().is_some_and(|n| n > limit) {
        return Err(BodyError::TooLarge);
    }
    let mut out = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Read)? {
        if (out.len() + chunk.len()) as u64 > limit {
            return Err(BodyError::TooLarge);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// Most of an error body read for a message.
const SNIPPET_READ_BYTES: u64 = 64 * 1024;

/// First [`BODY_SNIPPET_CHARS`] characters of a body, for error messages (at most
/// [`SNIPPET_READ_BYTES`] are read), redacted.
async fn snippet(mut response: reqwest::Response) -> String {
    let mut bytes = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 >= SNIPPET_READ_BYTES {
            break;
        }
    }
    let text = redact(&String::from_utf8_lossy(&bytes));
    let mut out: String = text.chars().take(BODY_SNIPPET_CHARS).collect();
    if text.chars().count() > BODY_SNIPPET_CHARS {
        out.push('…');
    }
    out
}

/// The `message` field of a JSON error body, if short enough to quote.
fn server_message(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let message = value.get("message")?.as_str()?;
    (message.len() <= 200).then(|| message.to_owned())
}

/// reqwest is built without a bundled crypto provider (to avoid compiling
/// aws-lc); install rustls' ring provider unless the binary already chose one.
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing the race to another thread installing a provider is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(base: &str) -> HttpClient {
        let cfg = ServiceConfig::builder(Url::parse(base).unwrap())
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350))
            .build();
        HttpClient::new(cfg).unwrap()
    }

    #[test]
    fn endpoint_keeps_base_path_and_encodes_query() {
        let c = client("https://ghe.example.com/api/v3");
        let u = c
            .endpoint("/search/issues", &[("q", "label:a b"), ("per_page", "100")])
            .unwrap();
        assert_eq!(
            u.as_str(),
            "https://ghe.example.com/api/v3/search/issues?q=label%3Aa+b&per_page=100"
        );
        let c = client("https://api.github.com");
        let u = c.endpoint("repos/o/r", &[]).unwrap();
        assert_eq!(u.as_str(), "https://api.github.com/repos/o/r");
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let c = client("https://x.example");
        assert_eq!(c.backoff_delay(1), Duration::from_millis(100));
        assert_eq!(c.backoff_delay(2), Duration::from_millis(200));
        assert_eq!(c.backoff_delay(3), Duration::from_millis(350));
        assert_eq!(c.backoff_delay(60), Duration::from_millis(350));
    }

    #[test]
    fn server_message_is_extracted() {
        assert_eq!(
            server_message(r#"{"message":"Bad credentials","documentation_url":"x"}"#).as_deref(),
            Some("Bad credentials")
        );
        assert_eq!(server_message("<html>"), None);
    }

    #[test]
    fn fetched_json_error_has_url() {
        let f = Fetched {
            url: Url::parse("https://x.example/a").unwrap(),
            status: 200,
            headers: HeaderMap::new(),
            body: b"[1, 2,".to_vec(),
        };
        let err = f.json::<Vec<u32>>().unwrap_err();
        assert!(
            matches!(err, NetError::MalformedJson { line: 1, .. }),
            "{err}"
        );
    }
}
