//! Configuration of the `prs` generator.

use crate::RepoName;

/// A repository whose merged PRs are listed under a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrGroupConfig {
    /// Repository.
    pub repo: RepoName,
    /// Heading text (`#### {heading}`).
    pub heading: String,
}

impl PrGroupConfig {
    /// A group for `repo` under `heading`.
    pub fn new(repo: RepoName, heading: impl Into<String>) -> Self {
        PrGroupConfig {
            repo,
            heading: heading.into(),
        }
    }

    /// The repositories TWiR usually covers: rust, cargo, clippy,
    /// rust-analyzer, rustup.
    pub fn rust_project() -> Vec<Self> {
        [
            ("rust", "Rust"),
            ("cargo", "Cargo"),
            ("rust-clippy", "Clippy"),
            ("rust-analyzer", "Rust-Analyzer"),
            ("rustup", "Rustup"),
        ]
        .into_iter()
        .map(|(name, heading)| PrGroupConfig::new(RepoName::known("rust-lang", name), heading))
        .collect()
    }
}

/// Configuration of the `prs` generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrsConfig {
    /// Search qualifiers the count covers; default `["org:rust-lang"]`.
    pub count_scope: Vec<String>,
    /// Repositories whose merged PR titles are listed (none by default:
    /// count line only).
    pub groups: Vec<PrGroupConfig>,
    /// Also list first-time contributors (costs one search per candidate
    /// author with the API source).
    pub new_contributors: bool,
    /// Lower-case the first letter of titles as TWiR's editors do.
    pub lowercase_titles: bool,
    /// Authors whose PRs are never listed (bots, merge queues).
    pub skip_authors: Vec<String>,
    /// Titles starting with any of these are not listed (rollups, syncs).
    pub skip_title_prefixes: Vec<String>,
}

impl Default for PrsConfig {
    fn default() -> Self {
        PrsConfig {
            count_scope: vec!["org:rust-lang".into()],
            groups: Vec::new(),
            new_contributors: false,
            lowercase_titles: true,
            skip_authors: ["bors", "rust-bors", "rust-timer", "rustbot", "rust-lang-ci"]
                .map(String::from)
                .to_vec(),
            skip_title_prefixes: ["Rollup of ", "Automatic Rustup", "Subtree update"]
                .map(String::from)
                .to_vec(),
        }
    }
}

impl PrsConfig {
    /// Whether a PR by `author` titled `title` should be listed.
    pub fn is_listed(&self, author: Option<&str>, title: &str) -> bool {
        let bot = author
            .is_some_and(|a| a.ends_with("[bot]") || self.skip_authors.iter().any(|s| s == a));
        let skipped_title = self
            .skip_title_prefixes
            .iter()
            .any(|p| title.starts_with(p.as_str()));
        !bot && !skipped_title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_bots_and_rollups() {
        let c = PrsConfig::default();
        assert!(c.is_listed(Some("alice"), "Fix a bug"));
        assert!(!c.is_listed(Some("dependabot[bot]"), "Bump x"));
        assert!(!c.is_listed(Some("bors"), "Auto merge"));
        assert!(!c.is_listed(Some("alice"), "Rollup of 7 pull requests"));
        assert!(c.is_listed(None, "Fix"));
    }

    #[test]
    fn rust_project_groups() {
        let g = PrGroupConfig::rust_project();
        assert_eq!(g[2].repo.to_string(), "rust-lang/rust-clippy");
        assert_eq!(g[2].heading, "Clippy");
    }
}
