//! Writing the site: a full build goes to a staging folder next to the output and is swapped
//! in at the end, so a failed build leaves the previous site as it was.
//!
//! The swap is one atomic exchange of the two folders where the system has one (Linux
//! `renameat2(RENAME_EXCHANGE)`), so the output folder exists at every instant, even when the
//! build is killed. Elsewhere it is two renames, and a build killed between them leaves the
//! previous site in `.NAME.twir-old-*`, which the next build puts back. Staging folders of
//! killed builds (`.NAME.twir-new-PID-*`) are removed by the next build.

use crate::error::SiteError;
use crate::pages::Output;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Marks a folder as written by `twir build`; only such folders (or empty or missing ones) are
/// ever replaced, so `--out` pointed at the wrong folder cannot delete it.
pub const MARKER: &str = ".twir-site";

/// A staging folder for a build of `out`.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    tmp: Option<tempfile::TempDir>,
}

impl Staging {
    /// Creates the staging folder beside `out` after checking `out` may be replaced. `root` is
    /// the newsletter repository, which the output must not contain nor be. What killed
    /// builds left beside `out` is cleaned up first (see [`recover_leftovers`]).
    pub fn new(out: &Path, root: &Path) -> Result<Staging, SiteError> {
        recover_leftovers(out)?;
        check_replaceable(out, root)?;
        let parent = parent_of(out);
        std::fs::create_dir_all(&parent).map_err(|e| SiteError::io(&parent, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(&leftover_prefix(out, NEW, Some(std::process::id())))
            .tempdir_in(&parent)
            .map_err(|e| SiteError::io(&parent, e))?;
        std::fs::write(
            tmp.path().join(MARKER),
            "Written by `twir build`; safe to replace.\n",
        )
        .map_err(|e| SiteError::io(tmp.path(), e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp: Some(tmp),
        })
    }

    /// The folder to write into.
    pub fn dir(&self) -> &Path {
        match &self.tmp {
            Some(t) => t.path(),
            None => &self.out,
        }
    }

    /// Replaces the output with the staged site. Until this is called, dropping the staging
    /// folder removes it and leaves the output untouched.
    pub fn commit(mut self) -> Result<(), SiteError> {
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let staged = tmp.keep();
        set_public(&staged);
        let out = &self.out;
        if out.exists() {
            match exchange(&staged, out) {
                Ok(true) => {
                    // `staged` now holds the previous site.
                    let _ = std::fs::remove_dir_all(&staged);
                    return Ok(());
                }
                Ok(false) => {}
                Err(e) => {
                    let _ = std::fs::remove_dir_all(&staged);
                    return Err(SiteError::io(out, e));
                }
            }
            let old = tempfile::Builder::new()
                .prefix(&leftover_prefix(out, OLD, Some(std::process::id())))
                .tempdir_in(parent_of(out))
                .map_err(|e| SiteError::io(out, e))?
                .keep();
            // `old` exists (empty) and renaming a folder onto an empty folder is allowed.
            if let Err(e) = std::fs::rename(out, &old) {
                let _ = std::fs::remove_dir_all(&staged);
                let _ = std::fs::remove_dir(&old);
                return Err(SiteError::io(out, e));
            }
            if let Err(e) = std::fs::rename(&staged, out) {
                // Put the old site back rather than leave nothing.
                let _ = std::fs::rename(&old, out);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(SiteError::io(out, e));
            }
            let _ = std::fs::remove_dir_all(&old);
        } else if let Err(e) = std::fs::rename(&staged, out) {
            let _ = std::fs::remove_dir_all(&staged);
            return Err(SiteError::io(out, e));
        }
        Ok(())
    }
}

/// Staging folders: `.NAME.twir-new-PID-*`.
const NEW: &str = "new";
/// The previous site during a two-rename swap: `.NAME.twir-old-PID-*`.
const OLD: &str = "old";

/// `.NAME.twir-KIND-` or, with a process id, `.NAME.twir-KIND-PID-`.
fn leftover_prefix(out: &Path, kind: &str, pid: Option<u32>) -> String {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    match pid {
        Some(pid) => format!(".{name}.twir-{kind}-{pid}-"),
        None => format!(".{name}.twir-{kind}-"),
    }
}

/// Swaps the folders `a` and `b` in one step. `Ok(false)` when the system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Not supported by this kernel or file system: fall back to two renames.
        Err(Errno::NOSYS | Errno::INVAL | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Cleans up what killed builds of `out` left beside it: when `out` is missing but the
/// previous site waits in `.NAME.twir-old-*` (a kill between the two renames of a swap), it is
/// put back; every other staging or old folder whose build is no longer running is removed.
/// Returns the folders removed or restored.
pub fn recover_leftovers(out: &Path) -> Result<Vec<PathBuf>, SiteError> {
    let parent = parent_of(out);
    let entries = match std::fs::read_dir(&parent) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(SiteError::io(&parent, e)),
    };
    let (new, old) = (
        leftover_prefix(out, NEW, None),
        leftover_prefix(out, OLD, None),
    );
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| SiteError::io(&parent, e))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((kind, rest)) = name
            .strip_prefix(&new)
            .map(|r| (NEW, r))
            .or_else(|| name.strip_prefix(&old).map(|r| (OLD, r)))
        else {
            continue;
        };
        // Folders of running builds are theirs; unnamed ones (older twir) are leftovers.
        let pid = rest
            .split_once('-')
            .and_then(|(p, _)| p.parse::<u32>().ok());
        if pid.is_some_and(twir_content::write::process_is_running) {
            continue;
        }
        found.push((kind, entry.path()));
    }
    let mut done = Vec::new();
    if !out.exists()
        && let Some((_, old_site)) = found
            .iter()
            .find(|(kind, p)| *kind == OLD && p.join(MARKER).is_file())
    {
        std::fs::rename(old_site, out).map_err(|e| SiteError::io(out, e))?;
        done.push(old_site.clone());
    }
    for (_, p) in found {
        if done.contains(&p) {
            continue;
        }
        match std::fs::remove_dir_all(&p) {
            Ok(()) => done.push(p),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(SiteError::io(&p, e)),
        }
    }
    Ok(done)
}

