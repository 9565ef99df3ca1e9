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
    #[error("could not reach {host}: {reason} ({})", attempts_text(*attempts))]
    Unreachable {
        /// `host[:port]` that was contacted.
        host: String,
        /// Innermost cause, e.g. "Connection refused (os error 111)".
        reason: String,
        /// How many attempts were made.
        attempts: u32,
    },

    /// The server did not answer within the configured timeout.
    #[error("request to {url} timed out after {timeout:?} ({})", attempts_text(*attempts))]
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
    #[error("giving up on {url} after {}: {last}", attempts_text(*attempts))]
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

    /// The answer is larger than
    /// [`ServiceConfig::max_body_bytes`](crate::ServiceConfig::max_body_bytes).
    #[error("the answer from {url} is larger than {limit} bytes; not read")]
    TooLarge {
        /// Requested URL.
        url: Box<Url>,
        /// Configured cap.
        limit: u64,
    },

    /// The command's time budget ran out before the request could finish.
    #[error(
        "{url}: stopped at the command's time limit of {}s ({}{}); raise it with --net-deadline",
        budget.as_secs(), attempts_text(*attempts),
        if last.is_empty() { String::new() } else { format!(", last: {last}") }
    )]
    DeadlineExceeded {
        /// Requested URL.
        url: Box<Url>,
        /// The command's budget.
        budget: Duration,
        /// Attempts that were made (0 when it never started).
        attempts: u32,
        /// What happened to the last attempt, if any.
        last: String,
    },

    /// The host stopped answering (time-outs or refused connections in a row), so the
    /// request was not sent (again).
    #[error("{}", host_down_text(url, host, *failures, *attempts, last))]
    HostDown {
        /// Requested URL.
        url: Box<Url>,
        /// `host[:port]`.
        host: String,
        /// Consecutive failures seen.
        failures: u32,
        /// Attempts this request made before (0: never sent).
        attempts: u32,
        /// What happened to its last attempt, if any.
        last: String,
    },
}

fn host_down_text(url: &Url, host: &str, failures: u32, attempts: u32, last: &str) -> String {
    let given_up = format!(
        "{host} failed {failures} requests in a row (time-outs or refused connections); giving up on it for this run"
    );
    if attempts == 0 {
        format!("{url}: not sent: {given_up}")
    } else {
        format!(
            "{url}: {last} ({}); then {given_up}",
            attempts_text(attempts)
        )
    }
}

/// `1 attempt`, `4 attempts`.
fn attempts_text(n: u32) -> String {
    if n == 1 {
        "1 attempt".to_owned()
    } else {
        format!("{n} attempts")
    }
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
                | NetError::DeadlineExceeded { .. }
                | NetError::HostDown { .. }
        )
    }

    /// The same error with every text that came from a server or a URL passed through
    /// [`crate::redact`] (URLs lose their credentials). [`crate::HttpClient`] returns only
    /// redacted errors.
    pub fn redacted(self) -> NetError {
        use crate::redact::{redact, redact_url};
        let u = |url: Box<Url>| Box::new(redact_url(&url));
        match self {
            NetError::Unreachable {
                host,
                reason,
                attempts,
            } => NetError::Unreachable {
                host: redact(&host),
                reason: redact(&reason),
                attempts,
            },
            NetError::Timeout {
                url,
                timeout,
                attempts,
            } => NetError::Timeout {
                url: u(url),
                timeout,
                attempts,
            },
            NetError::Unauthorized { url, status, hint } => NetError::Unauthorized {
                url: u(url),
                status,
                hint: redact(&hint),
            },
            NetError::NotFound { url, status } => NetError::NotFound {
                url: u(url),
                status,
            },
            NetError::MalformedJson {
                url,
                line,
                column,
                message,
            } => NetError::MalformedJson {
                url: u(url),
                line,
                column,
                message: redact(&message),
            },
            NetError::RateLimitWaitTooLong {
                host,
                wait,
                max_wait,
                source_header,
                hint,
            } => NetError::RateLimitWaitTooLong {
                host: redact(&host),
                wait,
                max_wait,
                source_header,
                hint: redact(&hint),
            },
            NetError::TooManyRetries {
                url,
                attempts,
                last,
            } => NetError::TooManyRetries {
                url: u(url),
                attempts,
                last: redact(&last),
            },
            NetError::Status { url, status, body } => NetError::Status {
                url: u(url),
                status,
                body: redact(&body),
            },
            NetError::InvalidUrl { input, reason } => NetError::InvalidUrl {
                input: redact(&input),
                reason: redact(&reason),
            },
            NetError::ForeignLink { url, next } => NetError::ForeignLink {
                url: u(url),
                next: redact(&next),
            },
            NetError::TooManyPages { url, max_pages } => NetError::TooManyPages {
                url: u(url),
                max_pages,
            },
            NetError::Body { url, reason } => NetError::Body {
                url: u(url),
                reason: redact(&reason),
            },
            NetError::Config(text) => NetError::Config(redact(&text)),
            NetError::TooLarge { url, limit } => NetError::TooLarge { url: u(url), limit },
            NetError::DeadlineExceeded {
                url,
                budget,
                attempts,
                last,
            } => NetError::DeadlineExceeded {
                url: u(url),
                budget,
                attempts,
                last: redact(&last),
            },
            NetError::HostDown {
                url,
                host,
                failures,
                attempts,
                last,
            } => NetError::HostDown {
                url: u(url),
                host: redact(&host),
                failures,
                attempts,
                last: redact(&last),
            },
        }
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
        assert_eq!(
            e.to_string(),
            "could not reach api.github.com: dns error (4 attempts)"
        );
        assert!(e.is_transient());
    }
}
