//! `--since REV`: report only diagnostics that the file did not already have at a git revision,
//! as TWiR's pull-request CI does. Diagnostics are matched by code, message and the text of
//! their line, not by line number, so edits above them do not make old findings look new.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use twir_content::LineIndex;

use crate::diagnostic::Diagnostic;

/// Why the old version could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SinceError {
    /// The file is not inside a git repository.
    #[error("{path}: not in a git repository: {reason}")]
    NoRepository {
        /// The file.
        path: PathBuf,
        /// What git said.
        reason: String,
    },
    /// The revision does not name a commit.
    #[error("`{rev}` is not a revision of the repository: {reason}")]
    BadRevision {
        /// The revision.
        rev: String,
        /// What git said.
        reason: String,
    },
    /// Reading the object database failed.
    #[error("{path}: cannot read it at `{rev}`: {reason}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The revision.
        rev: String,
        /// What went wrong.
        reason: String,
    },
}

/// The text of `file` at revision `rev` of the repository containing it; `None` when the file
/// did not exist then (every diagnostic is new).
pub fn read_at_rev(file: &Path, rev: &str) -> Result<Option<String>, SinceError> {
    let abs = std::path::absolute(file).map_err(|e| SinceError::NoRepository {
        path: file.to_path_buf(),
        reason: e.to_string(),
    })?;
    let dir = abs.parent().unwrap_or(Path::new("/"));
    let repo = git2::Repository::discover(dir).map_err(|e| SinceError::NoRepository {
        path: file.to_path_buf(),
        reason: e.message().to_string(),
    })?;
    let workdir = repo
        .workdir()
        .ok_or_else(|| SinceError::NoRepository {
            path: file.to_path_buf(),
            reason: "the repository is bare".into(),
        })?
        .canonicalize()
        .map_err(|e| SinceError::NoRepository {
            path: file.to_path_buf(),
            reason: e.to_string(),
        })?;
    let canon_dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let rel_dir = canon_dir
        .strip_prefix(&workdir)
        .map_err(|_| SinceError::NoRepository {
            path: file.to_path_buf(),
            reason: "the file is outside the work tree".into(),
        })?;
    let rel = rel_dir.join(abs.file_name().unwrap_or_default());
    let read_err = |e: &dyn std::fmt::Display| SinceError::Read {
        path: file.to_path_buf(),
        rev: rev.to_string(),
        reason: e.to_string(),
    };
    let commit = repo
        .revparse_single(rev)
        .and_then(|object| object.peel_to_commit())
        .map_err(|e| SinceError::BadRevision {
            rev: rev.to_string(),
            reason: e.message().to_string(),
        })?;
    let tree = commit.tree().map_err(|e| read_err(&e.message()))?;
    let entry = match tree.get_path(&rel) {
        Ok(entry) => entry,
        Err(e) if e.code() == git2::ErrorCode::NotFound => return Ok(None),
        Err(e) => return Err(read_err(&e.message())),
    };
    let object = entry.to_object(&repo).map_err(|e| read_err(&e.message()))?;
    let Some(blob) = object.as_blob() else {
        return Err(read_err(&"not a file at that revision"));
    };
    match String::from_utf8(blob.content().to_vec()) {
        Ok(s) => Ok(Some(s)),
        Err(_) => Err(read_err(&"not UTF-8 text at that revision")),
    }
}

type Key = (&'static str, String, String);

fn key(d: &Diagnostic, source: &str, idx: &LineIndex) -> Key {
    let line = idx.line_of(d.span.start);
    (
        d.code,
        d.message.clone(),
        idx.line_text(source, line).trim().to_string(),
    )
}

/// The diagnostics of `new` that `old` did not have, compared by code, message and line text.
/// Each old diagnostic excuses one new one, so a second copy of an old problem is reported.
pub fn only_new(
    old_source: &str,
    old: &[Diagnostic],
    new_source: &str,
    new: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let old_idx = LineIndex::new(old_source);
    let mut budget: HashMap<Key, usize> = HashMap::new();
    for d in old {
        *budget.entry(key(d, old_source, &old_idx)).or_default() += 1;
    }
    let new_idx = LineIndex::new(new_source);
    new.into_iter()
        .filter(|d| match budget.get_mut(&key(d, new_source, &new_idx)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use twir_content::Span;

    fn diag(code: &'static str, at: usize) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, Span::new(at, at + 1), "m")
    }

    #[test]
    fn matches_by_line_text_not_number() {
        let old_src = "a\nbad\n";
        let new_src = "new line\na\nbad\nbad\nother\n";
        let old = [diag("x", 2)];
        let new = vec![diag("x", 11), diag("x", 15), diag("y", 11), diag("x", 19)];
        let kept = only_new(old_src, &old, new_src, new);
        let at: Vec<_> = kept.iter().map(|d| (d.code, d.span.start)).collect();
        assert_eq!(at, [("x", 15), ("y", 11), ("x", 19)]);
    }
}