fn parent_of(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
fn set_public(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // Temporary folders are private (0700); a site is meant to be read by a web server.
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn set_public(_dir: &Path) {}

fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) => absolute(&parent_of_path(parent)).join(name),
        _ => std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf()),
    }
}

fn parent_of_path(p: &Path) -> PathBuf {
    if p.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        p.to_path_buf()
    }
}

/// Refuses outputs that would destroy something: the repository itself or a folder holding
/// it, or an existing non-empty folder that no twir build wrote.
pub fn check_replaceable(out: &Path, root: &Path) -> Result<(), SiteError> {
    let out_abs = absolute(out);
    let root_abs = absolute(root);
    if root_abs.starts_with(&out_abs) {
        return Err(SiteError::Output {
            path: out.to_path_buf(),
            reason: "refusing to build into this folder: it contains the newsletter repository"
                .into(),
        });
    }
    if out.is_file() {
        return Err(SiteError::Output {
            path: out.to_path_buf(),
            reason: "the output path is a file, not a folder".into(),
        });
    }
    if out.is_dir() && !out.join(MARKER).exists() {
        let mut rd = std::fs::read_dir(out).map_err(|e| SiteError::io(out, e))?;
        if rd.next().is_some() {
            return Err(SiteError::Output {
                path: out.to_path_buf(),
                reason: format!(
                    "refusing to replace a non-empty folder that `twir build` did not write (no {MARKER} file); remove it or choose another --out"
                ),
            });
        }
    }
    Ok(())
}

/// Writes `outputs` under `dir` (in parallel), creating folders as needed.
pub fn write_all(dir: &Path, outputs: &[Output]) -> Result<(), SiteError> {
    make_dirs(dir, outputs.iter().map(|o| o.path.as_str()))?;
    outputs.par_iter().try_for_each(|o| {
        let path = dir.join(&o.path);
        std::fs::write(&path, &o.content).map_err(|e| SiteError::io(&path, e))
    })
}

