//! The full-text search index of the built site (written by `twir-search`).

use crate::context::RenderSettings;
use crate::dates;
use crate::error::SiteError;
use crate::model::{Kind, SiteModel};
use rayon::prelude::*;
use std::path::Path;
use twir_search::{SearchDoc, sections_from_html};

/// What the indexer wrote.
#[derive(Debug, Clone, Default)]
pub struct SearchStats {
    /// Number of files written.
    pub files: usize,
    /// One line for the build report.
    pub summary: String,
}

/// The search box for the page header (it loads `search.js` when first used).
pub fn search_box(settings: &RenderSettings) -> String {
    twir_search::search_box_html(&format!("{}/", settings.base))
}

/// Writes `search/...` (but not `search/index.html`) and `search.js` under `dir` for every post and page of `model`
/// (drafts too when they are built, so `twir serve` finds them).
pub fn write_index(
    model: &SiteModel,
    settings: &RenderSettings,
    dir: &Path,
) -> Result<SearchStats, SiteError> {
    let docs: Vec<SearchDoc> = model
        .posts
        .par_iter()
        .chain(model.pages.par_iter())
        .map(|e| SearchDoc {
            url: settings.href(&e.url),
            title: if e.kind == Kind::Draft {
                format!("{} (draft)", e.title)
            } else {
                e.title.clone()
            },
            date: e.date.as_ref().map(dates::ymd).unwrap_or_default(),
            sections: sections_from_html(&e.html),
        })
        .collect();
    // The site renders `search/index.html` in its own layout (the `search.html` template).
    let stats = twir_search::write_index_with(&docs, dir, false)
        .map_err(|e| SiteError::Search(e.to_string()))?;
    Ok(SearchStats {
        files: stats.files,
        summary: format!(
            "{} documents, {} terms, {} files, {} KB",
            docs.len(),
            stats.terms,
            stats.files,
            stats.bytes / 1024
        ),
    })
}
