//! `twir submissions merge`: the planned submissions ([`crate::plan`]) into the local draft, in
//! one commit whose parents are `HEAD` and each merged pull request's head.

pub mod insert;

pub use insert::{Insertion, attribution, insert_links};

use crate::context::Context;
use crate::error::SubmissionsError;
use crate::git::{CommitId, FileCommit, GitRepo};
use crate::model::Review;
use crate::plan::{Pick, Plan};

/// How to merge (what to merge is the review's plan: see [`crate::review::replan`]).
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// The remote to fetch `refs/pull/N/head` from.
    pub remote: String,
}

/// The commit message: a summary line naming the pull requests, then one line per link.
pub fn commit_message(picks: &[Pick]) -> String {
    let numbers: Vec<String> = picks.iter().map(|p| format!("#{}", p.number)).collect();
    let mut msg = format!("Merge link submissions {}\n\n", numbers.join(", "));
    for p in picks {
        for l in &p.lines {
            msg.push_str(&format!(
                "* #{} [{}]({}) by @{} in {}",
                p.number, l.title, l.url, p.author, l.section
            ));
            if let Some(from) = &l.moved_from {
                msg.push_str(&format!(" (moved from {from})"));
            }
            msg.push('\n');
        }
        if !p.closes_on_push {
            msg.push_str(&format!(
                "  (#{} not closed by this commit: its branch carries other pull requests)\n",
                p.number
            ));
        }
    }
    msg
}

/// What a merge did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The new commit.
    pub commit: String,
    /// What was merged and what was left.
    pub plan: Plan,
}

/// Refuses to start on a dirty working tree (checked before the review, and again here).
pub fn preflight(ctx: &Context) -> Result<(), SubmissionsError> {
    GitRepo::discover(&ctx.site.root)?.ensure_clean()
}

/// Merges `review.plan` (computed with the same options by the review): fetches the heads,
/// checks that each head really adds the lines the review saw, inserts the lines into the
/// draft and commits. On failure nothing changes (fetched objects aside, which no ref points
/// to).
pub fn merge(
    ctx: &Context,
    review: &Review,
    opts: &MergeOptions,
) -> Result<Outcome, SubmissionsError> {
    let git = GitRepo::discover(&ctx.site.root)?;
    git.ensure_clean()?;
    let plan = review.plan.clone();
    if plan.picks.is_empty() {
        return Err(SubmissionsError::NothingToMerge(
            "no accepted submission to merge".into(),
        ));
    }
    let mut heads = Vec::new();
    for p in &plan.picks {
        let id: CommitId = p.head.parse().map_err(|_| {
            SubmissionsError::Git(format!("#{}: bad head SHA {}", p.number, p.head))
        })?;
        heads.push((p.number, id));
    }
    let missing = git.fetch_pull_heads(&opts.remote, &heads)?;
    if let Some(n) = missing.first() {
        let head = heads.iter().find(|(m, _)| m == n).map(|(_, c)| *c);
        return Err(SubmissionsError::Git(format!(
            "the head of #{n} ({}) is not on `{}` (the pull request changed since it was listed? run the review again)",
            head.map(|c| c.to_string()).unwrap_or_default(),
            opts.remote
        )));
    }
    let rel = workdir_relative(&git, ctx)?;
    let repo_draft_dir = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    for (p, (_, id)) in plan.picks.iter().zip(&heads) {
        let files = git.markdown_files(*id, repo_draft_dir)?;
        for l in &p.lines {
            let want = crate::change::line_key(&l.submitted);
            if !files
                .iter()
                .any(|(_, t)| t.lines().any(|x| crate::change::line_key(x) == want))
            {
                return Err(SubmissionsError::Git(format!(
                    "the head of #{} does not contain the line the review saw; run the review again",
                    p.number
                )));
            }
        }
    }
    let items: Vec<Insertion> = plan
        .picks
        .iter()
        .flat_map(|p| {
            p.lines.iter().map(|l| Insertion {
                number: p.number,
                line: l.line.clone(),
                section: l.section.clone(),
            })
        })
        .collect();
    let text = insert_links(&ctx.draft.source, ctx.community(), &items)
        .map_err(|e| SubmissionsError::NothingToMerge(e.to_string()))?;
    let parents: Vec<CommitId> = plan
        .picks
        .iter()
        .zip(&heads)
        .filter(|(p, _)| p.closes_on_push)
        .map(|(_, (_, id))| *id)
        .collect();
    let message = commit_message(&plan.picks);
    let commit = git.commit_file(&FileCommit {
        rel_path: &rel,
        text: &text,
        extra_parents: &parents,
        message: &message,
    })?;
    Ok(Outcome {
        commit: commit.to_string(),
        plan,
    })
}

/// The draft's path relative to the working tree root (the site may sit in a subfolder).
fn workdir_relative(git: &GitRepo, ctx: &Context) -> Result<String, SubmissionsError> {
    let workdir = git
        .workdir()?
        .canonicalize()
        .map_err(|source| SubmissionsError::Io {
            path: ctx.site.root.clone(),
            source,
        })?;
    let draft = ctx
        .draft_path
        .canonicalize()
        .map_err(|source| SubmissionsError::Io {
            path: ctx.draft_path.clone(),
            source,
        })?;
    let rel = draft.strip_prefix(&workdir).map_err(|_| {
        SubmissionsError::Git(format!(
            "{} is outside the repository",
            ctx.draft_path.display()
        ))
    })?;
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/"))
}
