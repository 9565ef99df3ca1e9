//! Publishing as one transaction that survives being killed.
//!
//! Before anything is written, the whole plan (the draft as read, the published text, the next
//! draft) goes into a journal beside the draft, `.twir-publish.json`, written atomically. Then
//! the published issue and the next draft are written (each atomically), the old draft is
//! removed, and the journal last. An error rolls back what was written. A kill (power cut,
//! SIGKILL) at any point leaves either no journal and nothing written, or the journal: the next
//! `twir publish` reads it ([`recover`]) and finishes the job, or undoes it when the draft was
//! edited since, saying which state it found.

use crate::error::WorkflowError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use twir_content::write::write_atomic;

/// Everything `twir publish` will do, computed before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishPlan {
    /// The draft being published.
    pub draft: PathBuf,
    /// Where the published issue goes (`content/...`).
    pub published: PathBuf,
    /// Its final text.
    pub published_text: String,
    /// The next draft to create, with its text (none when it already exists).
    pub next_draft: Option<(PathBuf, String)>,
}

/// The journal's file name, in the draft's folder.
pub const JOURNAL: &str = ".twir-publish.json";

/// The journal of a publication of a draft in `draft_dir`.
pub fn journal_path(draft_dir: &Path) -> PathBuf {
    draft_dir.join(JOURNAL)
}

/// What the journal holds: enough to finish or undo the publication without the command line
/// that started it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Journal {
    /// The draft, absolute.
    draft: PathBuf,
    /// The draft's text when publication started.
    draft_text: String,
    /// The published issue, absolute.
    published: PathBuf,
    /// Its text.
    published_text: String,
    /// The next draft (absolute) and its text.
    next_draft: Option<(PathBuf, String)>,
}

fn io<'a>(
    path: &'a Path,
    action: &'static str,
) -> impl FnOnce(std::io::Error) -> WorkflowError + 'a {
    move |source| WorkflowError::Io {
        path: path.to_path_buf(),
        action,
        source,
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Carries out `plan`. On error nothing is left changed; after a kill, [`recover`] finishes
/// the job.
pub fn apply_plan(plan: &PublishPlan) -> Result<(), WorkflowError> {
    for path in std::iter::once(&plan.published).chain(plan.next_draft.as_ref().map(|(p, _)| p)) {
        if path.exists() {
            return Err(WorkflowError::DraftExists(path.to_path_buf()));
        }
    }
    let draft_text = std::fs::read_to_string(&plan.draft)
        .map_err(io(&plan.draft, "reading the draft to publish"))?;
    let journal_file = journal_path(parent(&plan.draft));
    let journal = Journal {
        draft: absolute(&plan.draft),
        draft_text,
        published: absolute(&plan.published),
        published_text: plan.published_text.clone(),
        next_draft: plan
            .next_draft
            .as_ref()
            .map(|(p, t)| (absolute(p), t.clone())),
    };
    let json = serde_json::to_vec_pretty(&journal).map_err(|e| WorkflowError::Io {
        path: journal_file.clone(),
        action: "writing the publication journal",
        source: std::io::Error::other(e),
    })?;
    write_atomic(&journal_file, &json)
        .map_err(io(&journal_file, "writing the publication journal"))?;

    let mut written = Written(vec![journal_file.clone()]);
    let mut write_new = |path: &Path, text: &str, action: &'static str| {
        write_atomic(path, text.as_bytes()).map_err(io(path, action))?;
        written.0.push(path.to_path_buf());
        Ok::<(), WorkflowError>(())
    };
    write_new(
        &plan.published,
        &plan.published_text,
        "writing the published issue",
    )?;
    if let Some((path, text)) = &plan.next_draft {
        write_new(path, text, "writing the next draft")?;
    }
    if plan.draft != plan.published {
        std::fs::remove_file(&plan.draft)
            .map_err(io(&plan.draft, "removing the published draft"))?;
    }
    written.0.clear();
    remove_if_present(&journal_file, "removing the publication journal")?;
    Ok(())
}

