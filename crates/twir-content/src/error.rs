//! Errors raised while reading and parsing content.

use std::path::PathBuf;

/// Why a content file could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A directory was given where a file was expected.
    #[error("{path}: is a directory, expected an issue file")]
    IsDirectory {
        /// The path.
        path: PathBuf,
    },
    /// The bytes are not UTF-8 text.
    #[error("{path}:{line}: not valid UTF-8 text (invalid byte at offset {offset})")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file looks binary (contains NUL bytes).
    #[error("{path}:{line}: binary file (NUL byte at offset {offset}), expected Markdown text")]
    Binary {
        /// The file.
        path: PathBuf,
        /// 1-based line of the NUL byte.
        line: usize,
        /// Offset of the NUL byte.
        offset: usize,
    },
    /// The file format is not supported (e.g. reStructuredText).
    #[error(
        "{path}: unsupported format `.{extension}` (only Markdown `.md`/`.markdown` issues are supported)"
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// Its extension.
        extension: String,
    },
    /// A symbolic link leaving the repository, or a special file, met while reading files
    /// that end up in the site (see [`crate::safe_fs`]).
    #[error(
        "{path}: unsafe file: {reason}; remove it (`build` and `serve` leave such files out with --skip-unsafe-links)"
    )]
    UnsafeLink {
        /// The link (or special file).
        path: PathBuf,
        /// Where it points and why that is refused.
        reason: String,
    },
    /// The configuration file is invalid.
    #[error("{path}:{line}: invalid configuration: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl ContentError {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            ContentError::Io { path, .. }
            | ContentError::IsDirectory { path }
            | ContentError::InvalidUtf8 { path, .. }
            | ContentError::Binary { path, .. }
            | ContentError::Unsupported { path, .. }
            | ContentError::UnsafeLink { path, .. }
            | ContentError::Config { path, .. } => path,
        }
    }
}
