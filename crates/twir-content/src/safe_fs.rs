//! Reading a repository without following symbolic links out of it.
//!
//! A pull request can carry a symlink: `content/images/env.txt -> /proc/self/environ` would
//! otherwise publish the CI machine's environment, tokens included. Every walk over a folder
//! whose files end up in the site (images, pages, theme files, drafts) goes through
//! [`walk_files`] or [`check_entry`], which accept a link only when its target lies inside a
//! repository this process opened ([`allow_root`], done by [`crate::Site::open`]) and never
//! inside `/proc`, `/dev` or `/sys`. Other special files (FIFOs, sockets, devices) are refused
//! too: reading a FIFO would hang the build.
//!
//! What happens to a refused entry is the process's [`LinkPolicy`]: an error naming the link
//! (default), or with [`set_policy`]`(LinkPolicy::Skip)` the entry is left out and a warning
//! kept for the command to print ([`take_skipped`]).

use crate::error::ContentError;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, RwLock};

/// Name of the marker file `twir build` leaves in a site it wrote. Folders holding one are
/// never walked: an output placed inside a copied folder (`--out content/images/out`) would
/// otherwise be copied into the next build, nesting the site into itself.
pub const BUILT_SITE_MARKER: &str = ".twir-site";

/// Never read from these, even through a link from an allowed root.
const FORBIDDEN: &[&str] = &["/proc", "/dev", "/sys"];

/// What to do with a symbolic link leaving the repository (or a special file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkPolicy {
    /// Fail with [`ContentError::UnsafeLink`].
    #[default]
    Refuse,
    /// Leave the entry out and record a warning ([`take_skipped`]).
    Skip,
}

static ROOTS: RwLock<Vec<PathBuf>> = RwLock::new(Vec::new());
static POLICY: RwLock<LinkPolicy> = RwLock::new(LinkPolicy::Refuse);
static SKIPPED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Allows links into `root` (a repository, or a theme folder named on the command line).
/// Called by [`crate::Site::open`]; a root that does not exist is ignored.
pub fn allow_root(root: &Path) {
    let Ok(canon) = root.canonicalize() else {
        return;
    };
    if forbidden(&canon) {
        return;
    }
    if let Ok(mut roots) = ROOTS.write()
        && !roots.contains(&canon)
    {
        roots.push(canon);
    }
}

/// Sets the process-wide policy for unsafe entries.
pub fn set_policy(policy: LinkPolicy) {
    if let Ok(mut p) = POLICY.write() {
        *p = policy;
    }
}

/// The current policy.
pub fn policy() -> LinkPolicy {
    POLICY.read().map(|p| *p).unwrap_or_default()
}

/// Warnings about entries skipped under [`LinkPolicy::Skip`] since the last call, each once.
pub fn take_skipped() -> Vec<String> {
    let mut seen = HashSet::new();
    SKIPPED
        .lock()
        .map(|mut s| std::mem::take(&mut *s))
        .unwrap_or_default()
        .into_iter()
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

fn forbidden(canon: &Path) -> bool {
    FORBIDDEN.iter().any(|f| canon.starts_with(f))
}

/// The rules a walk applies: where links may point and what to do with the others.
#[derive(Debug, Clone, Default)]
pub struct Boundary {
    /// Canonical folders links may point into.
    pub roots: Vec<PathBuf>,
    /// What to do with an entry that breaks the rules.
    pub policy: LinkPolicy,
}

impl Boundary {
    /// The process-wide boundary: every allowed root and the current policy.
    pub fn current() -> Boundary {
        Boundary {
            roots: ROOTS.read().map(|r| r.clone()).unwrap_or_default(),
            policy: policy(),
        }
    }

    /// Whether the canonical path `canon` may be read.
    fn contains(&self, canon: &Path) -> bool {
        !forbidden(canon) && self.roots.iter().any(|r| canon.starts_with(r))
    }
}

/// What an entry of a folder is, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// A regular file (possibly through an allowed link).
    File,
    /// A folder (possibly through an allowed link), with its canonical path.
    Dir(PathBuf),
    /// Left out under [`LinkPolicy::Skip`] (the warning is recorded).
    Skipped,
}

