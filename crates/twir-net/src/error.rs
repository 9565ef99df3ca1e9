//! Typed errors for every way a request can fail.

use std::time::Duration;

use url::Url;

/// Why a request through [`HttpClient`](crate::HttpClient) failed.
///
/// Messages are written for the person running the CLI: they name the host
/// or URL and, where possible, what to do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NetError {
    /// No connection could be made (offline, DNS failure, refused port).
    #[error("could not reach {host}: {reason} (tried {attempts} time(s))")]
    Unreachable {
        /// `host[:port]` that was contacted.
        host: String,
        /// Innermost cause, e.g. "Connection refused (os error 111)".
        reason: String,
        /// How many attempts were made.
        attempts: u32,
    },

    /// The server did not answer within the configured timeout.
    #[error("request to {url} timed out after {timeout:?} (tried {attempts} time(s))")]
    Timeout {
        /// Requested URL.
        url: Box<Url>,
        /// Configured per-request timeout.
        timeout: Duration,
        /// How many attempts were made.
        attempts: u32,
    },

    /// 401, or 403 that is not a rate limit: the credential is missing,
    /// wrong or lacks a permission.
    #[error("{url}: unauthorised (HTTP {status}): {hint}")]
    Unauthorized {
        /// Requested URL.
        url: Box<Url>,
        /// 401 or 403.
        status: u16,
        /// What to fix, naming the token's environment variable if known.
        hint: String,
    },

    /// 404 (or 410).
    #[error("not found (HTTP {status}): {url}")]
    NotFound {
        /// Requested URL.
        url: Box<Url>,
        /// 404 or 410.
        status: u16,
    },

    /// The body was not the JSON shape the caller expected.
    #[error("malformed JSON from {url} at line {line}, column {column}: {message}")]
    MalformedJson {
        /// Requested URL.
        url: Box<Url>,
        /// 1-based line reported by serde_json.
        line: u32,
        /// Column reported by serde_json (1-based; 0 when the problem is the
        /// line break itself).
        column: u32,
        /// serde_json's description of the problem.
        message: String,
    },

    /// The server asked us to wait longer than
    /// [`ServiceConfig::max_rate_limit_wait`](crate::ServiceConfig::max_rate_limit_wait).
    #[error(
        "rate limited by {host}: the server asks to wait {wait:?} (from {source_header}), \
         more than the allowed maximum of {max_wait:?}; try again later{hint}"
    )]
    RateLimitWaitTooLong {
        /// `host[:port]` that rate limited us.
        host: String,
        /// Wait the server asked for.
        wait: Duration,
        /// Configured cap.
        max_wait: Duration,
        /// Header the wait came from (`Retry-After`, `X-RateLimit-Reset`).
        source_header: &'static str,
        /// Extra advice (e.g. "or set GITHUB_TOKEN for a higher limit"), may be empty.
        hint: String,
    },

    /// Transient failures (5xx, rate limits) persisted through every retry.
    #[error("giving up on {url} after {attempts} attempts: {last}")]
    TooManyRetries {
        /// Requested URL.
        url: Box<Url>,
        /// Attempts made (first try plus retries).
        attempts: u32,
        /// Description of the last failure, e.g. "HTTP 502 Bad Gateway".
        last: String,
    },

    /// Any other non-success status (400, 409, 422, ...).
    #[error("{url}: HTTP {status}: {body}")]
    Status {
        /// Requested URL.
        url: Box<Url>,
        /// HTTP status code.
        status: u16,
        /// Start of the response body, for diagnosis.
        body: String,
    },

    /// A relative endpoint or `Link` header could not be turned into a URL.
    #[error("invalid URL {input:?}: {reason}")]
    InvalidUrl {
        /// Text that failed to parse.
        input: String,
        /// Why.
        reason: String,
    },

    /// A pagination `Link` pointed at another origin; following it would
    /// send our token to a third party.
    #[error("refusing to follow pagination link to another host: {next} (from {url})")]
    ForeignLink {
        /// Page that carried the link.
        url: Box<Url>,
        /// Offending link target.
        next: String,
    },

    /// Pagination did not finish within
    /// [`ServiceConfig::max_pages`](crate::ServiceConfig::max_pages).
    #[error("pagination starting at {url} exceeded the limit of {max_pages} pages")]
    TooManyPages {
        /// First page URL.
        url: Box<Url>,
        /// Configured limit.
        max_pages: usize,
    },

    /// The response body could not be read (connection dropped mid-body,
    /// invalid UTF-8 for text, ...).
    #[error("could not read the response from {url}: {reason}")]
    Body {
        /// Requested URL.
        url: Box<Url>,
        /// Why.
        reason: String,
    },

    /// A request body could not be serialised, or the client could not be
    /// built (bad header value, TLS set-up failure).
    #[error("invalid request configuration: {0}")]
    Config(String),
}

impl NetError {
    /// True for failures worth retrying later (network trouble, 5xx, rate
    /// limits); false for mistakes that repeat identically (401, 404, bad JSON).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            NetError::Unreachable { .. }
                | NetError::Timeout { .. }
                | NetError::TooManyRetries { .. }
                | NetError::RateLimitWaitTooLong { .. }
        )
    }

    /// Builds [`NetError::MalformedJson`] from a serde_json failure.
    pub fn malformed_json(url: &Url, err: &serde_json::Error) -> Self {
        NetError::MalformedJson {
            url: Box::new(url.clone()),
            line: u32::try_from(err.line()).unwrap_or(u32::MAX),
            column: u32::try_from(err.column()).unwrap_or(u32::MAX),
            message: without_position(err),
        }
    }
}

/// serde_json's message without its trailing " at line L column C", which
/// [`NetError::MalformedJson`] already shows.
fn without_position(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match full.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => full,
    }
}

/// The innermost message of an error chain: reqwest's own top-level text
/// ("error sending request") hides the useful part ("Connection refused").
pub(crate) fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_json_carries_position() {
        let url = Url::parse("https://api.example.com/x").unwrap();
        let err = serde_json::from_str::<serde_json::Value>("{\n  \"a\": x\n}").unwrap_err();
        let e = NetError::malformed_json(&url, &err);
        let msg = e.to_string();
        assert!(msg.contains("https://api.example.com/x"), "{msg}");
        assert_eq!(
            msg,
            "malformed JSON from https://api.example.com/x at line 2, column 8: expected value"
        );
        assert!(!e.is_transient());
    }

    #[test]
    fn stays_small_enough_to_wrap() {
        // Downstream error enums wrap NetError; keeping it small keeps their
        // `Result`s under clippy's `result_large_err` limit.
        let size = std::mem::size_of::<NetError>();
        assert!(size <= 112, "NetError is {size} bytes");
    }

    #[test]
    fn unreachable_message_names_host() {
        let e = NetError::Unreachable {
            host: "api.github.com".into(),
            reason: "dns error".into(),
            attempts: 4,
        };
        assert!(
            e.to_string()
                .starts_with("could not reach api.github.com: dns error")
        );
        assert!(e.is_transient());
    }
}
