//! GitHub REST client and the TWiR section generators fed by GitHub.
//!
//! - [`GitHub`]: typed client on [`twir_net::HttpClient`] (retries, rate
//!   limits, pagination, typed errors). Base URL defaults to
//!   `https://api.github.com`; the token comes from `GITHUB_TOKEN` when set.
//! - [`rfcs`]: "Calls for Testing", "Approved RFCs", "Final Comment Period"
//!   and "New and Updated RFCs" ([`collect_rfcs`] + [`format_rfcs`]).
//! - [`prs`]: the "N pull requests were merged in the last week" line,
//!   optional merged-PR lists and first-time contributors, from the API
//!   ([`collect_prs`]) or local clones ([`collect_prs_from_git`], feature
//!   `git`), rendered by [`format_prs`].
//!
//! Collection is async and talks to the network; formatting is a pure
//! function of the collected data.
//!
//! ```no_run
//! # async fn demo() -> twir_github::Result<()> {
//! use twir_github::{GitHub, RfcsConfig, Window, collect_rfcs, format_rfcs};
//!
//! let gh = GitHub::from_env()?;
//! let window = Window::for_issue(jiff::civil::date(2026, 8, 19));
//! let data = collect_rfcs(&gh, &RfcsConfig::default(), window).await?;
//! print!("{}", format_rfcs(&data));
//! # Ok(()) }
//! ```

mod api;
mod client;
mod error;
mod md;
pub mod models;
pub mod prs;
mod repo;
pub mod rfcs;
mod window;

pub use api::PullState;
pub use client::{DEFAULT_BASE_URL, GitHub, SearchSort, TOKEN_ENV};
pub use error::{GitHubError, Result};
#[cfg(feature = "git")]
pub use prs::{GitSource, collect_prs_from_git};
pub use prs::{PrGroupConfig, PrsConfig, PrsData, collect_prs, format_prs};
pub use repo::RepoName;
pub use rfcs::{RfcsConfig, RfcsData, collect_rfcs, format_rfcs, render_rfcs};
pub use twir_net;
pub use window::Window;
