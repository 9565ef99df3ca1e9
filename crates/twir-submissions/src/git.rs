//! Every git operation of the crate, behind one small type.
//!
//! The rest of the crate sees [`GitRepo`] and [`CommitId`] only, never a git library's types,
//! so that moving to another library (issue 17 picks one for the workspace) rewrites this
//! file alone. Today it is libgit2 (`git2`): it fetches `refs/pull/N/head` natively from local
//! and https remotes and writes commits and indexes in a few calls.

use git2::{FetchOptions, Oid, Repository, StatusOptions};
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use twir_content::write::write_atomic;

use crate::error::SubmissionsError;

/// A commit's id (its SHA-1, as GitHub gives it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommitId([u8; 20]);

impl FromStr for CommitId {
    type Err = SubmissionsError;

    fn from_str(s: &str) -> Result<CommitId, SubmissionsError> {
        let bad = || SubmissionsError::Git(format!("`{s}` is not a commit SHA"));
        if s.len() != 40 || !s.is_ascii() {
            return Err(bad());
        }
        let mut out = [0u8; 20];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(CommitId(out))
    }
}

impl fmt::Display for CommitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl CommitId {
    fn oid(self) -> Oid {
        // 20 bytes is always a valid SHA-1 oid.
        Oid::from_bytes(&self.0).unwrap_or_else(|_| Oid::zero())
    }

    fn from_oid(oid: Oid) -> CommitId {
        let mut out = [0u8; 20];
        let bytes = oid.as_bytes();
        let n = bytes.len().min(20);
        out[..n].copy_from_slice(&bytes[..n]);
        CommitId(out)
    }
}

/// A local git repository (the editor's working copy).
pub struct GitRepo {
    repo: Repository,
}

impl fmt::Debug for GitRepo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GitRepo")
            .field("path", &self.repo.path())
            .finish()
    }
}

/// What [`GitRepo::commit_file`] writes.
#[derive(Debug, Clone)]
pub struct FileCommit<'a> {
    /// Path of the file relative to the working tree root (`/` separators).
    pub rel_path: &'a str,
    /// Its new content.
    pub text: &'a str,
    /// Extra parents after `HEAD`.
    pub extra_parents: &'a [CommitId],
    /// Commit message.
    pub message: &'a str,
}

fn git_err(context: &str, e: git2::Error) -> SubmissionsError {
    SubmissionsError::Git(format!("{context}: {}", e.message()))
}

impl GitRepo {
    /// Opens the repository containing `root`.
    pub fn discover(root: &Path) -> Result<GitRepo, SubmissionsError> {
        Repository::discover(root)
            .map(|repo| GitRepo { repo })
            .map_err(|e| git_err(&root.display().to_string(), e))
    }

    /// The working tree root.
    pub fn workdir(&self) -> Result<PathBuf, SubmissionsError> {
        self.repo
            .workdir()
            .map(Path::to_path_buf)
            .ok_or_else(|| SubmissionsError::Git("a bare repository has no draft to edit".into()))
    }

    /// The commit `HEAD` points to.
    pub fn head(&self) -> Result<CommitId, SubmissionsError> {
        let c = self
            .repo
            .head()
            .and_then(|h| h.peel_to_commit())
            .map_err(|e| git_err("HEAD", e))?;
        Ok(CommitId::from_oid(c.id()))
    }

