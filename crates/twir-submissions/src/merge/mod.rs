//! `twir submissions merge`: the accepted single-link pull requests, into the local draft, in
//! one commit whose parents are `HEAD` and each pull request's head.

pub mod git;
pub mod insert;

use git2::Oid;
use std::collections::BTreeSet;

pub use insert::{Insertion, attribution, insert_links};

use crate::context::Context;
use crate::error::SubmissionsError;
use crate::model::{PullReview, Review, Verdict};

/// Which pull requests to merge, and how.
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// Only these pull requests (all accepted ones when empty).
    pub only: Vec<u64>,
    /// Never these.
    pub exclude: Vec<u64>,
    /// Move links to the section the review suggests when that is all that keeps them from
    /// being accepted (a link into the editors' section, or outside any subsection).
    pub fix_sections: bool,
    /// The remote to fetch `refs/pull/N/head` from.
    pub remote: String,
}

/// A pull request chosen for the merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    /// Number.
    pub number: u64,
    /// Head commit.
    pub head: String,
    /// Author login.
    pub author: String,
    /// The line to insert.
    pub line: String,
    /// Link title and URL, for the commit message.
    pub title: String,
    /// Link URL.
    pub url: String,
    /// The section it goes to.
    pub section: String,
    /// The section the submitter chose, when `--fix-sections` moved it.
    pub moved_from: Option<String>,
}

/// The pull requests a merge takes and those it leaves, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// To merge, in pull request order.
    pub picks: Vec<Pick>,
    /// Left out (only those named by `--only`, or submissions that are not accepted).
    pub skipped: Vec<(u64, String)>,
}

/// Chooses what to merge from a review.
pub fn plan(review: &Review, opts: &MergeOptions) -> Plan {
    let only: BTreeSet<u64> = opts.only.iter().copied().collect();
    let exclude: BTreeSet<u64> = opts.exclude.iter().copied().collect();
    let mut out = Plan::default();
    for n in only
        .iter()
        .filter(|n| !review.pulls.iter().any(|p| p.number == **n))
    {
        out.skipped
            .push((*n, "not an open pull request changing the draft".into()));
    }
    for p in review.pulls.iter().filter(|p| p.is_submission) {
        if exclude.contains(&p.number) || (!only.is_empty() && !only.contains(&p.number)) {
            continue;
        }
        match pick(p, opts.fix_sections) {
            Ok(pk) => out.picks.push(pk),
            Err(why) => out.skipped.push((p.number, why)),
        }
    }
    out.skipped.sort();
    out
}

fn pick(p: &PullReview, fix_sections: bool) -> Result<Pick, String> {
    let [link] = p.links.as_slice() else {
        return Err(format!("adds {} links", p.links.len()));
    };
    let chosen = p.section.clone().unwrap_or_default();
    let (section, moved_from) = match (p.verdict, p.section_fix()) {
        (Verdict::Accept, _) if p.single_link => (chosen, None),
        (_, Some(to)) if fix_sections => (to.to_string(), Some(chosen)),
        (_, Some(to)) => {
            return Err(format!(
                "{} (use --fix-sections to move it to {to})",
                p.verdict.label()
            ));
        }
        (v, None) => {
            let why = p
                .findings
                .iter()
                .find(|f| f.level > crate::model::Level::Note)
                .map(|f| f.message.clone())
                .unwrap_or_else(|| "not a single link".into());
            return Err(format!("{}: {why}", v.label()));
        }
    };
    Ok(Pick {
        number: p.number,
        head: p.head_sha.clone(),
        author: p.author.clone(),
        line: link.line.clone(),
        title: link.title.clone(),
        url: link.url.clone(),
        section,
        moved_from,
    })
}

/// The commit message: a summary line naming the pull requests, then one line each.
pub fn commit_message(picks: &[Pick]) -> String {
    let numbers: Vec<String> = picks.iter().map(|p| format!("#{}", p.number)).collect();
    let mut msg = format!("Merge link submissions {}\n\n", numbers.join(", "));
    for p in picks {
        msg.push_str(&format!(
            "* #{} [{}]({}) by @{} in {}",
            p.number, p.title, p.url, p.author, p.section
        ));
        if let Some(from) = &p.moved_from {
            msg.push_str(&format!(" (moved from {from})"));
        }
        msg.push('\n');
    }
    msg
}

/// What a merge did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The new commit.
    pub commit: String,
    /// What was merged.
    pub plan: Plan,
}

/// Refuses to start on a dirty working tree (checked before the review, and again here).
pub fn preflight(ctx: &Context) -> Result<(), SubmissionsError> {
    let repo = git::open(&ctx.site.root)?;
    git::ensure_clean(&repo)
}

/// Merges the planned pull requests: fetches their heads, checks that each head really adds the
/// line the review saw, inserts the lines into the draft and commits. On failure nothing
/// changes (fetched objects aside, which no ref points to).
pub fn merge(
    ctx: &Context,
    review: &Review,
    opts: &MergeOptions,
) -> Result<Outcome, SubmissionsError> {
    let repo = git::open(&ctx.site.root)?;
    git::ensure_clean(&repo)?;
    let plan = plan(review, opts);
    if plan.picks.is_empty() {
        return Err(SubmissionsError::NothingToMerge(
            "no accepted single-link pull request to merge".into(),
        ));
    }
    let mut heads = Vec::new();
    for p in &plan.picks {
        let oid = Oid::from_str(&p.head).map_err(|_| {
            SubmissionsError::Git(format!("#{}: bad head SHA {}", p.number, p.head))
        })?;
        heads.push((p.number, oid));
    }
    git::fetch_heads(&repo, &opts.remote, &heads)?;
    for (p, (_, oid)) in plan.picks.iter().zip(&heads) {
        let files = git::markdown_files_at(
            &repo,
            *oid,
            ctx.site.config.paths.draft.trim_end_matches('/'),
        )?;
        if !files
            .iter()
            .any(|t| t.lines().any(|l| l.trim_end() == p.line.trim_end()))
        {
            return Err(SubmissionsError::Git(format!(
                "the head of #{} does not contain the line the review saw; run the review again",
                p.number
            )));
        }
    }
    let items: Vec<Insertion> = plan
        .picks
        .iter()
        .map(|p| Insertion {
            number: p.number,
            line: p.line.clone(),
            section: p.section.clone(),
        })
        .collect();
    let text = insert_links(&ctx.draft.source, ctx.community(), &items)
        .map_err(|e| SubmissionsError::NothingToMerge(e.to_string()))?;
    let rel = workdir_relative(&repo, ctx)?;
    let extra: Vec<Oid> = heads.iter().map(|(_, o)| *o).collect();
    let message = commit_message(&plan.picks);
    let commit = git::commit_file(
        &repo,
        &git::FileCommit {
            rel_path: &rel,
            text: &text,
            extra_parents: &extra,
            message: &message,
        },
    )?;
    Ok(Outcome {
        commit: commit.to_string(),
        plan,
    })
}

/// The draft's path relative to the working tree root (the site may sit in a subfolder).
fn workdir_relative(repo: &git2::Repository, ctx: &Context) -> Result<String, SubmissionsError> {
    let workdir = repo
        .workdir()
        .ok_or_else(|| SubmissionsError::Git("bare repository".into()))?
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
