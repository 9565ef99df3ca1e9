//! Publishing as one transaction: the published issue and the next draft are written first
//! (atomically), the old draft is removed last, and any failure rolls back what was written,
//! so the draft is never lost or half-written.

use crate::error::WorkflowError;
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

/// Carries out `plan`. On error nothing is left changed.
pub fn apply_plan(plan: &PublishPlan) -> Result<(), WorkflowError> {
    let mut written = Written(Vec::new());
    let mut write_new = |path: &Path, text: &str, action: &'static str| {
        if path.exists() {
            return Err(WorkflowError::DraftExists(path.to_path_buf()));
        }
        write_atomic(path, text.as_bytes()).map_err(|source| WorkflowError::Io {
            path: path.to_path_buf(),
            action,
            source,
        })?;
        written.0.push(path.to_path_buf());
        Ok(())
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
        std::fs::remove_file(&plan.draft).map_err(|source| WorkflowError::Io {
            path: plan.draft.clone(),
            action: "removing the published draft",
            source,
        })?;
    }
    written.0.clear();
    Ok(())
}

/// Files written so far; removed again unless the transaction completes (on drop).
struct Written(Vec<PathBuf>);

impl Drop for Written {
    fn drop(&mut self) {
        for path in &self.0 {
            let _ = std::fs::remove_file(path);
        }
    }
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

    #[test]
    fn moves_draft_and_creates_next() {
        let d = tmp("ok");
        let draft = d.join("draft/2026-01-07-x.md");
        std::fs::write(&draft, "draft").unwrap();
        let plan = PublishPlan {
            draft: draft.clone(),
            published: d.join("content/2026-01-07-x.md"),
            published_text: "final".into(),
            next_draft: Some((d.join("draft/2026-01-14-x.md"), "next".into())),
        };
        apply_plan(&plan).unwrap();
        assert!(!draft.exists());
        assert_eq!(std::fs::read_to_string(&plan.published).unwrap(), "final");
        assert_eq!(
            std::fs::read_to_string(d.join("draft/2026-01-14-x.md")).unwrap(),
            "next"
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn failure_rolls_back_and_keeps_the_draft() {
        let d = tmp("fail");
        let draft = d.join("draft/2026-01-07-x.md");
        std::fs::write(&draft, "draft").unwrap();
        let plan = PublishPlan {
            draft: draft.clone(),
            published: d.join("content/2026-01-07-x.md"),
            published_text: "final".into(),
            // The next draft cannot be written: its folder does not exist.
            next_draft: Some((d.join("missing/2026-01-14-x.md"), "next".into())),
        };
        assert!(apply_plan(&plan).is_err());
        assert_eq!(std::fs::read_to_string(&draft).unwrap(), "draft");
        assert!(!plan.published.exists());
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
        std::fs::remove_dir_all(&d).unwrap();
    }
}
