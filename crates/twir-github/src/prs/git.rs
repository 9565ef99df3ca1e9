//! Reading merged PRs from local clones with git2 (libgit2; feature `git`).
//!
//! Only merge commits whose message has a recognised PR shape count (see
//! [`parse_merge_message`]); squash and rebase merges leave no trace that
//! distinguishes them from ordinary commits and are not seen.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use git2::{Oid, Repository, Sort};
use jiff::Timestamp;

use super::{MergedPr, NewContributor, PrGroup, PrsData, parse_merge_message};
use crate::{GitHubError, PrsConfig, RepoName, Result, Window};

/// A local clone and how its PRs are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitSource {
    /// Path of the clone (work tree or bare repository).
    pub path: PathBuf,
    /// The GitHub repository it is a clone of (for PR links).
    pub repo: RepoName,
    /// Heading of its list.
    pub heading: String,
    /// Ref to walk from; `None` means `HEAD`.
    pub rev: Option<String>,
}

/// What one walk over a clone found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitScan {
    /// PR merges in the window, oldest first, one per PR number.
    pub merged: Vec<MergedPr>,
    /// Authors of PR merges before the window (filled only when asked for).
    pub earlier_authors: HashSet<String>,
}

/// Walks `source` for PR merge commits committed within `window`.
///
/// With `with_history` the whole history is walked to also collect the
/// authors of earlier merges (for first-time-contributor detection);
/// otherwise the walk stops at the window start.
pub fn scan_clone(source: &GitSource, window: &Window, with_history: bool) -> Result<GitScan> {
    let err = |reason: String| GitHubError::Git {
        path: source.path.display().to_string(),
        reason,
    };
    let repo = Repository::open(&source.path).map_err(|e| err(e.message().to_string()))?;
    let tip = tip_id(&repo, source.rev.as_deref()).map_err(err)?;
    let start = window.start_timestamp().as_second();
    let end = window.end_exclusive_timestamp().as_second();
    let mut walk = repo.revwalk().map_err(|e| err(e.message().to_string()))?;
    // Without history, newest first by commit time: the walk stops at the first commit older
    // than the window (nothing behind it is walked).
    let sorting = if with_history { Sort::NONE } else { Sort::TIME };
    walk.set_sorting(sorting)
        .and_then(|()| walk.push(tip))
        .map_err(|e| err(e.message().to_string()))?;

    let mut by_number: BTreeMap<u64, MergedPr> = BTreeMap::new();
    let mut earlier_authors = HashSet::new();
    for id in walk {
        let id = id.map_err(|e| err(e.message().to_string()))?;
        let commit = repo
            .find_commit(id)
            .map_err(|e| err(e.message().to_string()))?;
        let seconds = commit.time().seconds();
        if !with_history && seconds < start {
            break;
        }
        if commit.parent_count() < 2 {
            continue;
        }
        let message = String::from_utf8_lossy(commit.message_raw_bytes());
        let Some(parsed) = parse_merge_message(&message) else {
            continue;
        };
        // A same-repository branch names the organisation, not a person.
        let author = parsed.author.filter(|a| a != source.repo.owner());
        if seconds < start {
            earlier_authors.extend(author);
            continue;
        }
        if seconds >= end {
            continue;
        }
        let merged_at = Timestamp::from_second(seconds).ok();
        let pr = MergedPr {
            url: format!("{}/pull/{}", source.repo.html_url(), parsed.number),
            repo: source.repo.clone(),
            number: parsed.number,
            title: parsed.title,
            author,
            merged_at,
        };
        // Keep the earliest merge if a PR number shows up twice
        // (e.g. a revert-and-reland re-using the message).
        match by_number.get(&pr.number) {
            Some(existing) if existing.merged_at <= pr.merged_at => {}
            _ => {
                by_number.insert(pr.number, pr);
            }
        }
    }
    let mut merged: Vec<MergedPr> = by_number.into_values().collect();
    merged.sort_by_key(|p| (p.merged_at, p.number));
    Ok(GitScan {
        merged,
        earlier_authors,
    })
}

fn tip_id(repo: &Repository, rev: Option<&str>) -> std::result::Result<Oid, String> {
    match rev {
        None => repo
            .head()
            .and_then(|h| h.peel_to_commit())
            .map(|c| c.id())
            .map_err(|e| format!("resolving HEAD: {}", e.message())),
        Some(name) => {
            let reference = repo
                .resolve_reference_from_short_name(name)
                .map_err(|e| format!("finding ref {name:?}: {}", e.message()))?;
            reference
                .peel_to_commit()
                .map(|c| c.id())
                .map_err(|e| format!("peeling ref {name:?}: {}", e.message()))
        }
    }
}

/// Builds [`PrsData`] from local clones: the count is every PR merge found
/// in the window (bots and rollups included, as on GitHub), the lists are
/// filtered by `config`, and first-time contributors are authors with no
/// earlier PR merge in any of the clones.
pub fn collect_prs_from_git(
    sources: &[GitSource],
    config: &PrsConfig,
    window: Window,
) -> Result<PrsData> {
    let scans = sources
        .iter()
        .map(|source| scan_clone(source, &window, config.new_contributors))
        .collect::<Result<Vec<_>>>()?;
    // Someone who merged earlier into any of the clones is not new.
    let earlier: HashSet<&str> = scans
        .iter()
        .flat_map(|s| s.earlier_authors.iter().map(String::as_str))
        .collect();
    let mut newcomers: BTreeMap<String, MergedPr> = BTreeMap::new();
    if config.new_contributors {
        for pr in scans.iter().flat_map(|s| &s.merged) {
            let Some(author) = pr.author.as_deref() else {
                continue;
            };
            if earlier.contains(author) || !config.is_listed(Some(author), "") {
                continue;
            }
            let entry = newcomers
                .entry(author.to_owned())
                .or_insert_with(|| pr.clone());
            if pr.merged_at < entry.merged_at {
                *entry = pr.clone();
            }
        }
    }
    let merged_count = scans.iter().map(|s| s.merged.len() as u64).sum();
    let groups = sources
        .iter()
        .zip(scans)
        .map(|(source, scan)| PrGroup {
            heading: source.heading.clone(),
            repo: source.repo.clone(),
            prs: scan
                .merged
                .into_iter()
                .filter(|pr| config.is_listed(pr.author.as_deref(), &pr.title))
                .collect(),
        })
        .collect();
    let count_scope = sources.iter().map(|s| format!("repo:{}", s.repo)).collect();
    let new_contributors = config.new_contributors.then(|| {
        newcomers
            .into_iter()
            .map(|(login, first_pr)| NewContributor { login, first_pr })
            .collect()
    });
    Ok(PrsData {
        window,
        merged_count,
        count_scope,
        groups,
        new_contributors,
        warnings: Vec::new(),
    })
}

/// Whether `path` looks like a git repository git2 can open (for CLI checks).
pub fn is_git_repository(path: &Path) -> bool {
    Repository::open(path).is_ok()
}
