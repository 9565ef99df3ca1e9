//! Gathering from GitHub what a review needs: open pull requests with their files and CI,
//! authors' permissions, and the pull requests merged since the last issue. Requests run a few
//! at a time; retries, rate limits and pagination come from twir-net.

use futures_util::stream::{self, StreamExt};
use std::collections::{HashMap, HashSet};
use twir_github::models::{CheckRun, CombinedStatus, PullFile};
use twir_github::twir_net::NetError;
use twir_github::{GitHub, GitHubError, PullState, RepoName, SearchSort};

use crate::error::SubmissionsError;
use crate::input::{Access, MergedPull, PullData};
use crate::model::Ci;

/// How many requests run at once (GitHub asks clients not to hammer it).
pub const CONCURRENCY: usize = 8;

/// True for a file inside the draft folder (`prefix` ends with `/`).
pub fn is_draft_file(name: &str, prefix: &str) -> bool {
    name.starts_with(prefix)
}

/// Open pull requests that change a file under `draft_prefix`, in number order.
pub async fn open_pulls(
    gh: &GitHub,
    repo: &RepoName,
    draft_prefix: &str,
) -> Result<Vec<PullData>, SubmissionsError> {
    let pulls = gh.list_pulls(repo, PullState::Open).await?;
    let results: Vec<Result<Option<PullData>, GitHubError>> = stream::iter(pulls)
        .map(|pr| async move {
            let files = gh.pull_files(repo, pr.number).await?;
            if !files
                .iter()
                .any(|f| is_draft_file(&f.filename, draft_prefix))
            {
                return Ok(None);
            }
            let ci = ci_state(gh, repo, &pr.head.sha).await;
            Ok(Some(PullData { pr, files, ci }))
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let mut out = Vec::new();
    for r in results {
        if let Some(p) = r? {
            out.push(p);
        }
    }
    out.sort_by_key(|p| p.pr.number);
    Ok(out)
}

/// The CI state of a commit from its legacy statuses and its check runs.
pub async fn ci_state(gh: &GitHub, repo: &RepoName, sha: &str) -> Ci {
    let (status, runs) =
        futures_util::future::join(gh.combined_status(repo, sha), gh.check_runs(repo, sha)).await;
    match (status, runs) {
        (Ok(s), Ok(r)) => summarize_ci(&s, &r),
        (Err(e), _) | (_, Err(e)) => Ci::Unknown { reason: short(&e) },
    }
}

/// Folds statuses and check runs into one state: any failure fails, else anything running is
/// pending, else success (or none when there is nothing).
pub fn summarize_ci(status: &CombinedStatus, runs: &[CheckRun]) -> Ci {
    let mut failing = Vec::new();
    let mut pending = Vec::new();
    for s in &status.statuses {
        match s.state.as_str() {
            "failure" | "error" => failing.push(s.context.clone()),
            "pending" => pending.push(s.context.clone()),
            _ => {}
        }
    }
    for r in runs {
        if r.status != "completed" {
            pending.push(r.name.clone());
            continue;
        }
        if matches!(
            r.conclusion.as_deref(),
            Some("failure" | "timed_out" | "cancelled" | "action_required" | "startup_failure")
        ) {
            failing.push(r.name.clone());
        }
    }
    if !failing.is_empty() {
        Ci::Failure { checks: failing }
    } else if !pending.is_empty() {
        Ci::Pending { checks: pending }
    } else if status.statuses.is_empty() && runs.is_empty() {
        Ci::None
    } else {
        Ci::Success
    }
}

/// The permission of each login (404 means "not a collaborator").
pub async fn permissions(
    gh: &GitHub,
    repo: &RepoName,
    logins: &[String],
) -> HashMap<String, Access> {
    stream::iter(logins.iter().cloned())
        .map(|login| async move {
            let access = match gh.collaborator_permission(repo, &login).await {
                Ok(p) if p.can_push() => Access::Write,
                Ok(_) => Access::NoWrite,
                Err(GitHubError::Net(NetError::NotFound { .. })) => Access::NoWrite,
                Err(e) => Access::Unknown(short(&e)),
            };
            (login, access)
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await
}

/// Pull requests by `authors` merged on or after `since` that added a link to a draft file.
pub async fn merged_since(
    gh: &GitHub,
    repo: &RepoName,
    since: jiff::civil::Date,
    authors: &HashSet<String>,
    draft_prefix: &str,
) -> Result<Vec<MergedPull>, SubmissionsError> {
    if authors.is_empty() {
        return Ok(Vec::new());
    }
    let query = format!("repo:{repo} is:pr is:merged merged:>={since}");
    let found = gh
        .search_issues(&query, SearchSort::CreatedAsc)
        .await?
        .items;
    let candidates: Vec<(u64, String)> = found
        .iter()
        .filter_map(|i| {
            i.author()
                .filter(|a| authors.contains(*a))
                .map(|a| (i.number, a.to_string()))
        })
        .collect();
    let checked: Vec<Result<Option<MergedPull>, GitHubError>> = stream::iter(candidates)
        .map(|(number, author)| async move {
            let files = gh.pull_files(repo, number).await?;
            Ok(adds_link(&files, draft_prefix).then_some(MergedPull { number, author }))
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let mut out = Vec::new();
    for r in checked {
        if let Some(m) = r? {
            out.push(m);
        }
    }
    out.sort_by_key(|m| m.number);
    Ok(out)
}

/// True when a pull request's files add a Markdown link to a draft file.
fn adds_link(files: &[PullFile], draft_prefix: &str) -> bool {
    files
        .iter()
        .filter(|f| is_draft_file(&f.filename, draft_prefix))
        .filter_map(|f| f.patch.as_deref())
        .any(|p| {
            p.lines()
                .any(|l| l.starts_with('+') && l.contains("](http"))
        })
}

/// One line describing an error, for table cells.
fn short(e: &GitHubError) -> String {
    let s = e.to_string();
    let first = s.lines().next().unwrap_or("").to_string();
    if first.chars().count() > 100 {
        first.chars().take(97).collect::<String>() + "..."
    } else {
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use twir_github::models::Status;

    fn status(states: &[(&str, &str)]) -> CombinedStatus {
        CombinedStatus {
            state: "pending".into(),
            statuses: states
                .iter()
                .map(|(c, s)| Status {
                    context: c.to_string(),
                    state: s.to_string(),
                    target_url: None,
                    description: None,
                })
                .collect(),
        }
    }

    fn run(name: &str, status: &str, conclusion: Option<&str>) -> CheckRun {
        CheckRun {
            name: name.into(),
            status: status.into(),
            conclusion: conclusion.map(String::from),
            html_url: None,
        }
    }

    #[test]
    fn ci_folding() {
        assert_eq!(summarize_ci(&status(&[]), &[]), Ci::None);
        assert_eq!(
            summarize_ci(
                &status(&[("a", "success")]),
                &[run("b", "completed", Some("skipped"))]
            ),
            Ci::Success
        );
        assert_eq!(
            summarize_ci(
                &status(&[("a", "pending")]),
                &[run("b", "in_progress", None)]
            ),
            Ci::Pending {
                checks: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            summarize_ci(
                &status(&[("a", "pending")]),
                &[run("lint", "completed", Some("failure"))]
            ),
            Ci::Failure {
                checks: vec!["lint".into()]
            }
        );
    }
}
