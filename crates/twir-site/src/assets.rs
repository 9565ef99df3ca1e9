//! Files copied as they are: `content/images/` to `images/`.

use crate::error::SiteError;
use std::path::{Path, PathBuf};

/// Every regular file under `dir`, recursively, sorted; hidden files and folders (editor
/// swap files, `.git`) are skipped, and so are symbolic links leaving the repository (an
/// error unless the process skips them: see [`twir_content::safe_fs`]).
pub fn walk(dir: &Path) -> Result<Vec<PathBuf>, SiteError> {
    Ok(twir_content::safe_fs::walk_files(dir)?)
}

/// The images to copy: (path relative to the site root, source file).
pub fn images(images_dir: &Path) -> Result<Vec<(String, PathBuf)>, SiteError> {
    if !images_dir.is_dir() {
        return Ok(Vec::new());
    }
    Ok(walk(images_dir)?
        .into_iter()
        .filter_map(|p| {
            let rel = p
                .strip_prefix(images_dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((format!("images/{rel}"), p))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_recursively_skipping_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("a/b")).unwrap();
        std::fs::create_dir_all(d.join(".git")).unwrap();
        for f in ["x.png", "a/y.png", "a/b/z.gif", ".hidden", ".git/config"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let rels: Vec<_> = images(d).unwrap().into_iter().map(|(r, _)| r).collect();
        assert_eq!(rels, ["images/a/b/z.gif", "images/a/y.png", "images/x.png"]);
        assert!(images(&d.join("missing")).unwrap().is_empty());
    }
}
