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
    let tmp = dir.join(format!(".{name}{TEMP_MARK}{}", std::process::id()));
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

/// What [`write_atomic`]'s temporary files have between the target's name and the writer's
/// process id: `.NAME.twir-tmp-PID`.
pub const TEMP_MARK: &str = ".twir-tmp-";

/// Removes the temporary files [`write_atomic`] left in `dir` when its process was killed
/// (`.NAME.twir-tmp-PID` whose process is gone); returns them. Files of running processes
/// are left alone.
pub fn remove_stale_temp_files(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut removed = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(removed),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_file_pid) else {
            continue;
        };
        if !entry.file_type()?.is_file() || process_is_running(pid) {
            continue;
        }
        let path = entry.path();
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// The writer's process id in a temporary file name `.NAME.twir-tmp-PID`.
fn temp_file_pid(name: &str) -> Option<u32> {
    let (_, pid) = name.strip_prefix('.')?.rsplit_once(TEMP_MARK)?;
    pid.parse().ok()
}

/// True when a process `pid` exists (and is not this one's leftover: our own files are never
/// stale while we run). Where this cannot be told, every process counts as running, so
/// nothing is removed.
pub fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temp_files_are_removed_and_live_ones_kept() {
        let dir = std::env::temp_dir().join(format!("twir-stale-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // No process has a pid above the kernel's maximum (4194304).
        let stale = dir.join(".a.md.twir-tmp-4294967");
        let mine = dir.join(format!(".b.md.twir-tmp-{}", std::process::id()));
        for p in [&stale, &mine] {
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(dir.join("c.md.twir-tmp-x"), "x").unwrap();
        let removed = remove_stale_temp_files(&dir).unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(removed, std::slice::from_ref(&stale));
            assert!(!stale.exists());
        }
        assert!(mine.exists());
        assert!(
            remove_stale_temp_files(&dir.join("missing"))
                .unwrap()
                .is_empty()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

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
