//! The `prs` generator: the "N pull requests were merged in the last week"
//! line of "Updates from the Rust Project", optional per-repository lists of
//! merged PR titles, and optionally the first-time contributors.
//!
//! Two data sources produce the same [`PrsData`]: the GitHub API
//! ([`collect_prs`]) or local clones read with git2
//! ([`collect_prs_from_git`], feature `git`). [`format_prs`] renders it.

mod collect;
mod config;
mod format;
#[cfg(feature = "git")]
mod git;
mod message;

use jiff::Timestamp;

pub use collect::collect_prs;
pub use config::{PrGroupConfig, PrsConfig};
pub use format::{format_prs, merged_search_url};
#[cfg(feature = "git")]
pub use git::{GitScan, GitSource, collect_prs_from_git, is_git_repository, scan_clone};
pub use message::{MergeMessage, parse_merge_message};

use crate::{RepoName, Window};

/// A merged pull request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedPr {
    /// Repository it was merged into.
    pub repo: RepoName,
    /// PR number.
    pub number: u64,
    /// Title.
    pub title: String,
    /// Web URL.
    pub url: String,
    /// Author login, when known.
    pub author: Option<String>,
    /// Merge time, when known.
    pub merged_at: Option<Timestamp>,
}

/// Merged PRs of one configured repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrGroup {
    /// Heading, e.g. `Cargo`.
    pub heading: String,
    /// Repository.
    pub repo: RepoName,
    /// PRs in merge order, after filtering (bots, rollups).
    pub prs: Vec<MergedPr>,
}

/// An author whose first merged PR falls in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContributor {
    /// GitHub login.
    pub login: String,
    /// Their first merged PR.
    pub first_pr: MergedPr,
}

/// Everything the merged-PRs part shows for one window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrsData {
    /// Covered dates.
    pub window: Window,
    /// PRs merged in the window within `count_scope`.
    pub merged_count: u64,
    /// Search qualifiers the count covers (e.g. `org:rust-lang`); also used
    /// for the `[merged]` link.
    pub count_scope: Vec<String>,
    /// Per-repository lists (empty when none were configured).
    pub groups: Vec<PrGroup>,
    /// First-time contributors, when requested.
    pub new_contributors: Option<Vec<NewContributor>>,
    /// Things the editor should double-check.
    pub warnings: Vec<String>,
}