/// Files written so far; removed again unless the transaction completes (on drop).
struct Written(Vec<PathBuf>);

impl Drop for Written {
    fn drop(&mut self) {
        // The journal goes last: until then a kill here is still recoverable.
        for path in self.0.iter().rev() {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn parent(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn remove_if_present(path: &Path, action: &'static str) -> Result<(), WorkflowError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(path, action)(e)),
    }
}

/// What [`recover`] did with an interrupted publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// The publication was completed.
    Finished {
        /// The draft that was being published.
        draft: PathBuf,
        /// The published issue.
        published: PathBuf,
        /// The next draft, when the plan had one.
        next_draft: Option<PathBuf>,
        /// The state found, in words.
        found: String,
    },
    /// The publication was undone: the draft had been edited since it started.
    Undone {
        /// The draft, as the editor left it.
        draft: PathBuf,
        /// What was removed.
        removed: Vec<PathBuf>,
        /// The state found, in words.
        found: String,
    },
}

impl Recovery {
    /// The draft the interrupted publication was about.
    pub fn draft(&self) -> &Path {
        match self {
            Recovery::Finished { draft, .. } | Recovery::Undone { draft, .. } => draft,
        }
    }
}

impl std::fmt::Display for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Recovery::Finished {
                draft,
                published,
                next_draft,
                found,
            } => {
                write!(
                    f,
                    "found an interrupted `twir publish` of {} ({found}): finished it: {} is published",
                    draft.display(),
                    published.display()
                )?;
                if let Some(n) = next_draft {
                    write!(f, ", {} is the next draft", n.display())?;
                }
                Ok(())
            }
            Recovery::Undone {
                draft,
                removed,
                found,
            } => {
                write!(
                    f,
                    "found an interrupted `twir publish` of {} ({found}): undid it",
                    draft.display()
                )?;
                if !removed.is_empty() {
                    let names: Vec<String> =
                        removed.iter().map(|p| p.display().to_string()).collect();
                    write!(f, " (removed {})", names.join(", "))?;
                }
                Ok(())
            }
        }
    }
}

/// The state of one file of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Missing,
    AsPlanned,
    Different,
}

fn found(path: &Path, text: &str) -> Result<Found, WorkflowError> {
    match std::fs::read(path) {
        Ok(bytes) if bytes == text.as_bytes() => Ok(Found::AsPlanned),
        Ok(_) => Ok(Found::Different),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Found::Missing),
        Err(e) => Err(io(path, "reading a file of the interrupted publication")(e)),
    }
}

/// Describes what an interrupted publication had done, for the message.
fn describe(draft: Found, published: Found, next: Option<Found>) -> String {
    let mut parts = Vec::new();
    parts.push(match published {
        Found::Missing => "nothing published yet",
        Found::AsPlanned => "the published copy written",
        Found::Different => "another file where the published copy goes",
    });
    match next {
        Some(Found::Missing) => parts.push("no next draft"),
        Some(Found::AsPlanned) => parts.push("the next draft written"),
        Some(Found::Different) => parts.push("the next draft already edited"),
        None => {}
    }
    parts.push(match draft {
        Found::Missing => "the old draft already removed",
        Found::AsPlanned => "the old draft still there",
        Found::Different => "the old draft edited since",
    });
    parts.join(", ")
}

