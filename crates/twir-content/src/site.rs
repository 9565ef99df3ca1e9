//! The layout of a newsletter repository: where issues, drafts and pages live.

use crate::config::Config;
use crate::error::ContentError;
use crate::metadata::parse_date_lenient;
use std::path::{Path, PathBuf};

/// A newsletter repository.
#[derive(Debug, Clone)]
pub struct Site {
    /// The repository root.
    pub root: PathBuf,
    /// Its configuration (defaults when there is no `twir.toml`).
    pub config: Config,
}

/// An issue file found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueFile {
    /// Path to the file.
    pub path: PathBuf,
    /// File name without extension (`2024-01-03-this-week-in-rust`).
    pub stem: String,
    /// The date at the start of the file name, if any.
    pub name_date: Option<jiff::civil::Date>,
}

impl IssueFile {
    /// Describes `path`.
    pub fn new(path: PathBuf) -> IssueFile {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name_date = date_prefix(&stem);
        IssueFile {
            path,
            stem,
            name_date,
        }
    }
}

/// The date a file name starts with: `2020-12-2-this-week-in-rust` -> 2020-12-02.
pub fn date_prefix(stem: &str) -> Option<jiff::civil::Date> {
    let mut parts = stem.splitn(4, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    parse_date_lenient(&format!("{y}-{m}-{d}"))
}

/// True when `dir` looks like the root of a newsletter repository: it holds a `twir.toml`,
/// a `content/` or a `draft/` folder.
pub fn is_root(dir: &Path) -> bool {
    dir.join("twir.toml").is_file() || dir.join("content").is_dir() || dir.join("draft").is_dir()
}

/// The repository root for someone standing in `cwd`, the way git and cargo find theirs: the
/// nearest of `cwd` and its ancestors that [`is_root`], as a path relative to `cwd` (`.`,
/// `..`, `../..`), so that every path built from it reads relative to where the user stands.
/// `None` when no ancestor qualifies.
pub fn find_root(cwd: &Path) -> Option<PathBuf> {
    cwd.ancestors().enumerate().find_map(|(up, dir)| {
        is_root(dir).then(|| match up {
            0 => PathBuf::from("."),
            n => std::iter::repeat_n("..", n).collect(),
        })
    })
}

/// `path` as the user should see it: relative to `cwd`, without a leading `./`, and with
/// `dir/../` steps resolved (`../draft/x.md` seen from `draft/` is `x.md`). Lexical only
/// (symlinks are not resolved); an absolute path outside `cwd` is kept as given.
pub fn relative_to(path: &Path, cwd: &Path) -> PathBuf {
    use std::path::Component;
    fn normal(p: &Path) -> Vec<Component<'_>> {
        let mut out: Vec<Component> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                    out.pop();
                }
                c => out.push(c),
            }
        }
        out
    }
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let (p, base) = (normal(&abs), normal(cwd));
    // Only a fully resolved pair can be compared component by component.
    if p.contains(&Component::ParentDir) || base.contains(&Component::ParentDir) {
        return path.to_path_buf();
    }
    let common = p.iter().zip(&base).take_while(|(a, b)| a == b).count();
    // An absolute path outside `cwd` reads best as given.
    if path.is_absolute() && common < base.len() {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// [`relative_to`] the current directory (the path as given when that is unknown).
pub fn display_path(path: &Path) -> String {
    display_path_from(path, std::env::current_dir().ok().as_deref())
}

/// [`display_path`] with the current directory asked beforehand, for callers naming many
/// files (a `getcwd` per file otherwise).
pub fn display_path_from(path: &Path, cwd: Option<&Path>) -> String {
    match cwd {
        Some(cwd) => relative_to(path, cwd).display().to_string(),
        None => {
            let s = path.display().to_string();
            s.strip_prefix("./").map(str::to_string).unwrap_or(s)
        }
    }
}

impl Site {
    /// Opens the repository at `root`, reading `twir.toml` if present.
    /// Symbolic links into the repository become readable ([`crate::safe_fs::allow_root`]).
    pub fn open(root: &Path) -> Result<Site, ContentError> {
        crate::safe_fs::allow_root(root);
        Ok(Site {
            root: root.to_path_buf(),
            config: Config::load(root)?,
        })
    }

    /// `content/`.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.config.paths.content)
    }

    /// `draft/`.
    pub fn draft_dir(&self) -> PathBuf {
        self.root.join(&self.config.paths.draft)
    }

    /// `content/pages/`.
    pub fn pages_dir(&self) -> PathBuf {
        self.content_dir().join("pages")
    }

    /// `content/images/`.
    pub fn images_dir(&self) -> PathBuf {
        self.content_dir().join("images")
    }

    /// Default output folder of `twir build`.
    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.config.paths.output)
    }

    /// `draft/DRAFT_TEMPLATE`.
    pub fn draft_template(&self) -> PathBuf {
        self.draft_dir().join("DRAFT_TEMPLATE")
    }

    /// Published issues (`content/*.md`, `*.markdown`), oldest first (by file-name date, then name).
    pub fn issues(&self) -> Result<Vec<IssueFile>, ContentError> {
        markdown_files(&self.content_dir())
    }

    /// Files in `content/` with an extension twir does not parse (e.g. `.rst`).
    pub fn unsupported_issue_files(&self) -> Result<Vec<PathBuf>, ContentError> {
        let dir = self.content_dir();
        Ok(list_dir(&dir)?
            .into_iter()
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "rst"))
            .collect())
    }

    /// Drafts (`draft/*.md`), oldest first.
    pub fn drafts(&self) -> Result<Vec<IssueFile>, ContentError> {
        let dir = self.draft_dir();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        markdown_files(&dir)
    }

    /// Pages (`content/pages/*.md`).
    pub fn pages(&self) -> Result<Vec<IssueFile>, ContentError> {
        let dir = self.pages_dir();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        markdown_files(&dir)
    }
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, ContentError> {
    Ok(list_dir_typed(dir)?.into_iter().map(|(p, _)| p).collect())
}

