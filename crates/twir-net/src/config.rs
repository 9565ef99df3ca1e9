//! Per-service client configuration.

use std::time::Duration;

use url::Url;

use crate::Token;
use crate::budget::Deadline;

/// How a [`Token`] is attached to requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>` (GitHub, Meetup and most OAuth APIs).
    Bearer,
    /// The raw token in a custom header, e.g. `X-Api-Key: <token>`.
    Header(String),
}

/// Everything [`HttpClient`](crate::HttpClient) needs to talk to one service.
///
/// Build it with [`ServiceConfig::builder`]; the defaults suit an interactive
/// CLI (30 s timeout, 3 retries, back-off up to 30 s, rate-limit waits up to
/// 5 minutes, 4 requests at once per host, a host given up after 4 failures in a row,
/// answers up to 32 MiB, the command's deadline).
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// Root of the API; relative endpoint paths are resolved against it.
    pub base_url: Url,
    /// Optional credential; `Debug` output shows it as `<redacted>`.
    pub token: Option<Token>,
    /// Name of the environment variable the token is read from, quoted in
    /// "unauthorised" errors so the user knows what to fix.
    pub token_env_var: Option<String>,
    /// How the token is sent.
    pub auth: AuthScheme,
    /// Limit for one whole request (connect, send, read the body).
    pub timeout: Duration,
    /// Limit for establishing the TCP/TLS connection.
    pub connect_timeout: Duration,
    /// Retries after the first attempt for transient failures
    /// (5xx, timeouts, connection errors, rate limits).
    pub max_retries: u32,
    /// First back-off delay; doubled on each further retry.
    pub initial_backoff: Duration,
    /// Upper bound for one back-off delay.
    pub max_backoff: Duration,
    /// Longest wait accepted when the server says "rate limited, come back
    /// later"; a longer requested wait fails with
    /// [`NetError::RateLimitWaitTooLong`](crate::NetError::RateLimitWaitTooLong).
    pub max_rate_limit_wait: Duration,
    /// Safety stop for `Link`-header pagination.
    pub max_pages: usize,
    /// Sent as `User-Agent` (GitHub rejects requests without one).
    pub user_agent: String,
    /// Extra headers sent with every request, e.g. `Accept`.
    pub default_headers: Vec<(String, String)>,
    /// When every request of the command stops (see [`crate::set_command_deadline`]); each
    /// try's time-out is cut to what is left, and no retry starts after it.
    pub deadline: Option<Deadline>,
    /// Requests in flight to one host at once (politeness); more wait their turn.
    pub max_concurrent_per_host: usize,
    /// After this many time-outs or refused connections in a row, a host is taken to be down
    /// and the remaining requests to it fail at once (0: never).
    pub host_failure_limit: u32,
    /// Largest answer read; a longer one fails with
    /// [`NetError::TooLarge`](crate::NetError::TooLarge) without being read.
    pub max_body_bytes: u64,
}

impl ServiceConfig {
    /// Starts a builder for a service rooted at `base_url`.
    pub fn builder(base_url: Url) -> ServiceConfigBuilder {
        ServiceConfigBuilder {
            config: ServiceConfig {
                base_url,
                token: None,
                token_env_var: None,
                auth: AuthScheme::Bearer,
                timeout: Duration::from_secs(30),
                connect_timeout: Duration::from_secs(10),
                max_retries: 3,
                initial_backoff: Duration::from_millis(500),
                max_backoff: Duration::from_secs(30),
                max_rate_limit_wait: Duration::from_secs(300),
                max_pages: 100,
                user_agent: concat!("twir/", env!("CARGO_PKG_VERSION")).to_owned(),
                default_headers: Vec::new(),
                deadline: crate::budget::command_deadline(),
                max_concurrent_per_host: 4,
                host_failure_limit: 4,
                max_body_bytes: 32 << 20,
            },
        }
    }

    /// Host name of the base URL, used in "could not reach HOST" messages.
    pub fn host(&self) -> String {
        host_of(&self.base_url)
    }
}

/// `host[:port]` of a URL, or the whole URL when it has no host.
pub(crate) fn host_of(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        _ => url.to_string(),
    }
}

/// Builder for [`ServiceConfig`]; every setter is optional.
#[derive(Debug, Clone)]
#[must_use]
pub struct ServiceConfigBuilder {
    config: ServiceConfig,
}

impl ServiceConfigBuilder {
    /// Sets (or clears) the token.
    pub fn token(mut self, token: Option<Token>) -> Self {
        self.config.token = token;
        self
    }

    /// Reads the token from environment variable `var` (absent or empty means
    /// unauthenticated) and remembers the name for error messages.
    pub fn token_from_env(mut self, var: &str) -> Self {
        self.config.token = Token::from_env(var);
        self.config.token_env_var = Some(var.to_owned());
        self
    }

    /// Records which environment variable holds the token, for error messages.
    pub fn token_env_var(mut self, var: impl Into<String>) -> Self {
        self.config.token_env_var = Some(var.into());
        self
    }

    /// Chooses how the token is sent (default: bearer).
    pub fn auth(mut self, auth: AuthScheme) -> Self {
        self.config.auth = auth;
        self
    }

    /// Whole-request timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = timeout;
        self
    }

    /// Connection-establishment timeout.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }

    /// Number of retries after the first attempt.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.config.max_retries = retries;
        self
    }

    /// First back-off delay (doubled per retry).
    pub fn initial_backoff(mut self, delay: Duration) -> Self {
        self.config.initial_backoff = delay;
        self
    }

    /// Upper bound of one back-off delay.
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.config.max_backoff = delay;
        self
    }

    /// Longest acceptable rate-limit wait.
    pub fn max_rate_limit_wait(mut self, wait: Duration) -> Self {
        self.config.max_rate_limit_wait = wait;
        self
    }

    /// Safety stop for pagination.
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.config.max_pages = pages;
        self
    }

    /// `User-Agent` header value.
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.config.user_agent = agent.into();
        self
    }

    /// Adds a header sent with every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.config
            .default_headers
            .push((name.into(), value.into()));
        self
    }

    /// Sets (or clears) the deadline of every request.
    pub fn deadline(mut self, deadline: Option<Deadline>) -> Self {
        self.config.deadline = deadline;
        self
    }

    /// Requests in flight to one host at once.
    pub fn max_concurrent_per_host(mut self, n: usize) -> Self {
        self.config.max_concurrent_per_host = n;
        self
    }

    /// Consecutive transport failures after which a host is given up (0: never).
    pub fn host_failure_limit(mut self, n: u32) -> Self {
        self.config.host_failure_limit = n;
        self
    }

    /// Largest answer read, in bytes.
    pub fn max_body_bytes(mut self, n: u64) -> Self {
        self.config.max_body_bytes = n;
        self
    }

    /// Finishes the configuration.
    pub fn build(self) -> ServiceConfig {
        self.config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token() {
        let url = Url::parse("https://api.example.com").unwrap();
        let cfg = ServiceConfig::builder(url)
            .token(Some(Token::new("very-secret")))
            .build();
        let dbg = format!("{cfg:?}");
        assert!(!dbg.contains("very-secret"), "{dbg}");
        assert!(dbg.contains("<redacted>"));
    }

    #[test]
    fn host_includes_non_default_port() {
        let cfg = ServiceConfig::builder(Url::parse("http://127.0.0.1:8080/x").unwrap()).build();
        assert_eq!(cfg.host(), "127.0.0.1:8080");
        let cfg = ServiceConfig::builder(Url::parse("https://api.github.com").unwrap()).build();
        assert_eq!(cfg.host(), "api.github.com");
    }
}
