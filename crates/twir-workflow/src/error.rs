//! Errors of the draft lifecycle.

use std::path::PathBuf;

/// Why a workflow step could not be carried out.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    /// Reading the repository failed.
    #[error(transparent)]
    Content(#[from] twir_content::ContentError),
    /// A draft already exists where the new one would go.
    #[error("{0}: already exists; refusing to overwrite a draft")]
    DraftExists(PathBuf),
    /// No published issue carries a usable `Number`.
    #[error(
        "{0}: no published issue with a `Number:` field; give the number of the first issue in the template"
    )]
    NoPreviousIssue(PathBuf),
    /// The previous issue's metadata is unusable.
    #[error("{path}:{line}: {message}")]
    BadMetadata {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A file system operation failed.
    #[error("{path}: {action}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}
