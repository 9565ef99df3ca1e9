//! `twir render --bodies`: the body HTML of issues, without page chrome, one file per issue,
//! for comparing the renderer with Pelican's output.

use crate::error::SiteError;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use twir_content::Metadata;

/// What a body render did.
#[derive(Debug, Default)]
pub struct BodiesReport {
    /// Files written.
    pub written: usize,
    /// Files skipped (unsupported formats), as messages.
    pub warnings: Vec<String>,
    /// Files that could not be read or written.
    pub errors: Vec<SiteError>,
}

/// The body HTML of one file's Markdown (its metadata header removed).
pub fn body_html(source: &str) -> String {
    let meta = Metadata::parse(source);
    crate::markdown::render(&source[meta.span.end..]).0
}

/// Writes `DIR/STEM.html` for each of `paths`. Non-Markdown files (the `.rst` issue) are
/// skipped with a warning.
pub fn render_bodies(paths: &[PathBuf], dir: &Path) -> BodiesReport {
    let mut report = BodiesReport::default();
    if let Err(e) = std::fs::create_dir_all(dir) {
        report.errors.push(SiteError::io(dir, e));
        return report;
    }
    let (md, other): (Vec<&PathBuf>, Vec<&PathBuf>) = paths
        .iter()
        .partition(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"));
    report.warnings = other
        .iter()
        .map(|p| format!("{}: skipped: not a Markdown file", p.display()))
        .collect();
    let results: Vec<Result<(), SiteError>> = md
        .par_iter()
        .map(|p| {
            let text = twir_content::load::read_text(p)?;
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let out = dir.join(format!("{stem}.html"));
            std::fs::write(&out, body_html(&text)).map_err(|e| SiteError::io(&out, e))
        })
        .collect();
    for r in results {
        match r {
            Ok(()) => report.written += 1,
            Err(e) => report.errors.push(e),
        }
    }
    report
}