/// Creates the parent folders of the relative `paths` under `dir`.
pub fn make_dirs<'a>(dir: &Path, paths: impl Iterator<Item = &'a str>) -> Result<(), SiteError> {
    let parents: BTreeSet<&str> = paths
        .filter_map(|p| p.rfind('/').map(|i| &p[..i]))
        .collect();
    for p in parents {
        let d = dir.join(p);
        std::fs::create_dir_all(&d).map_err(|e| SiteError::io(&d, e))?;
    }
    Ok(())
}

/// Copies files (images) to their relative paths under `dir`.
pub fn copy_all(dir: &Path, files: &[(String, PathBuf)]) -> Result<(), SiteError> {
    make_dirs(dir, files.iter().map(|(r, _)| r.as_str()))?;
    files.par_iter().try_for_each(|(rel, src)| {
        std::fs::copy(src, dir.join(rel))
            .map(drop)
            .map_err(|e| SiteError::io(src, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_and_drop_keeps_the_old_site() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("site-out");
        let repo = root.path().join("repo");
        std::fs::create_dir_all(&repo).unwrap();

        let s = Staging::new(&out, &repo).unwrap();
        write_all(
            s.dir(),
            &[Output {
                path: "a/b.html".into(),
                content: "one".into(),
            }],
        )
        .unwrap();
        s.commit().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/b.html")).unwrap(),
            "one"
        );

        let s = Staging::new(&out, &repo).unwrap();
        write_all(
            s.dir(),
            &[Output {
                path: "c.html".into(),
                content: "two".into(),
            }],
        )
        .unwrap();
        drop(s);
        assert_eq!(
            std::fs::read_to_string(out.join("a/b.html")).unwrap(),
            "one"
        );

        let s = Staging::new(&out, &repo).unwrap();
        write_all(
            s.dir(),
            &[Output {
                path: "c.html".into(),
                content: "two".into(),
            }],
        )
        .unwrap();
        s.commit().unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(std::fs::read_to_string(out.join("c.html")).unwrap(), "two");
        // Nothing is left behind next to the output.
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn leftovers_of_killed_builds_are_cleaned_and_the_old_site_put_back() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let repo = root.path().join("repo");
        std::fs::create_dir_all(&repo).unwrap();
        let site = |dir: &Path, text: &str| {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(MARKER), "").unwrap();
            std::fs::write(dir.join("index.html"), text).unwrap();
        };
        // A kill between the two renames: no `out`, the previous site in an old folder, plus a
        // staging folder of a dead build, one of an older twir, and one of a running build.
        site(&root.path().join(".out.twir-old-4294967-abc"), "previous");
        site(&root.path().join(".out.twir-new-4294967-def"), "half");
        site(&root.path().join(".out.twir-new-xyz"), "older twir");
        let running = root
            .path()
            .join(format!(".out.twir-new-{}-ghi", std::process::id()));
        site(&running, "running");
        let s = Staging::new(&out, &repo).unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(
                std::fs::read_to_string(out.join("index.html")).unwrap(),
                "previous"
            );
        }
        drop(s);
        let mut names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut expected = vec![
            "out".to_string(),
            "repo".to_string(),
            running_name(&running),
        ];
        expected.sort();
        if cfg!(target_os = "linux") {
            assert_eq!(names, expected);
        }
    }

    fn running_name(p: &Path) -> String {
        p.file_name().unwrap().to_string_lossy().into_owned()
    }

    #[test]
    fn refuses_dangerous_outputs() {
        let root = tempfile::tempdir().unwrap();
        let repo = root.path().join("repo");
        std::fs::create_dir_all(repo.join("content")).unwrap();
        assert!(check_replaceable(&repo, &repo).is_err());
        assert!(check_replaceable(root.path(), &repo).is_err());
        let other = root.path().join("docs");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("keep.txt"), "x").unwrap();
        let e = check_replaceable(&other, &repo).unwrap_err().to_string();
        assert!(e.contains("did not write"), "{e}");
        assert!(check_replaceable(&repo.join("output"), &repo).is_ok());
    }
}
