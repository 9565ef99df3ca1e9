//! Shared async HTTP client layer for the twir tools.
//!
//! Every service client in the workspace (GitHub, Meetup/iCalendar feeds,
//! link submission) is built on [`HttpClient`], so they share one behaviour:
//!
//! - **Configuration** per service with [`ServiceConfig::builder`]: base URL,
//!   optional [`Token`] (always redacted in `Debug`/`Display`), timeouts,
//!   retry and back-off limits, the longest acceptable rate-limit wait.
//! - **Retries** with exponential back-off on 5xx, timeouts and connection
//!   errors (GET only for the first two, see [`HttpClient`]).
//! - **Rate limits**: 429, or GitHub-style 403 with `X-RateLimit-Remaining: 0`,
//!   wait as long as `Retry-After` (seconds or HTTP date) or
//!   `X-RateLimit-Reset` (epoch seconds) ask, up to a cap.
//! - **Pagination** following `Link: <...>; rel="next"` ([`HttpClient::pages`],
//!   [`HttpClient::get_paginated`]), never leaving the first page's origin.
//! - **Typed errors** ([`NetError`]) that say what went wrong and what to do,
//!   with server text and URL credentials passed through [`redact`].
//! - **Budgets**: a deadline for the whole command ([`set_command_deadline`]), a few
//!   requests at a time per host, a host given up after failing several times in a row,
//!   and a cap on the size of an answer.
//! - **Progress** events ([`Progress`]) so a CLI can draw a bar on stderr.
//!
//! ```no_run
//! # async fn demo() -> Result<(), twir_net::NetError> {
//! use twir_net::{HttpClient, ServiceConfig};
//!
//! let base = url::Url::parse("https://api.github.com").expect("static URL");
//! let config = ServiceConfig::builder(base)
//!     .token_from_env("GITHUB_TOKEN")
//!     .header("Accept", "application/vnd.github+json")
//!     .build();
//! let client = HttpClient::new(config)?;
//! let url = client.endpoint("/repos/rust-lang/rust/pulls", &[("state", "open")])?;
//! let pulls: Vec<serde_json::Value> = client.get_paginated(url).await?;
//! println!("{} open pull requests", pulls.len());
//! # Ok(()) }
//! ```
//!
//! Waiting uses `tokio::time::sleep`, so calls must run inside a Tokio
//! runtime with the time driver enabled.
//!
//! # Building a client for another service
//!
//! Wrap an [`HttpClient`] in a small service type that owns the defaults, as
//! `twir-github` does:
//!
//! ```no_run
//! use std::time::Duration;
//! use twir_net::{HttpClient, NetError, ServiceConfig, Url};
//!
//! pub struct Calendar {
//!     http: HttpClient,
//! }
//!
//! impl Calendar {
//!     pub fn new(base: Url) -> Result<Self, NetError> {
//!         let config = ServiceConfig::builder(base)
//!             .token_from_env("MEETUP_TOKEN") // optional; named in 401/403 errors
//!             .timeout(Duration::from_secs(20))
//!             .build();
//!         Ok(Calendar { http: HttpClient::new(config)? })
//!     }
//!
//!     /// An iCalendar feed as text.
//!     pub async fn feed(&self, path: &str) -> Result<String, NetError> {
//!         self.http.get_text(self.http.endpoint(path, &[])?).await
//!     }
//! }
//! ```
//!
//! - Use [`HttpClient::endpoint`] to build URLs (it keeps a base path such as
//!   `/api/v3` and percent-encodes query pairs).
//! - Typed JSON: [`HttpClient::get_json`]; malformed bodies become
//!   [`NetError::MalformedJson`] with the URL, line and column.
//! - Lists: [`HttpClient::get_paginated`] (array pages) or
//!   [`HttpClient::pages`] to stop early or handle wrapper objects.
//! - [`NetError::is_transient`] tells a caller whether "try again later" is
//!   sensible advice.
//!
//! # Progress bars
//!
//! The CLI attaches a reporter with [`HttpClient::with_progress`]; any
//! `Fn(&ProgressEvent) + Send + Sync` closure works, e.g. one that updates an
//! `indicatif` bar from [`ProgressEvent::Page`] and prints
//! [`ProgressEvent::Waiting`] to stderr. This crate has no terminal
//! dependency.
//!
//! # Testing a client
//!
//! Point the base URL at a local mock server (wiremock on 127.0.0.1) and use
//! tiny limits so failure paths are fast: `.initial_backoff(5 ms)`,
//! `.max_backoff(20 ms)`, `.max_rate_limit_wait(2 s)`, `.max_retries(2)`.

mod budget;
mod client;
mod config;
mod error;
mod link;
mod paginate;
mod progress;
mod ratelimit;
pub mod redact;
mod token;

pub use budget::{DEFAULT_COMMAND_BUDGET, Deadline, command_deadline, set_command_deadline};
pub use client::{Fetched, HttpClient};
pub use config::{AuthScheme, ServiceConfig, ServiceConfigBuilder};
pub use error::NetError;
pub use link::{PageLinks, parse_link_header};
pub use paginate::Pages;
pub use progress::{Progress, ProgressEvent, WaitReason};
pub use redact::{redact, redact_url, register_secret};
pub use reqwest::Method;
pub use token::Token;
pub use url::Url;
