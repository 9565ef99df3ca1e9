//! Shared set-up for subcommands: finding the repository root and opening the site there.

use anyhow::Result;
use std::path::{Path, PathBuf};
use twir_content::Site;

/// The repository root every command works in: `--root` when given, else the nearest of the
/// current folder and its ancestors that holds `twir.toml`, `content/` or `draft/` (as git
/// and cargo find theirs), as a path relative to the current folder so that the paths twir
/// prints read from where the user stands. Falls back to `.` when no ancestor qualifies;
/// [`open_site`] then says so.
pub fn root(given: Option<PathBuf>) -> PathBuf {
    if let Some(root) = given {
        return root;
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| twir_content::site::find_root(&cwd))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Opens the newsletter repository at `root`, with a clear error when it is not one.
pub fn open_site(root: &Path) -> Result<Site> {
    if !root.is_dir() {
        anyhow::bail!(
            "{}: not a directory (give the repository root with --root)",
            root.display()
        );
    }
    let site = Site::open(root)?;
    if !site.content_dir().is_dir() && !site.draft_dir().is_dir() {
        anyhow::bail!(
            "{}: no `{}/` or `{}/` folder here or in a parent folder; is this a newsletter repository? (use --root DIR)",
            root.display(),
            site.config.paths.content,
            site.config.paths.draft
        );
    }
    Ok(site)
}
