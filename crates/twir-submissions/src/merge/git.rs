//! The git side of a merge, with libgit2: refusing a dirty tree, fetching pull request heads,
//! and one all-or-nothing commit (working file, index, branch) that is undone on failure.

use git2::{FetchOptions, Oid, Repository, StatusOptions};
use std::path::{Path, PathBuf};
use twir_content::write::write_atomic;

use crate::error::SubmissionsError;

/// Opens the repository containing `root`.
pub fn open(root: &Path) -> Result<Repository, SubmissionsError> {
    Repository::discover(root)
        .map_err(|e| SubmissionsError::Git(format!("{}: {}", root.display(), e.message())))
}

/// Fails with [`SubmissionsError::Dirty`] when tracked files have uncommitted changes (in the
/// index or the working tree). Untracked files do not count.
pub fn ensure_clean(repo: &Repository) -> Result<(), SubmissionsError> {
    let mut opts = StatusOptions::new();
    opts.include_untracked(false)
        .include_ignored(false)
        .exclude_submodules(true);
    let statuses = repo.statuses(Some(&mut opts))?;
    let dirty: Vec<String> = statuses
        .iter()
        .filter(|s| s.status() != git2::Status::CURRENT)
        .filter_map(|s| s.path().map(str::to_string))
        .collect();
    if dirty.is_empty() {
        return Ok(());
    }
    let mut list = dirty.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if dirty.len() > 3 {
        list.push_str(&format!(" and {} more", dirty.len() - 3));
    }
    Err(SubmissionsError::Dirty(list))
}

/// Makes sure the commits `heads` (pull request number, head SHA) are in the object database,
/// fetching `refs/pull/N/head` from `remote` for those that are missing. No ref (not even
/// `FETCH_HEAD`) is written.
pub fn fetch_heads(
    repo: &Repository,
    remote: &str,
    heads: &[(u64, Oid)],
) -> Result<(), SubmissionsError> {
    let missing: Vec<&(u64, Oid)> = heads
        .iter()
        .filter(|(_, oid)| repo.find_commit(*oid).is_err())
        .collect();
    if !missing.is_empty() {
        let mut r = repo
            .find_remote(remote)
            .map_err(|e| SubmissionsError::Git(format!("remote `{remote}`: {}", e.message())))?;
        let specs: Vec<String> = missing
            .iter()
            .map(|(n, _)| format!("refs/pull/{n}/head"))
            .collect();
        let mut opts = FetchOptions::new();
        opts.update_fetchhead(false)
            .download_tags(git2::AutotagOption::None);
        r.fetch(&specs, Some(&mut opts), None).map_err(|e| {
            SubmissionsError::Git(format!(
                "fetching pull request heads from `{remote}`: {}",
                e.message()
            ))
        })?;
    }
    for (n, oid) in heads {
        repo.find_commit(*oid).map_err(|_| {
            SubmissionsError::Git(format!(
                "the head of #{n} ({oid}) is not on `{remote}` (the pull request changed since it was listed? run the review again)"
            ))
        })?;
    }
    Ok(())
}

/// The text of every `*.md` file under `dir` in `commit`'s tree.
pub fn markdown_files_at(
    repo: &Repository,
    commit: Oid,
    dir: &str,
) -> Result<Vec<String>, SubmissionsError> {
    let tree = repo.find_commit(commit)?.tree()?;
    let Ok(entry) = tree.get_path(Path::new(dir)) else {
        return Ok(Vec::new());
    };
    let sub = repo.find_tree(entry.id())?;
    let mut out = Vec::new();
    for e in sub.iter() {
        let name = e.name().unwrap_or("");
        if name.ends_with(".md")
            && let Ok(blob) = repo.find_blob(e.id())
        {
            out.push(String::from_utf8_lossy(blob.content()).into_owned());
        }
    }
    Ok(out)
}

/// What [`commit_file`] writes.
#[derive(Debug, Clone)]
pub struct FileCommit<'a> {
    /// Path of the file relative to the working tree root (`/` separators).
    pub rel_path: &'a str,
    /// Its new content.
    pub text: &'a str,
    /// Extra parents after `HEAD`.
    pub extra_parents: &'a [Oid],
    /// Commit message.
    pub message: &'a str,
}

/// Writes the file, stages it, commits with parents `HEAD` + `extra_parents`, and moves the
/// current branch (or a detached `HEAD`) to the commit only if it has not moved meanwhile.
/// On any failure the working file and the index are put back as they were and the branch is
/// not touched.
pub fn commit_file(repo: &Repository, c: &FileCommit) -> Result<Oid, SubmissionsError> {
    let workdir = repo
        .workdir()
        .ok_or_else(|| SubmissionsError::Git("a bare repository has no draft to edit".into()))?
        .to_path_buf();
    let head = repo.head()?;
    let head_commit = head.peel_to_commit()?;
    let branch = if head.is_branch() {
        head.name().map(str::to_string)
    } else {
        None
    };
    if head_commit.tree()?.get_path(Path::new(c.rel_path)).is_err() {
        return Err(SubmissionsError::Git(format!(
            "{} is not committed yet; commit the draft first",
            c.rel_path
        )));
    }
    let sig = repo.signature().map_err(|e| {
        SubmissionsError::Git(format!(
            "no committer identity ({}); set user.name and user.email",
            e.message()
        ))
    })?;
    let mut parents = vec![head_commit.clone()];
    for oid in c.extra_parents {
        parents.push(repo.find_commit(*oid)?);
    }
    let file = workdir.join(c.rel_path);
    let index_path = repo.path().join("index");
    let saved_file = read_opt(&file)?;
    let saved_index = read_opt(&index_path)?;

    let attempt = || -> Result<Oid, SubmissionsError> {
        write_atomic(&file, c.text.as_bytes()).map_err(|source| SubmissionsError::Io {
            path: file.clone(),
            source,
        })?;
        let mut index = repo.index()?;
        index.add_path(Path::new(c.rel_path))?;
        let tree = repo.find_tree(index.write_tree()?)?;
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let oid = repo.commit(None, &sig, &sig, c.message, &tree, &refs)?;
        index.write()?;
        let log = "twir submissions merge";
        match &branch {
            Some(name) => {
                repo.reference_matching(name, oid, true, head_commit.id(), log)?;
            }
            None => repo.set_head_detached(oid)?,
        }
        Ok(oid)
    };
    attempt().inspect_err(|_| {
        restore(&file, saved_file.as_deref());
        restore(&index_path, saved_index.as_deref());
    })
}

fn read_opt(path: &PathBuf) -> Result<Option<Vec<u8>>, SubmissionsError> {
    match std::fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(SubmissionsError::Io {
            path: path.clone(),
            source,
        }),
    }
}

/// Best effort: the original error is what the user needs to see.
fn restore(path: &Path, bytes: Option<&[u8]>) {
    let _ = match bytes {
        Some(b) => write_atomic(path, b),
        None => std::fs::remove_file(path),
    };
}
