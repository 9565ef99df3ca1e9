//! Checking files of a newsletter repository: which files, in which mode, against which recent
//! issues. The recent-issue link index is built once per run and shared by every target.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use twir_content::site::date_prefix;
use twir_content::{ContentError, Document, IssueFile, Site};

use crate::check::{
    CheckOptions, IssueInfo, Mode, Previous, Template, check_deferred, check_document, sorted,
};
use crate::diagnostic::Diagnostic;
use crate::index::{IssueRef, LinkIndex, RecentLinks, community_keys, source_keys};
use crate::rules::links::published_duplicate;

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// Listing `content/` or `draft/` failed.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// No file to check.
    #[error("{0}: no draft to check (give files to check as arguments)")]
    NoDraft(PathBuf),
}

/// A file that could not be checked, and why (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file.
    pub path: PathBuf,
    /// One line saying why, starting with the file name.
    pub message: String,
}

/// One file to check, with what is known about its place in the archive. Only its text is
/// kept: it is parsed when checked, so that a whole-archive run never holds every parsed
/// issue at once.
#[derive(Debug, Clone)]
pub struct Target {
    /// The path as given (or found in `draft/`).
    pub path: PathBuf,
    /// The name shown in diagnostics.
    pub name: String,
    /// The file's text.
    pub source: String,
    /// Draft or published rules.
    pub mode: Mode,
    /// The date its file name starts with (publication sets the published name's).
    pub name_date: Option<jiff::civil::Date>,
    previous: Option<Previous>,
    window: (usize, usize),
    /// Its position in the index, when it is a published issue.
    own: Option<usize>,
}

impl Target {
    /// The parsed file.
    pub fn document(&self) -> Document {
        let mut doc = Document::parse(self.source.clone());
        doc.path = Some(self.path.clone());
        doc
    }

    /// The parsed file, taking the text (the caller puts `doc.source` back).
    fn take_document(&mut self) -> Document {
        let mut doc = Document::parse(std::mem::take(&mut self.source));
        doc.path = Some(self.path.clone());
        doc
    }
}

/// Settings of a run.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// How many published issues before each target to check duplicates against.
    pub recent: usize,
    /// Report links in the project/tooling section.
    pub deny_project_tooling_links: bool,
}

/// A prepared run: targets, options and the shared index of recent links.
#[derive(Debug)]
pub struct Session {
    /// Options every target is checked with (the mode is per target).
    pub opts: CheckOptions,
    /// The files to check, in the order given.
    pub targets: Vec<Target>,
    /// Files that could not be read.
    pub errors: Vec<InputError>,
    /// The index without the community links of the published issues being checked: those
    /// are taken from the documents [`Session::check_all`] parses anyway, instead of a second
    /// reading of their text (a tenth of a whole-archive check).
    partial: LinkIndex,
    /// The complete index, once known.
    full: std::sync::OnceLock<LinkIndex>,
}

/// A display name: the path relative to the current folder (see
/// [`twir_content::site::display_path`]).
pub fn display_name(path: &Path) -> String {
    twir_content::site::display_path(path)
}

/// Reads and parses an issue, refusing what has no metadata header.
pub fn load_issue(path: &Path) -> Result<Document, InputError> {
    let source = read_issue(path)?;
    let mut doc = Document::parse(source);
    doc.path = Some(path.to_path_buf());
    Ok(doc)
}

