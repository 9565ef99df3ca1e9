//! Gathering [`PrsData`] from the GitHub API.

use std::collections::BTreeMap;

use super::{MergedPr, NewContributor, PrGroup, PrsData};
use crate::models::Issue;
use crate::{GitHub, PrsConfig, RepoName, Result, SearchSort, Window};

/// Author associations that rule out a first-time contributor, saving one
/// search per such author.
const ESTABLISHED: [&str; 3] = ["OWNER", "MEMBER", "COLLABORATOR"];

/// Counts PRs merged in `window` within `config.count_scope`, lists the
/// merged PRs of each configured repository, and (if asked) finds authors
/// with no merged PR in scope before the window.
///
/// With `new_contributors`, every merged PR in scope is fetched (GitHub
/// search returns at most 1000) and each author not known to be a member is
/// checked with one search, so large weeks take a while under search rate
/// limits; the client waits those out.
pub async fn collect_prs(gh: &GitHub, config: &PrsConfig, window: Window) -> Result<PrsData> {
    let scope = config.count_scope.join(" ");
    let range = window.search_range();
    let mut warnings = Vec::new();

    let merged_query = format!("is:pr {scope} is:merged merged:{range}");
    let merged_count = gh.search_count(&merged_query).await?;

    let mut groups = Vec::new();
    for group in &config.groups {
        let prs = gh
            .merged_pulls(&group.repo, &window)
            .await?
            .iter()
            .filter_map(|i| merged_pr(&group.repo, i))
            .filter(|pr| config.is_listed(pr.author.as_deref(), &pr.title))
            .collect();
        groups.push(PrGroup {
            heading: group.heading.clone(),
            repo: group.repo.clone(),
            prs,
        });
    }

    let new_contributors = if config.new_contributors {
        let all = gh
            .search_issues(&merged_query, SearchSort::CreatedAsc)
            .await?;
        if all.incomplete || (all.items.len() as u64) < all.total_count {
            warnings.push(format!(
                "only {} of {} merged PRs could be searched for first-time contributors",
                all.items.len(),
                all.total_count
            ));
        }
        Some(first_timers(gh, config, &scope, &window, &all.items).await?)
    } else {
        None
    };

    Ok(PrsData {
        window,
        merged_count,
        count_scope: config.count_scope.clone(),
        groups,
        new_contributors,
        warnings,
    })
}

async fn first_timers(
    gh: &GitHub,
    config: &PrsConfig,
    scope: &str,
    window: &Window,
    merged: &[Issue],
) -> Result<Vec<NewContributor>> {
    // Earliest PR per candidate author; BTreeMap keeps the output sorted.
    let mut candidates: BTreeMap<String, MergedPr> = BTreeMap::new();
    for issue in merged {
        let established = issue
            .author_association
            .as_deref()
            .is_some_and(|a| ESTABLISHED.contains(&a));
        let is_bot = issue.user.as_ref().is_some_and(|u| u.is_bot());
        let Some(repo) = issue
            .repository_url
            .as_deref()
            .and_then(RepoName::from_api_url)
        else {
            continue;
        };
        let Some(pr) = merged_pr(&repo, issue) else {
            continue;
        };
        let Some(login) = pr.author.clone() else {
            continue;
        };
        if established || is_bot || !config.is_listed(Some(&login), "") {
            continue;
        }
        let entry = candidates.entry(login).or_insert_with(|| pr.clone());
        if pr.merged_at < entry.merged_at {
            *entry = pr;
        }
    }
    let mut out = Vec::new();
    for (login, first_pr) in candidates {
        let query = format!(
            "is:pr {scope} is:merged author:{login} merged:<{}",
            window.start
        );
        if gh.search_count(&query).await? == 0 {
            out.push(NewContributor { login, first_pr });
        }
    }
    Ok(out)
}

fn merged_pr(repo: &RepoName, issue: &Issue) -> Option<MergedPr> {
    let merged_at = issue.pull_request.as_ref()?.merged_at;
    Some(MergedPr {
        repo: repo.clone(),
        number: issue.number,
        title: issue.title.trim().to_owned(),
        url: issue.html_url.clone(),
        author: issue.author().map(str::to_owned),
        merged_at,
    })
}
