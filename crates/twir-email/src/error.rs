//! Errors raised while producing the email edition.

use std::path::PathBuf;

/// Why the email edition could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    /// The issue file or the site could not be read.
    #[error(transparent)]
    Content(#[from] twir_content::ContentError),
    /// The issue lacks a metadata field the edition needs.
    #[error("{file}:1: missing `{field}:` in the metadata header")]
    MissingField {
        /// The issue (path or `<input>`); the header starts on its line 1.
        file: String,
        /// The field name, e.g. `Date`.
        field: &'static str,
    },
    /// A metadata field has a value the edition cannot use.
    #[error("{file}:{line}: invalid `{field}:` value {value:?}: {reason}")]
    InvalidField {
        /// The issue (path or `<input>`).
        file: String,
        /// 1-based line of the field (1 when it is derived from another one).
        line: usize,
        /// The field name.
        field: &'static str,
        /// The value as written.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `site.url` in `twir.toml` is not an absolute http(s) URL.
    #[error("site.url {url:?} is not an absolute http(s) URL: {reason}")]
    SiteUrl {
        /// The configured value.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An email setting in `twir.toml` is unusable.
    #[error("email.{setting} {value:?}: {reason}")]
    Config {
        /// The key under `[email]`.
        setting: &'static str,
        /// The configured value.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The theme folder given does not exist.
    #[error("{path}: theme folder not found")]
    ThemeNotFound {
        /// The folder.
        path: PathBuf,
    },
    /// A template could not be read, parsed or rendered.
    #[error("{name}: {message}")]
    Template {
        /// The template's file (an override) or built-in name.
        name: String,
        /// minijinja's explanation, with the line when known.
        message: String,
    },
    /// No published issue has the number asked for.
    #[error("no published issue has number {number} in {dir}{}", newest.map(|n| format!(" (the newest is {n})")).unwrap_or_default())]
    IssueNotFound {
        /// The number asked for.
        number: u32,
        /// The folder searched.
        dir: PathBuf,
        /// The newest issue's number, as a hint.
        newest: Option<u32>,
    },
    /// There is no published issue at all.
    #[error("no published issue in {dir}")]
    NoPublishedIssue {
        /// The folder searched.
        dir: PathBuf,
    },
    /// The Pelican settings or email theme could not be read or rendered (the message names
    /// the file and line).
    #[error("{0}")]
    Pelican(String),
    /// CSS inlining failed.
    #[error("inlining the email CSS failed: {0}")]
    Inline(String),
    /// Writing an output file failed.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}