/// Reads an issue's text, refusing what is not text or has no metadata header.
pub fn read_issue(path: &Path) -> Result<String, InputError> {
    let source = twir_content::load::read_text(path).map_err(|e| InputError {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    issue_text(path, source)
}

/// `source` when it can be an issue: not empty, with a metadata header.
fn issue_text(path: &Path, source: String) -> Result<String, InputError> {
    let err = |message: String| InputError {
        path: path.to_path_buf(),
        message,
    };
    if source.trim().is_empty() {
        return Err(err(format!("{}:1: empty file", path.display())));
    }
    if twir_content::Metadata::parse(&source).fields.is_empty() {
        return Err(err(format!(
            "{}:1: no metadata header (an issue starts with `Title: ...` lines)",
            path.display()
        )));
    }
    Ok(source)
}

impl Session {
    /// Prepares a run over `paths` (the drafts when empty).
    pub fn open(
        site: &Site,
        paths: &[PathBuf],
        settings: &RunSettings,
    ) -> Result<Session, RunError> {
        let mut opts = CheckOptions::from_config(&site.config.check);
        opts.deny_project_tooling_links = settings.deny_project_tooling_links;
        let template_path = site.draft_template();
        if let Ok(t) = Document::load(&template_path) {
            opts.template = Some(std::sync::Arc::new(Template::from_template(&t)));
        }
        let paths: Vec<PathBuf> = if paths.is_empty() {
            let drafts = site.drafts()?;
            if drafts.is_empty() {
                return Err(RunError::NoDraft(site.draft_dir()));
            }
            drafts.into_iter().map(|f| f.path).collect()
        } else {
            paths.to_vec()
        };
        let issues: Vec<IssueFile> = if site.content_dir().is_dir() {
            site.issues()?
        } else {
            Vec::new()
        };
        let content_dir = site.content_dir().canonicalize().ok();
        // Issues all live directly in `content/`: a target is one of them when its folder is
        // `content/` and its file name is listed. Folders are canonicalised once each, not
        // every path (a whole-archive run names ~600 files in one folder).
        let positions: std::collections::HashMap<&std::ffi::OsStr, usize> = issues
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.path.file_name().map(|n| (n, i)))
            .collect();
        let mut folders: std::collections::HashMap<PathBuf, bool> =
            std::collections::HashMap::new();
        let mut in_content = |p: &Path| -> bool {
            let parent = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            };
            *folders.entry(parent).or_insert_with_key(|d| {
                d.canonicalize()
                    .ok()
                    .is_some_and(|d| Some(d) == content_dir)
            })
        };
        // Where each target sits among the published issues.
        let placed: Vec<(PathBuf, Option<usize>, usize, Mode)> = paths
            .iter()
            .map(|p| {
                let published = in_content(p);
                let own = if published {
                    p.file_name().and_then(|n| positions.get(n)).copied()
                } else {
                    None
                };
                let before = match own {
                    Some(i) => i,
                    None => {
                        let date = p
                            .file_stem()
                            .and_then(|s| date_prefix(&s.to_string_lossy()));
                        match date {
                            Some(d) => {
                                issues.partition_point(|f| f.name_date.is_some_and(|n| n < d))
                            }
                            None => issues.len(),
                        }
                    }
                };
                let mode = if published {
                    Mode::Published
                } else {
                    Mode::Draft
                };
                (p.clone(), own, before, mode)
            })
            .collect();
        let need = settings.recent.max(1);
        let first = placed
            .iter()
            .map(|(_, _, b, _)| b.saturating_sub(need))
            .min()
            .unwrap_or(0);
        let last = placed.iter().map(|(_, _, b, _)| *b).max().unwrap_or(0);
        // Every needed published issue is read once, in parallel, for its number and its
        // community links (normalised here, so that filling the index is only hashing); the
        // text of those that are targets is kept.
        let target_positions: std::collections::HashSet<usize> =
            placed.iter().filter_map(|(_, own, _, _)| *own).collect();
        let section = opts.community_section.as_str();
        let read: Vec<(Option<u32>, Vec<String>, Option<String>)> = (first..last)
            .into_par_iter()
            .map(|i| match twir_content::load::read_text(&issues[i].path) {
                Ok(t) => {
                    let number = twir_content::Metadata::parse(&t).number();
                    if target_positions.contains(&i) {
                        (number, Vec::new(), Some(t))
                    } else {
                        (number, source_keys(&t, section), None)
                    }
                }
                Err(_) => (None, Vec::new(), None),
            })
            .collect();
        let mut index = LinkIndex::new();
        let mut numbers = Vec::with_capacity(read.len());
        let dates: Vec<Option<jiff::civil::Date>> =
            issues[first..last].iter().map(|f| f.name_date).collect();
        let mut texts: Vec<Option<String>> = Vec::with_capacity(read.len());
        for (f, (number, keys, text)) in issues[first..last].iter().zip(read) {
            let name = f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            numbers.push(number);
            index.push_keys(IssueRef { number, name }, keys);
            texts.push(text);
        }
        // Published targets take the text already read.
        let placed: Vec<_> = placed
            .into_iter()
            .map(|(path, own, before, mode)| {
                let own = own.and_then(|i| i.checked_sub(first));
                let text = own.and_then(|i| texts.get_mut(i)).and_then(Option::take);
                (path, text, before, mode, own)
            })
            .collect();
        // The folder the names are shown from, asked once (a `getcwd` per file otherwise).
        let cwd = std::env::current_dir().ok();
        let results: Vec<Result<Target, InputError>> = placed
            .into_par_iter()
            .map(|(path, text, before, mode, own)| {
                let source = match text {
                    Some(t) => issue_text(&path, t)?,
                    None => read_issue(&path)?,
                };
                let window_end = before - first;
                let window_start = before.saturating_sub(settings.recent).max(first) - first;
                let previous = window_end.checked_sub(1).and_then(|i| {
                    Some(Previous {
                        number: *numbers.get(i)?,
                        date: *dates.get(i)?,
                    })
                });
                let name_date = path
                    .file_stem()
                    .and_then(|s| date_prefix(&s.to_string_lossy()));
                Ok(Target {
                    name: twir_content::site::display_path_from(&path, cwd.as_deref()),
                    path,
                    source,
                    mode,
                    name_date,
                    previous,
                    window: (window_start, window_end),
                    own,
                })
            })
            .collect();
        let mut targets = Vec::new();
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(t) => targets.push(t),
                Err(e) => errors.push(e),
            }
        }
        let full = std::sync::OnceLock::new();
        let partial = if targets.iter().any(|t| t.own.is_some()) {
            index
        } else {
            let _ = full.set(index);
            LinkIndex::new()
        };
        Ok(Session {
            opts,
            targets,
            errors,
            partial,
            full,
        })
    }

    /// The complete index: when [`Session::check_all`] has not filled in the issues being
    /// checked, their community links are read from their text.
    fn index(&self) -> &LinkIndex {
        self.full.get_or_init(|| {
            let section = self.opts.community_section.as_str();
            let own: Vec<(usize, Vec<String>)> = self
                .targets
                .par_iter()
                .filter_map(|t| Some((t.own?, source_keys(&t.source, section))))
                .collect();
            let mut index = self.partial.clone();
            for (pos, keys) in own {
                index.add_keys(pos, keys);
            }
            index
        })
    }

    fn info(&self, t: &Target) -> (CheckOptions, IssueInfo<'_>) {
        let mut opts = self.opts.clone();
        opts.mode = t.mode;
        let info = IssueInfo {
            name_date: t.name_date,
            previous: t.previous,
            recent: None,
        };
        (opts, info)
    }

    /// Checks another version of a target (after fixes, or as it was at a git revision).
    pub fn check_doc(&self, t: &Target, doc: &Document) -> Vec<Diagnostic> {
        let (opts, mut info) = self.info(t);
        info.recent = Some(RecentLinks {
            index: self.index(),
            window: t.window,
        });
        check_document(doc, &opts, &info)
    }

    /// Checks every target in parallel; results in target order. Each target is parsed,
    /// checked and dropped in turn; its text moves into the parse and back instead of being
    /// copied. The published issues among them are indexed from these parses; their links are
    /// looked up among the recent issues once all are indexed.
    pub fn check_all(&mut self) -> Vec<Vec<Diagnostic>> {
        let mut targets = std::mem::take(&mut self.targets);
        let out = self.check_targets(&mut targets);
        self.targets = targets;
        out
    }

    fn check_targets(&self, targets: &mut [Target]) -> Vec<Vec<Diagnostic>> {
        // When the index is already complete (no published issue among the targets, or a
        // `check_doc` came first), what is built here is dropped and the complete one used.
        let section = self.opts.community_section.as_str();
        // Filled as the targets are checked (a lock per issue), so that no serial pass over
        // every key follows the parallel one.
        let building = std::sync::Mutex::new(self.partial.clone());
        let checked: Vec<_> = targets
            .par_iter_mut()
            .map(|t| {
                let doc = t.take_document();
                let keys = community_keys(&doc, section);
                let (opts, info) = self.info(t);
                let (diags, later) = check_deferred(&doc, &opts, &info, &keys);
                t.source = doc.source;
                if let Some(pos) = t.own {
                    let mut index = building.lock().unwrap_or_else(|e| e.into_inner());
                    index.add_keys(pos, keys);
                }
                (diags, later)
            })
            .collect();
        let index = self
            .full
            .get_or_init(|| building.into_inner().unwrap_or_else(|e| e.into_inner()));
        targets
            .par_iter()
            .zip(checked)
            .map(|(t, (mut diags, later))| {
                let recent = RecentLinks {
                    index,
                    window: t.window,
                };
                for l in later {
                    if let Some(issue) = recent.lookup(&l.key) {
                        diags.push(published_duplicate(t.mode, l.span, issue));
                    }
                }
                sorted(diags)
            })
            .collect()
    }
}