/// The entries of `dir`, each with whether the listing itself says it is a regular file (on
/// Linux the type comes with the listing, without a `stat` per entry).
fn list_dir_typed(dir: &Path) -> Result<Vec<(PathBuf, bool)>, ContentError> {
    let rd = std::fs::read_dir(dir).map_err(|source| ContentError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|source| ContentError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let plain_file = entry.file_type().is_ok_and(|t| t.is_file());
        out.push((entry.path(), plain_file));
    }
    Ok(out)
}

/// The Markdown files of `dir`; a link among them must stay inside the repository
/// ([`crate::safe_fs::check_entry`]).
fn markdown_files(dir: &Path) -> Result<Vec<IssueFile>, ContentError> {
    let mut files = Vec::new();
    for (p, plain_file) in list_dir_typed(dir)? {
        // A regular file needs no further check (a `stat` each was 3% of a whole-archive
        // check); links and anything else go through the boundary check.
        if p.extension().is_some_and(|e| e == "md" || e == "markdown")
            && (plain_file || crate::safe_fs::check_entry(&p)? == crate::safe_fs::Checked::File)
        {
            files.push(IssueFile::new(p));
        }
    }
    files.sort_by(|a, b| (a.name_date, &a.stem).cmp(&(b.name_date, &b.stem)));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_dates() {
        assert_eq!(
            date_prefix("2020-12-2-this-week-in-rust"),
            jiff::civil::Date::new(2020, 12, 2).ok()
        );
        assert_eq!(date_prefix("privacy-policy"), None);
    }

    #[test]
    fn roots_are_found_upward_and_paths_shown_from_the_cwd() {
        let dir = tempfile_dir("root");
        let root = dir.join("repo");
        std::fs::create_dir_all(root.join("draft/sub")).unwrap();
        std::fs::create_dir_all(root.join("content/images")).unwrap();
        assert_eq!(find_root(&root), Some(PathBuf::from(".")));
        assert_eq!(find_root(&root.join("draft")), Some(PathBuf::from("..")));
        assert_eq!(
            find_root(&root.join("content/images")),
            Some(PathBuf::from("../.."))
        );
        assert_eq!(
            find_root(&root.join("draft/sub")),
            Some(PathBuf::from("../.."))
        );
        let cwd = root.join("draft");
        assert_eq!(
            relative_to(Path::new("../draft/x.md"), &cwd),
            PathBuf::from("x.md")
        );
        assert_eq!(
            relative_to(Path::new("../content/a.md"), &cwd),
            PathBuf::from("../content/a.md")
        );
        assert_eq!(
            relative_to(Path::new("./x.md"), &cwd),
            PathBuf::from("x.md")
        );
        assert_eq!(relative_to(&cwd.join("y.md"), &cwd), PathBuf::from("y.md"));
        assert_eq!(
            relative_to(Path::new("/elsewhere/z.md"), &cwd),
            PathBuf::from("/elsewhere/z.md")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("twir-site-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        // Resolved, so that the ancestors walked are the real folders.
        d.canonicalize().unwrap()
    }

    #[test]
    fn lists_issues_sorted_and_skips_others() {
        let dir = std::env::temp_dir().join(format!("twir-site-test-{}", std::process::id()));
        let content = dir.join("content");
        std::fs::create_dir_all(content.join("pages")).unwrap();
        for name in [
            "2020-12-9-a.md",
            "2020-12-10-a.md",
            "2013-06-07-a.markdown",
            "x.rst",
            "notes.txt",
        ] {
            std::fs::write(content.join(name), "Title: x\n\n").unwrap();
        }
        let site = Site::open(&dir).unwrap();
        let stems: Vec<_> = site.issues().unwrap().into_iter().map(|f| f.stem).collect();
        assert_eq!(stems, ["2013-06-07-a", "2020-12-9-a", "2020-12-10-a"]);
        assert_eq!(site.unsupported_issue_files().unwrap().len(), 1);
        assert!(site.drafts().unwrap().is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
