//! `owner/name` repository identifiers.

use std::fmt;
use std::str::FromStr;

use crate::GitHubError;

/// A GitHub repository, e.g. `rust-lang/rust`.
///
/// Both parts are validated to GitHub's character set so they can be placed
/// in URL paths and search queries without escaping surprises.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RepoName {
    owner: String,
    name: String,
}

impl RepoName {
    /// Builds a repository name from its two parts.
    pub fn new(owner: &str, name: &str) -> Result<Self, GitHubError> {
        if !valid_part(owner) || !valid_part(name) {
            return Err(GitHubError::InvalidRepo(format!("{owner}/{name}")));
        }
        Ok(RepoName {
            owner: owner.to_owned(),
            name: name.to_owned(),
        })
    }

    /// A hard-coded name known to be valid (defaults in configs); skips the
    /// check so default constructors need no fallible path.
    pub(crate) fn known(owner: &'static str, name: &'static str) -> Self {
        debug_assert!(valid_part(owner) && valid_part(name));
        RepoName {
            owner: owner.to_owned(),
            name: name.to_owned(),
        }
    }

    /// The account or organisation, e.g. `rust-lang`.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    /// The repository, e.g. `rust`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `https://github.com/owner/name`.
    pub fn html_url(&self) -> String {
        format!("https://github.com/{}/{}", self.owner, self.name)
    }

    /// Parses `owner/name` out of an API `repository_url` such as
    /// `https://api.github.com/repos/rust-lang/rust`.
    pub fn from_api_url(url: &str) -> Option<Self> {
        let mut parts = url.trim_end_matches('/').rsplit('/');
        let name = parts.next()?;
        let owner = parts.next()?;
        RepoName::new(owner, name).ok()
    }
}

/// GitHub logins and repository names: ASCII letters, digits, `-`, `_`, `.`.
pub(crate) fn valid_part(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.len() <= 100
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

impl FromStr for RepoName {
    type Err = GitHubError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (owner, name) = s
            .trim()
            .split_once('/')
            .ok_or_else(|| GitHubError::InvalidRepo(s.to_owned()))?;
        RepoName::new(owner, name).map_err(|_| GitHubError::InvalidRepo(s.to_owned()))
    }
}

impl fmt::Display for RepoName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays() {
        let r: RepoName = "rust-lang/rust-clippy".parse().unwrap();
        assert_eq!(r.owner(), "rust-lang");
        assert_eq!(r.name(), "rust-clippy");
        assert_eq!(r.to_string(), "rust-lang/rust-clippy");
        assert_eq!(r.html_url(), "https://github.com/rust-lang/rust-clippy");
    }

    #[test]
    fn rejects_bad_names() {
        for bad in ["rust", "a/b/c", "/x", "a/", "a b/c", "a/..", "a/b?x"] {
            assert!(bad.parse::<RepoName>().is_err(), "{bad}");
        }
    }

    #[test]
    fn from_api_url() {
        let r = RepoName::from_api_url("https://api.github.com/repos/rust-lang/rfcs").unwrap();
        assert_eq!(r.to_string(), "rust-lang/rfcs");
        assert!(RepoName::from_api_url("nonsense").is_none());
    }
}
