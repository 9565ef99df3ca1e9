//! The error type of this crate.

use std::path::PathBuf;

/// What can go wrong when writing or reading a search index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A file or directory could not be written or read.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An index file did not have the expected shape (reading an index back).
    #[error("{path}: malformed search index file: {reason}")]
    Malformed {
        /// The file concerned.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
    /// The corpus is too large for the index format (more than 2^32 sections).
    #[error("too many sections for the search index: {0}")]
    TooLarge(usize),
}

impl SearchError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        SearchError::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn malformed(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        SearchError::Malformed {
            path: path.into(),
            reason: reason.into(),
        }
    }
}
