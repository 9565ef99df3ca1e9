//! reStructuredText sources, until the `twir-rst` reader is merged: a clear error naming the
//! file, so that `--keep-going` can skip it.

use crate::error::SiteError;
use std::path::Path;

/// A parsed `.rst` document.
#[derive(Debug, Clone, Default)]
pub struct RstDocument {
    /// The document title.
    pub title: String,
    /// Field-list metadata: name, value, 1-based line.
    pub metadata: Vec<(String, String, usize)>,
    /// The body as HTML.
    pub body_html: String,
}

/// Parses `text` read from `path`.
pub fn parse(path: &Path, _text: &str) -> Result<RstDocument, SiteError> {
    Err(SiteError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other("reStructuredText is not supported yet"),
    })
}
