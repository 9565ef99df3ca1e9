//! Shared set-up for subcommands: opening the site at `--root`.

use anyhow::Result;
use std::path::Path;
use twir_content::Site;

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
            "{}: no `{}/` or `{}/` folder here; is this a newsletter repository? (use --root DIR)",
            root.display(),
            site.config.paths.content,
            site.config.paths.draft
        );
    }
    Ok(site)
}
