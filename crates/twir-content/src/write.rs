//! Atomic file writes: a reader never sees a half-written file, and a failed write leaves the
//! old content in place.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` through a temporary file in the same folder, fsynced, then renamed.
/// When `path` is a symbolic link (a draft kept elsewhere), its target is replaced and the link
/// stays a link.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let target = crate::safe_fs::write_target(path)?;
    let path = target.as_path();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(".{name}.twir-tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            // Keep the permissions of the file being replaced.
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = std::env::temp_dir().join(format!("twir-write-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.md");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        assert!(write_atomic(&dir.join("missing/x.md"), b"x").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlinked_draft() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir_all(d.join("draft")).unwrap();
        std::fs::create_dir_all(d.join("elsewhere")).unwrap();
        std::fs::write(d.join("elsewhere/issue.md"), "old").unwrap();
        std::os::unix::fs::symlink("../elsewhere/issue.md", d.join("draft/issue.md")).unwrap();
        write_atomic(&d.join("draft/issue.md"), b"new").unwrap();
        let meta = std::fs::symlink_metadata(d.join("draft/issue.md")).unwrap();
        assert!(
            meta.file_type().is_symlink(),
            "the link was replaced by a file"
        );
        assert_eq!(std::fs::read(d.join("elsewhere/issue.md")).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(d.join("elsewhere")).unwrap().count(), 1);
        assert_eq!(std::fs::read_dir(d.join("draft")).unwrap().count(), 1);
    }
}