    /// Fails with [`SubmissionsError::Dirty`] when tracked files have uncommitted changes (in
    /// the index or the working tree). Untracked files do not count.
    pub fn ensure_clean(&self) -> Result<(), SubmissionsError> {
        let mut opts = StatusOptions::new();
        opts.include_untracked(false)
            .include_ignored(false)
            .exclude_submodules(true);
        let statuses = self
            .repo
            .statuses(Some(&mut opts))
            .map_err(|e| git_err("status", e))?;
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

    /// True when the object database has `id` as a commit.
    pub fn has_commit(&self, id: CommitId) -> bool {
        self.repo.find_commit(id.oid()).is_ok()
    }

    /// Makes sure the commits `heads` (pull request number, head) are in the object database,
    /// fetching `refs/pull/N/head` from `remote` for those that are missing. No ref (not even
    /// `FETCH_HEAD`) is written. Returns the pull requests whose head is still missing after
    /// the fetch (the pull request moved on since it was listed).
    pub fn fetch_pull_heads(
        &self,
        remote: &str,
        heads: &[(u64, CommitId)],
    ) -> Result<Vec<u64>, SubmissionsError> {
        let missing: Vec<&(u64, CommitId)> =
            heads.iter().filter(|(_, c)| !self.has_commit(*c)).collect();
        if !missing.is_empty() {
            let mut r = self
                .repo
                .find_remote(remote)
                .map_err(|e| git_err(&format!("remote `{remote}`"), e))?;
            let specs: Vec<String> = missing
                .iter()
                .map(|(n, _)| format!("refs/pull/{n}/head"))
                .collect();
            let mut opts = FetchOptions::new();
            opts.update_fetchhead(false)
                .download_tags(git2::AutotagOption::None);
            r.fetch(&specs, Some(&mut opts), None)
                .map_err(|e| git_err(&format!("fetching pull request heads from `{remote}`"), e))?;
        }
        Ok(heads
            .iter()
            .filter(|(_, c)| !self.has_commit(*c))
            .map(|(n, _)| *n)
            .collect())
    }

    /// The best common ancestor of `a` and `b`.
    pub fn merge_base(&self, a: CommitId, b: CommitId) -> Option<CommitId> {
        self.repo
            .merge_base(a.oid(), b.oid())
            .ok()
            .map(CommitId::from_oid)
    }

    /// The commits reachable from `tip` but not from `hide` (`git rev-list hide..tip`).
    pub fn commits_between(
        &self,
        hide: CommitId,
        tip: CommitId,
    ) -> Result<HashSet<CommitId>, SubmissionsError> {
        let mut walk = self.repo.revwalk().map_err(|e| git_err("revwalk", e))?;
        walk.push(tip.oid()).map_err(|e| git_err("revwalk", e))?;
        walk.hide(hide.oid()).map_err(|e| git_err("revwalk", e))?;
        let mut out = HashSet::new();
        for oid in walk {
            out.insert(CommitId::from_oid(oid.map_err(|e| git_err("revwalk", e))?));
        }
        Ok(out)
    }

    /// The text of every `*.md` file directly under `dir` in `commit`'s tree, by file name
    /// (sorted). Files that are not UTF-8 are read lossily.
    pub fn markdown_files(
        &self,
        commit: CommitId,
        dir: &str,
    ) -> Result<Vec<(String, String)>, SubmissionsError> {
        let tree = self
            .repo
            .find_commit(commit.oid())
            .and_then(|c| c.tree())
            .map_err(|e| git_err(&format!("commit {commit}"), e))?;
        let Ok(entry) = tree.get_path(Path::new(dir)) else {
            return Ok(Vec::new());
        };
        let Ok(sub) = self.repo.find_tree(entry.id()) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for e in sub.iter() {
            let name = e.name().unwrap_or("");
            if (name.ends_with(".md") || name.ends_with(".markdown"))
                && let Ok(blob) = self.repo.find_blob(e.id())
            {
                out.push((
                    format!("{}/{name}", dir.trim_end_matches('/')),
                    String::from_utf8_lossy(blob.content()).into_owned(),
                ));
            }
        }
        out.sort();
        Ok(out)
    }

    /// True when `rel_path` is in `HEAD`'s tree.
    pub fn committed(&self, rel_path: &str) -> Result<bool, SubmissionsError> {
        let tree = self
            .repo
            .head()
            .and_then(|h| h.peel_to_tree())
            .map_err(|e| git_err("HEAD", e))?;
        Ok(tree.get_path(Path::new(rel_path)).is_ok())
    }

    /// Writes the file, stages it, commits with parents `HEAD` + `extra_parents`, and moves
    /// the current branch (or a detached `HEAD`) to the commit only if it has not moved
    /// meanwhile. On any failure the working file and the index are put back as they were
    /// and the branch is not touched.
    pub fn commit_file(&self, c: &FileCommit) -> Result<CommitId, SubmissionsError> {
        let repo = &self.repo;
        let workdir = self.workdir()?;
        let head = repo.head()?;
        let head_commit = head.peel_to_commit()?;
        let branch = if head.is_branch() {
            head.name().map(str::to_string)
        } else {
            None
        };
        if !self.committed(c.rel_path)? {
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
        for id in c.extra_parents {
            parents.push(repo.find_commit(id.oid())?);
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
        attempt()
            .inspect_err(|_| {
                restore(&file, saved_file.as_deref());
                restore(&index_path, saved_index.as_deref());
            })
            .map(CommitId::from_oid)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_ids_round_trip_and_reject_garbage() {
        let s = "0123456789abcdef0123456789abcdef01234567";
        let id: CommitId = s.parse().unwrap();
        assert_eq!(id.to_string(), s);
        assert_eq!(CommitId::from_oid(id.oid()), id);
        assert!("0123".parse::<CommitId>().is_err());
        assert!(
            "zz23456789abcdef0123456789abcdef01234567"
                .parse::<CommitId>()
                .is_err()
        );
        // Multi-byte text of the right byte length is not sliced inside a char.
        assert!("é".repeat(20).parse::<CommitId>().is_err());
    }
}
