//! Errors of the submission intake.

use std::path::PathBuf;
use twir_content::ContentError;
use twir_github::GitHubError;

/// Why a review or a merge could not run.
#[derive(Debug, thiserror::Error)]
pub enum SubmissionsError {
    /// Reading the repository's files failed.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// No draft to review against.
    #[error("{0}: no draft (*.md) here; create one with `twir new`")]
    NoDraft(PathBuf),
    /// A configuration value is unusable.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The check rules could not be prepared.
    #[error("cannot prepare the checks: {0}")]
    Check(String),
    /// Talking to GitHub failed.
    #[error("GitHub: {0}")]
    GitHub(#[from] GitHubError),
    /// A git operation failed; the repository was left as it was.
    #[error("git: {0}")]
    Git(String),
    /// The working tree has uncommitted changes.
    #[error("the working tree has uncommitted changes ({0}); commit or discard them first")]
    Dirty(String),
    /// Nothing to merge.
    #[error("{0}")]
    NothingToMerge(String),
    /// Writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The async runtime could not start.
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

impl From<git2::Error> for SubmissionsError {
    fn from(e: git2::Error) -> Self {
        SubmissionsError::Git(e.message().to_string())
    }
}
