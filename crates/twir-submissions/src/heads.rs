//! Reading each pull request's own change: with git when its head can be had (fetched from the
//! remote as `refs/pull/N/head`), from GitHub's patch otherwise.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::change::{self, OwnChange, Source};
use crate::context::Context;
use crate::git::{CommitId, GitRepo};
use crate::input::PullData;
use crate::patch::{Hunk, parse_patch};

/// A pull request's change, and whether its head is already in the local `HEAD`.
#[derive(Debug, Clone)]
pub struct Read {
    /// Its own change.
    pub change: OwnChange,
    /// True when its head is an ancestor of the local `HEAD` (merged locally).
    pub in_head: bool,
    /// Draft files whose patch GitHub did not send or that could not be read (patch only).
    pub bad_diffs: Vec<(String, String)>,
}

/// Reads the change of every pull request in `pulls`, fetching missing heads from `remote`.
/// Never fails: what git cannot answer is read from the patches, and says why.
pub fn read_changes(ctx: &Context, pulls: &[PullData], remote: &str) -> Vec<Read> {
    match read_with_git(ctx, pulls, remote) {
        Ok(reads) => reads,
        Err(reason) => pulls
            .iter()
            .map(|p| from_patch(ctx, p, reason.clone()))
            .collect(),
    }
}

/// The draft folder relative to the working tree root (the site may sit in a subfolder).
fn draft_dir_in_repo(git: &GitRepo, ctx: &Context) -> Result<String, String> {
    let workdir = git
        .workdir()
        .and_then(|w| {
            w.canonicalize()
                .map_err(|e| crate::SubmissionsError::Io { path: w, source: e })
        })
        .map_err(|e| e.to_string())?;
    let dir = ctx
        .site
        .draft_dir()
        .canonicalize()
        .map_err(|e| format!("{}: {e}", ctx.site.draft_dir().display()))?;
    let rel = dir
        .strip_prefix(&workdir)
        .map_err(|_| format!("{} is outside the repository", dir.display()))?;
    Ok(path_to_slash(rel))
}

fn path_to_slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_with_git(ctx: &Context, pulls: &[PullData], remote: &str) -> Result<Vec<Read>, String> {
    let git = GitRepo::discover(&ctx.site.root).map_err(|e| e.to_string())?;
    let dir = draft_dir_in_repo(&git, ctx)?;
    let head = git.head().map_err(|e| e.to_string())?;
    let mut heads: Vec<(u64, CommitId)> = Vec::new();
    let mut bad_sha = HashMap::new();
    for p in pulls {
        match p.pr.head.sha.parse::<CommitId>() {
            Ok(c) => heads.push((p.pr.number, c)),
            Err(e) => {
                bad_sha.insert(p.pr.number, e.to_string());
            }
        }
    }
    let missing: HashSet<u64> = git
        .fetch_pull_heads(remote, &heads)
        .map_err(|e| e.to_string())?
        .into_iter()
        .collect();
    let head_of: HashMap<u64, CommitId> = heads.iter().copied().collect();
    // Commits of each branch that the local HEAD does not have.
    let mut own_commits: HashMap<u64, HashSet<CommitId>> = HashMap::new();
    let mut reads: Vec<Read> = Vec::with_capacity(pulls.len());
    for p in pulls {
        let n = p.pr.number;
        let fallback = |why: String| from_patch(ctx, p, why);
        if let Some(e) = bad_sha.get(&n) {
            reads.push(fallback(e.clone()));
            continue;
        }
        if missing.contains(&n) {
            reads.push(fallback(format!(
                "its head {} is not on `{remote}` (the pull request changed since it was listed?)",
                p.pr.head.sha
            )));
            continue;
        }
        let tip = head_of[&n];
        let result = (|| -> Result<Read, crate::SubmissionsError> {
            let commits = git.commits_between(head, tip)?;
            let in_head = commits.is_empty();
            let base = git.merge_base(head, tip).ok_or_else(|| {
                crate::SubmissionsError::Git("no history in common with HEAD".into())
            })?;
            let base_files = git.markdown_files(base, &dir)?;
            let head_files = git.markdown_files(tip, &dir)?;
            let (added, removed, already) =
                change::three_way(&base_files, &head_files, &ctx.draft.source);
            own_commits.insert(n, commits);
            Ok(Read {
                change: OwnChange {
                    source: Source::Git { base, head: tip },
                    added,
                    removed,
                    already_in_draft: already,
                    carries: Vec::new(),
                    unplaced: Vec::new(),
                },
                in_head,
                bad_diffs: Vec::new(),
            })
        })();
        reads.push(result.unwrap_or_else(|e| fallback(e.to_string())));
    }
    // A branch that contains another open pull request's head carries its lines: they are the
    // other pull request's change, not this one's.
    let own: Vec<Vec<change::OwnLine>> = reads.iter().map(|r| r.change.added.clone()).collect();
    for (i, p) in pulls.iter().enumerate() {
        let Some(commits) = own_commits.get(&p.pr.number) else {
            continue;
        };
        for (j, other) in pulls.iter().enumerate() {
            let Some(other_head) = head_of.get(&other.pr.number) else {
                continue;
            };
            if i == j || head_of.get(&p.pr.number) == Some(other_head) {
                continue;
            }
            if commits.contains(other_head) && matches!(reads[j].change.source, Source::Git { .. })
            {
                reads[i].change.carries.push(other.pr.number);
                change::subtract_carried(&mut reads[i].change, &own[j]);
            }
        }
    }
    Ok(reads)
}

/// The draft hunks of a pull request's files, and the files whose patch is unusable.
pub fn draft_hunks(ctx: &Context, data: &PullData) -> (Vec<Hunk>, Vec<(String, String)>) {
    let prefix = ctx.draft_prefix();
    let mut hunks = Vec::new();
    let mut bad = Vec::new();
    for f in data
        .files
        .iter()
        .filter(|f| is_issue_file(&f.filename, &prefix))
    {
        match f.patch.as_deref().map(parse_patch) {
            Some(Ok(h)) => hunks.extend(h),
            Some(Err(e)) => bad.push((f.filename.clone(), e.to_string())),
            None => bad.push((
                f.filename.clone(),
                "GitHub sent no diff (binary or too large)".to_string(),
            )),
        }
    }
    (hunks, bad)
}

/// True for a Markdown file in the draft folder (`prefix` ends with `/`).
pub fn is_issue_file(name: &str, prefix: &str) -> bool {
    name.starts_with(prefix) && (name.ends_with(".md") || name.ends_with(".markdown"))
}

fn from_patch(ctx: &Context, data: &PullData, reason: String) -> Read {
    let (hunks, bad_diffs) = draft_hunks(ctx, data);
    Read {
        change: change::from_patch(&ctx.draft.source, &ctx.draft_rel, &hunks, reason),
        in_head: false,
        bad_diffs,
    }
}