/// Checks one entry `path` of a folder being read: a plain file or folder is fine; a link
/// must resolve inside `boundary`; anything else (FIFO, socket, device, broken link) is
/// refused or skipped as the policy says.
pub fn check_entry_in(path: &Path, boundary: &Boundary) -> Result<Checked, ContentError> {
    let meta = std::fs::symlink_metadata(path).map_err(|source| ContentError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let refuse = |reason: String| -> Result<Checked, ContentError> {
        match boundary.policy {
            LinkPolicy::Refuse => Err(ContentError::UnsafeLink {
                path: path.to_path_buf(),
                reason,
            }),
            LinkPolicy::Skip => {
                if let Ok(mut s) = SKIPPED.lock() {
                    s.push(format!("{}: skipped: {reason}", path.display()));
                }
                Ok(Checked::Skipped)
            }
        }
    };
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(Checked::File);
    }
    if ft.is_dir() {
        let canon = path.canonicalize().map_err(|source| ContentError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        return Ok(Checked::Dir(canon));
    }
    if !ft.is_symlink() {
        return refuse("not a regular file or folder (a FIFO, socket or device)".into());
    }
    let shown = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    let Ok(canon) = path.canonicalize() else {
        return refuse(format!("symbolic link to `{shown}`, which does not exist"));
    };
    if !boundary.contains(&canon) {
        return refuse(format!(
            "symbolic link to `{}`, outside the repository",
            canon.display()
        ));
    }
    match std::fs::metadata(&canon) {
        Ok(m) if m.is_file() => Ok(Checked::File),
        Ok(m) if m.is_dir() => Ok(Checked::Dir(canon)),
        Ok(_) => refuse(format!(
            "symbolic link to `{}`, which is not a regular file or folder",
            canon.display()
        )),
        Err(source) => Err(ContentError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// [`check_entry_in`] with the process-wide [`Boundary::current`].
pub fn check_entry(path: &Path) -> Result<Checked, ContentError> {
    check_entry_in(path, &Boundary::current())
}

/// Every regular file under `dir`, recursively, sorted, as paths under `dir` (a linked file
/// keeps the link's name). Hidden entries (editor swap files, `.git`, staging folders) and
/// folders holding a [`BUILT_SITE_MARKER`] are left out; links are checked by
/// [`check_entry_in`] (a link may also point anywhere inside `dir`); a folder reached twice
/// through links is walked once.
pub fn walk_files_in(dir: &Path, boundary: &Boundary) -> Result<Vec<PathBuf>, ContentError> {
    let mut out = Vec::new();
    let top = match check_entry_in(dir, boundary)? {
        Checked::Dir(canon) => canon,
        Checked::File | Checked::Skipped => return Ok(out),
    };
    // Links within the walked tree are fine even when it lies outside every repository (a
    // theme folder named on the command line).
    let mut inner = boundary.clone();
    if !forbidden(&top) {
        inner.roots.push(top.clone());
    }
    let boundary = &inner;
    let mut seen = HashSet::from([top]);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if d.join(BUILT_SITE_MARKER).exists() {
            continue;
        }
        let rd = std::fs::read_dir(&d).map_err(|source| ContentError::Io {
            path: d.clone(),
            source,
        })?;
        for entry in rd {
            let entry = entry.map_err(|source| ContentError::Io {
                path: d.clone(),
                source,
            })?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            match check_entry_in(&path, boundary)? {
                Checked::File => out.push(path),
                Checked::Dir(canon) => {
                    if seen.insert(canon) {
                        stack.push(path);
                    }
                }
                Checked::Skipped => {}
            }
        }
    }
    out.sort();
    Ok(out)
}

/// [`walk_files_in`] with the process-wide [`Boundary::current`].
pub fn walk_files(dir: &Path) -> Result<Vec<PathBuf>, ContentError> {
    walk_files_in(dir, &Boundary::current())
}

/// The file a write to `path` should replace: `path` itself, or the final target when it is
/// a symbolic link (a chain is followed, relative targets resolved from the link's folder),
/// so that an atomic write through a linked draft updates the draft instead of replacing the
/// link with a copy.
pub fn write_target(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // Linux gives up after 40 links (ELOOP); so do we.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => lexical_join(dir, &target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("{}: too many levels of symbolic links", path.display()),
    ))
}

/// `dir/rel` with `.` dropped (`..` kept: the folder may itself be a link).
fn lexical_join(dir: &Path, rel: &Path) -> PathBuf {
    let mut out = dir.to_path_buf();
    for c in rel.components() {
        match c {
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn boundary(root: &Path, policy: LinkPolicy) -> Boundary {
        Boundary {
            roots: vec![root.canonicalize().unwrap()],
            policy,
        }
    }

    /// A repository with images: plain files, a link inside the repository, a linked folder
    /// inside it, and links out of it (to a file, a folder, /proc).
    fn repo() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("repo");
        let images = root.join("content/images");
        std::fs::create_dir_all(images.join("a")).unwrap();
        std::fs::create_dir_all(root.join("shared/pics")).unwrap();
        std::fs::write(images.join("x.png"), "x").unwrap();
        std::fs::write(images.join("a/y.png"), "y").unwrap();
        std::fs::write(root.join("shared/logo.svg"), "logo").unwrap();
        std::fs::write(root.join("shared/pics/p.png"), "p").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        symlink("../../shared/logo.svg", images.join("logo.svg")).unwrap();
        symlink(root.join("shared/pics"), images.join("pics")).unwrap();
        (tmp, root)
    }

    fn rels(root: &Path, files: &[PathBuf]) -> Vec<String> {
        let images = root.join("content/images");
        files
            .iter()
            .map(|p| p.strip_prefix(&images).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn links_inside_the_repository_are_followed() {
        let (_tmp, root) = repo();
        let files = walk_files_in(
            &root.join("content/images"),
            &boundary(&root, LinkPolicy::Refuse),
        )
        .unwrap();
        assert_eq!(
            rels(&root, &files),
            ["a/y.png", "logo.svg", "pics/p.png", "x.png"]
        );
    }

    #[test]
    fn links_out_of_the_repository_are_refused_or_skipped() {
        for (name, target, why) in [
            (
                "secret.txt",
                "../../../secret.txt",
                "outside the repository",
            ),
            ("outside", "../../..", "outside the repository"),
            ("env.txt", "/proc/self/environ", "outside the repository"),
            ("null", "/dev/null", "outside the repository"),
            ("gone.png", "nowhere.png", "does not exist"),
        ] {
            let (_tmp, root) = repo();
            let images = root.join("content/images");
            symlink(target, images.join(name)).unwrap();
            let e = walk_files_in(&images, &boundary(&root, LinkPolicy::Refuse))
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(&format!(
                    "content/images/{name}: unsafe file: symbolic link"
                )) && e.contains(why),
                "{name}: {e}"
            );
            let files = walk_files_in(&images, &boundary(&root, LinkPolicy::Skip)).unwrap();
            assert_eq!(
                rels(&root, &files),
                ["a/y.png", "logo.svg", "pics/p.png", "x.png"],
                "{name}"
            );
            assert!(
                take_skipped().iter().any(|w| w.contains(name)),
                "{name} not reported"
            );
        }
    }

    #[test]
    fn proc_is_refused_even_when_allowed_as_a_root() {
        let tmp = tempfile::tempdir().unwrap();
        symlink("/proc/self/environ", tmp.path().join("env")).unwrap();
        let b = Boundary {
            roots: vec![PathBuf::from("/")],
            policy: LinkPolicy::Refuse,
        };
        assert!(check_entry_in(&tmp.path().join("env"), &b).is_err());
    }

    #[test]
    fn a_fifo_is_refused_and_a_link_loop_ends() {
        let (_tmp, root) = repo();
        let images = root.join("content/images");
        symlink("..", images.join("a/up")).unwrap();
        let files = walk_files_in(&images, &boundary(&root, LinkPolicy::Refuse)).unwrap();
        assert_eq!(files.len(), 4, "{files:?}");
        let status = std::process::Command::new("mkfifo")
            .arg(images.join("pipe"))
            .status();
        if status.is_ok_and(|s| s.success()) {
            let e = walk_files_in(&images, &boundary(&root, LinkPolicy::Refuse)).unwrap_err();
            assert!(e.to_string().contains("FIFO"), "{e}");
        }
    }

    #[test]
    fn a_built_site_inside_is_not_walked() {
        let (_tmp, root) = repo();
        let out = root.join("content/images/out");
        std::fs::create_dir_all(out.join("images")).unwrap();
        std::fs::write(out.join(BUILT_SITE_MARKER), "").unwrap();
        std::fs::write(out.join("images/x.png"), "x").unwrap();
        let files = walk_files_in(
            &root.join("content/images"),
            &boundary(&root, LinkPolicy::Refuse),
        )
        .unwrap();
        assert!(!files.iter().any(|p| p.starts_with(&out)), "{files:?}");
    }

    #[test]
    fn writes_go_through_links() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir_all(d.join("draft")).unwrap();
        std::fs::create_dir_all(d.join("work")).unwrap();
        std::fs::write(d.join("work/real.md"), "x").unwrap();
        symlink("../work/real.md", d.join("draft/a.md")).unwrap();
        symlink("a.md", d.join("draft/b.md")).unwrap();
        assert_eq!(
            write_target(&d.join("draft/b.md")).unwrap(),
            d.join("draft/../work/real.md")
        );
        assert_eq!(
            write_target(&d.join("work/real.md")).unwrap(),
            d.join("work/real.md")
        );
        symlink("loop", d.join("loop")).unwrap();
        assert!(write_target(&d.join("loop")).is_err());
    }
}
