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
//! - **Typed errors** ([`NetError`]) that say what went wrong and what to do.
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

mod client;
mod config;
mod error;
mod link;
mod paginate;
mod progress;
mod ratelimit;
mod token;

pub use client::{Fetched, HttpClient};
pub use config::{AuthScheme, ServiceConfig, ServiceConfigBuilder};
pub use error::NetError;
pub use link::{PageLinks, parse_link_header};
pub use paginate::Pages;
pub use progress::{Progress, ProgressEvent, WaitReason};
pub use token::Token;
pub use url::Url;
