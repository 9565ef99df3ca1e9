//! Gathering [`RfcsData`] from the GitHub API.

use jiff::{SignedDuration, Timestamp};

use super::{
    CallForTesting, Disposition, FcpItem, Group, ListItem, RfcsConfig, RfcsData, TrackedRepo,
};
use crate::models::{Issue, IssueEvent};
use crate::{GitHub, RepoName, Result, SearchSort, Window};

/// How far before the label event a testing-instructions comment may be.
const TESTING_STEPS_LOOKBACK: SignedDuration = SignedDuration::from_hours(14 * 24);

/// Collects calls for testing, approved RFCs, FCP entries and new RFCs for
/// `window`.
///
/// "Entered this week" means the label's most recent `labeled` event falls
/// in the window (UTC days, inclusive). Candidates are found with one search
/// per repository (`label:X updated:>=START`, since adding a label updates
/// the item) and confirmed with the item's event list.
pub async fn collect_rfcs(gh: &GitHub, config: &RfcsConfig, window: Window) -> Result<RfcsData> {
    let mut warnings = Vec::new();

    let mut calls_for_testing = Vec::new();
    for tracked in &config.cft_repos {
        let labelled =
            labelled_in_window(gh, tracked, &config.cft_label, &window, &mut warnings).await?;
        let mut items = Vec::new();
        for (issue, event) in labelled {
            let testing_steps = if config.find_testing_steps {
                testing_steps(gh, &tracked.repo, &issue, &event, &window).await?
            } else {
                None
            };
            items.push(CallForTesting {
                item: list_item(&issue),
                testing_steps,
                labelled_at: event.created_at,
            });
        }
        calls_for_testing.push(Group::from_tracked(tracked, items));
    }

    let mut fcp = Vec::new();
    for tracked in &config.fcp_groups {
        let labelled =
            labelled_in_window(gh, tracked, &config.fcp_label, &window, &mut warnings).await?;
        let items = labelled
            .into_iter()
            .map(|(issue, event)| FcpItem {
                disposition: disposition(&issue, tracked.uses_dispositions),
                item: list_item(&issue),
                entered_at: event.created_at,
            })
            .collect();
        fcp.push(Group::from_tracked(tracked, items));
    }

    let rfcs = &config.rfcs_repo;
    let range = window.search_range();
    let approved = search_items(
        gh,
        &format!("repo:{rfcs} is:pr is:merged merged:{range}"),
        &mut warnings,
    )
    .await?;
    let new_rfcs = search_items(
        gh,
        &format!("repo:{rfcs} is:pr is:open created:{range}"),
        &mut warnings,
    )
    .await?;

    Ok(RfcsData {
        window,
        calls_for_testing,
        approved,
        fcp,
        new_rfcs,
        warnings,
    })
}

/// Open items of `tracked` carrying `label`, whose latest `labeled` event
/// for that label lies in the window, paired with that event.
async fn labelled_in_window(
    gh: &GitHub,
    tracked: &TrackedRepo,
    label: &str,
    window: &Window,
    warnings: &mut Vec<String>,
) -> Result<Vec<(Issue, IssueEvent)>> {
    let mut query = format!("repo:{} is:open {}", tracked.repo, label_qualifier(label));
    for extra in &tracked.extra_labels {
        query.push(' ');
        query.push_str(&label_qualifier(extra));
    }
    query.push_str(&format!(" updated:>={}", window.start));
    let results = gh.search_issues(&query, SearchSort::UpdatedDesc).await?;
    if results.incomplete {
        warnings.push(format!("GitHub returned incomplete results for `{query}`"));
    }
    let mut found = Vec::new();
    for issue in results.items {
        let events = gh.issue_events(&tracked.repo, issue.number).await?;
        if let Some(event) = last_labelled(&events, label)
            && window.contains(event.created_at)
        {
            found.push((issue, event.clone()));
        }
    }
    Ok(found)
}

/// `label:name`, quoted when the name has spaces.
fn label_qualifier(label: &str) -> String {
    if label.contains(char::is_whitespace) {
        format!("label:\"{label}\"")
    } else {
        format!("label:{label}")
    }
}

/// The most recent event that added `label`.
pub(crate) fn last_labelled<'e>(events: &'e [IssueEvent], label: &str) -> Option<&'e IssueEvent> {
    events
        .iter()
        .filter(|e| e.event == "labeled" && e.label.as_ref().is_some_and(|l| l.name == label))
        .max_by_key(|e| e.created_at)
}

/// rfcbot's disposition label, if the group uses them.
pub(crate) fn disposition(issue: &Issue, uses_dispositions: bool) -> Disposition {
    if !uses_dispositions {
        return Disposition::NotApplicable;
    }
    if issue.has_label("disposition-merge") {
        Disposition::Merge
    } else if issue.has_label("disposition-close") {
        Disposition::Close
    } else if issue.has_label("disposition-postpone") {
        Disposition::Postpone
    } else {
        Disposition::Unspecified
    }
}

/// The latest comment by whoever added the label that talks about testing,
/// written between two weeks before the label and the end of the window.
async fn testing_steps(
    gh: &GitHub,
    repo: &RepoName,
    issue: &Issue,
    event: &IssueEvent,
    window: &Window,
) -> Result<Option<String>> {
    let Some(labeller) = event.actor.as_ref().map(|a| a.login.as_str()) else {
        return Ok(None);
    };
    let comments = gh.issue_comments(repo, issue.number).await?;
    let earliest = event
        .created_at
        .checked_sub(TESTING_STEPS_LOOKBACK)
        .unwrap_or(Timestamp::MIN);
    let latest = window.end_exclusive_timestamp();
    Ok(comments
        .iter()
        .filter(|c| c.user.as_ref().is_some_and(|u| u.login == labeller))
        .filter(|c| earliest <= c.created_at && c.created_at < latest)
        .filter(|c| {
            c.body
                .as_deref()
                .is_some_and(|b| b.to_lowercase().contains("test"))
        })
        .max_by_key(|c| c.created_at)
        .map(|c| c.html_url.clone()))
}

async fn search_items(
    gh: &GitHub,
    query: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<ListItem>> {
    let results = gh.search_issues(query, SearchSort::CreatedAsc).await?;
    if results.incomplete {
        warnings.push(format!("GitHub returned incomplete results for `{query}`"));
    }
    Ok(results.items.iter().map(list_item).collect())
}

fn list_item(issue: &Issue) -> ListItem {
    ListItem {
        title: issue.title.trim().to_owned(),
        url: issue.html_url.clone(),
    }
}
