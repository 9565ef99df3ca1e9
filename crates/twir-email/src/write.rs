//! Writing `N.html`, `N.txt` and `N.eml`, each atomically (temporary file, then rename), so a
//! reader never sees half a file.

use crate::edition::Edition;
use crate::error::EmailError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes the files of `edition` (`N.html`, `N.txt`, and `N.eml` when there is one) into `dir`
/// (created if needed); returns their paths. A stale `N.eml` of an earlier run is removed when
/// this edition has none, so the folder never holds parts of two editions.
pub fn write_edition(edition: &Edition, dir: &Path) -> Result<Vec<PathBuf>, EmailError> {
    std::fs::create_dir_all(dir).map_err(|source| EmailError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let n = edition.issue.number;
    let mut written = Vec::new();
    let mut parts = vec![("html", &edition.html), ("txt", &edition.text)];
    match &edition.eml {
        Some(eml) => parts.push(("eml", eml)),
        None => {
            let stale = dir.join(format!("{n}.eml"));
            match std::fs::remove_file(&stale) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(EmailError::Write {
                        path: stale,
                        source,
                    });
                }
            }
        }
    }
    for (ext, contents) in parts {
        let path = dir.join(format!("{n}.{ext}"));
        write_atomic(&path, contents.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// Replaces `path` with `contents` in one step.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), EmailError> {
    let err = |source| EmailError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    tmp.write_all(contents).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_files_and_reports_bad_folders() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("1.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let e = write_atomic(&blocker.join("1.txt"), b"x").unwrap_err();
        assert!(e.to_string().contains("cannot write"), "{e}");
    }
}
