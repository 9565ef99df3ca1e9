//! Errors of the GitHub client and generators.

use twir_net::NetError;

/// Anything that can go wrong while collecting GitHub data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GitHubError {
    /// An HTTP failure (unreachable, unauthorised, rate limited, ...).
    #[error(transparent)]
    Net(#[from] NetError),

    /// A repository name that is not `owner/name`.
    #[error("invalid repository {0:?}: expected owner/name (letters, digits, '-', '_', '.')")]
    InvalidRepo(String),

    /// A user login or git ref that cannot be put in a URL.
    #[error("invalid {what} {value:?}")]
    InvalidArgument {
        /// What kind of value ("login", "ref").
        what: &'static str,
        /// The offending value.
        value: String,
    },

    /// A date window whose start is after its end.
    #[error("invalid date window: {0}")]
    InvalidWindow(String),

    /// Reading a local git clone failed.
    #[error("reading git repository {path}: {reason}")]
    Git {
        /// Repository path.
        path: String,
        /// Why.
        reason: String,
    },
}

/// Result alias for this crate.
pub type Result<T, E = GitHubError> = std::result::Result<T, E>;