/// Looks for the journal of an interrupted publication in `draft_dir` and finishes the job,
/// or undoes it when the draft was edited since (the editor's newer text wins; publish again).
/// With `dry_run`, only says what it would do. `Ok(None)`: no interrupted publication.
pub fn recover(draft_dir: &Path, dry_run: bool) -> Result<Option<Recovery>, WorkflowError> {
    let journal_file = journal_path(draft_dir);
    let bytes = match std::fs::read(&journal_file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(&journal_file, "reading the publication journal")(e)),
    };
    let journal: Journal = serde_json::from_slice(&bytes).map_err(|e| WorkflowError::BadMetadata {
        path: journal_file.clone(),
        line: e.line(),
        message: format!(
            "unreadable journal of an interrupted `twir publish` ({e}); compare the drafts and content/ by hand, then remove it"
        ),
    })?;
    let draft = found(&journal.draft, &journal.draft_text)?;
    let published = found(&journal.published, &journal.published_text)?;
    let next = match &journal.next_draft {
        Some((p, t)) => Some(found(p, t)?),
        None => None,
    };
    let state = describe(draft, published, next);

    if draft == Found::Different {
        // Edited after the interruption: undo what the interrupted run wrote, keep the edit.
        let mut removed = Vec::new();
        if published == Found::AsPlanned {
            removed.push(journal.published.clone());
        }
        if let (Some((p, _)), Some(Found::AsPlanned)) = (&journal.next_draft, next) {
            removed.push(p.clone());
        }
        if !dry_run {
            for p in &removed {
                remove_if_present(p, "undoing the interrupted publication")?;
            }
            remove_if_present(&journal_file, "removing the publication journal")?;
        }
        return Ok(Some(Recovery::Undone {
            draft: journal.draft,
            removed,
            found: state,
        }));
    }

    if published == Found::Different {
        return Err(WorkflowError::BadMetadata {
            path: journal.published.clone(),
            line: 1,
            message: format!(
                "an interrupted `twir publish` of {} ({state}) would write this file, which holds other text; move it aside and run `twir publish` again (journal: {})",
                journal.draft.display(),
                journal_file.display()
            ),
        });
    }
    if !dry_run {
        if published == Found::Missing {
            write_atomic(&journal.published, journal.published_text.as_bytes())
                .map_err(io(&journal.published, "writing the published issue"))?;
        }
        // A next draft the editors already changed is theirs: it stays as it is.
        if let (Some((p, t)), Some(Found::Missing)) = (&journal.next_draft, next) {
            write_atomic(p, t.as_bytes()).map_err(io(p, "writing the next draft"))?;
        }
        if draft == Found::AsPlanned && journal.draft != journal.published {
            remove_if_present(&journal.draft, "removing the published draft")?;
        }
        remove_if_present(&journal_file, "removing the publication journal")?;
    }
    Ok(Some(Recovery::Finished {
        draft: journal.draft,
        published: journal.published,
        next_draft: journal.next_draft.map(|(p, _)| p),
        found: state,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("twir-publish-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("content")).unwrap();
        std::fs::create_dir_all(d.join("draft")).unwrap();
        d
    }

    fn plan(d: &Path) -> PublishPlan {
        let draft = d.join("draft/2026-01-07-x.md");
        std::fs::write(&draft, "draft").unwrap();
        PublishPlan {
            draft,
            published: d.join("content/2026-01-07-x.md"),
            published_text: "final".into(),
            next_draft: Some((d.join("draft/2026-01-14-x.md"), "next".into())),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn moves_draft_and_creates_next() {
        let d = tmp("ok");
        let plan = plan(&d);
        apply_plan(&plan).unwrap();
        assert!(!plan.draft.exists());
        assert_eq!(std::fs::read_to_string(&plan.published).unwrap(), "final");
        assert_eq!(
            std::fs::read_to_string(d.join("draft/2026-01-14-x.md")).unwrap(),
            "next"
        );
        // No journal, no temporary file.
        assert_eq!(names(&d.join("draft")), ["2026-01-14-x.md"]);
        assert_eq!(recover(&d.join("draft"), false).unwrap(), None);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn failure_rolls_back_and_keeps_the_draft() {
        let d = tmp("fail");
        let mut plan = plan(&d);
        // The next draft cannot be written: its folder does not exist.
        plan.next_draft = Some((d.join("missing/2026-01-14-x.md"), "next".into()));
        assert!(apply_plan(&plan).is_err());
        assert_eq!(std::fs::read_to_string(&plan.draft).unwrap(), "draft");
        assert!(!plan.published.exists());
        assert_eq!(names(&d.join("draft")), ["2026-01-07-x.md"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn refuses_to_overwrite_a_published_issue() {
        let d = tmp("exists");
        let draft = d.join("draft/a.md");
        std::fs::write(&draft, "draft").unwrap();
        std::fs::write(d.join("content/a.md"), "old").unwrap();
        let plan = PublishPlan {
            draft: draft.clone(),
            published: d.join("content/a.md"),
            published_text: "new".into(),
            next_draft: None,
        };
        assert!(matches!(
            apply_plan(&plan),
            Err(WorkflowError::DraftExists(_))
        ));
        assert_eq!(
            std::fs::read_to_string(d.join("content/a.md")).unwrap(),
            "old"
        );
        assert!(draft.exists());
        assert_eq!(names(&d.join("draft")), ["a.md"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    /// Writes the journal of `plan` as `apply_plan` does, then the first `steps` of its writes,
    /// as a run killed at that point leaves things.
    fn interrupted(plan: &PublishPlan, steps: usize) {
        let journal = Journal {
            draft: absolute(&plan.draft),
            draft_text: std::fs::read_to_string(&plan.draft).unwrap(),
            published: absolute(&plan.published),
            published_text: plan.published_text.clone(),
            next_draft: plan.next_draft.clone(),
        };
        std::fs::write(
            journal_path(plan.draft.parent().unwrap()),
            serde_json::to_vec(&journal).unwrap(),
        )
        .unwrap();
        if steps >= 1 {
            std::fs::write(&plan.published, &plan.published_text).unwrap();
        }
        if steps >= 2 {
            let (p, t) = plan.next_draft.as_ref().unwrap();
            std::fs::write(p, t).unwrap();
        }
        if steps >= 3 {
            std::fs::remove_file(&plan.draft).unwrap();
        }
    }

    #[test]
    fn every_interruption_is_finished() {
        let expected = [
            "nothing published yet, no next draft, the old draft still there",
            "the published copy written, no next draft, the old draft still there",
            "the published copy written, the next draft written, the old draft still there",
            "the published copy written, the next draft written, the old draft already removed",
        ];
        for (steps, state) in expected.iter().enumerate() {
            let d = tmp(&format!("kill{steps}"));
            let plan = plan(&d);
            interrupted(&plan, steps);
            let before = names(&d.join("draft"));
            let dry = recover(&d.join("draft"), true).unwrap().unwrap();
            assert_eq!(names(&d.join("draft")), before, "dry run changed something");
            let r = recover(&d.join("draft"), false).unwrap().unwrap();
            assert_eq!(r, dry);
            let message = r.to_string();
            assert!(message.contains(state), "{steps}: {message}");
            assert!(message.contains("finished it"), "{message}");
            assert!(!plan.draft.exists());
            assert_eq!(std::fs::read_to_string(&plan.published).unwrap(), "final");
            assert_eq!(names(&d.join("draft")), ["2026-01-14-x.md"]);
            assert_eq!(recover(&d.join("draft"), false).unwrap(), None);
            std::fs::remove_dir_all(&d).unwrap();
        }
    }

    #[test]
    fn an_edited_draft_undoes_the_interrupted_publication() {
        let d = tmp("edited");
        let plan = plan(&d);
        interrupted(&plan, 2);
        std::fs::write(&plan.draft, "draft, edited after the crash").unwrap();
        let r = recover(&d.join("draft"), false).unwrap().unwrap();
        assert!(matches!(r, Recovery::Undone { .. }), "{r:?}");
        assert!(r.to_string().contains("the old draft edited since"), "{r}");
        assert_eq!(
            std::fs::read_to_string(&plan.draft).unwrap(),
            "draft, edited after the crash"
        );
        assert!(!plan.published.exists());
        assert_eq!(names(&d.join("draft")), ["2026-01-07-x.md"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_foreign_published_file_is_an_error_that_changes_nothing() {
        let d = tmp("foreign");
        let plan = plan(&d);
        interrupted(&plan, 0);
        std::fs::write(&plan.published, "someone else's").unwrap();
        let e = recover(&d.join("draft"), false).unwrap_err().to_string();
        assert!(e.contains("holds other text"), "{e}");
        assert!(plan.draft.exists());
        assert!(journal_path(&d.join("draft")).exists());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
