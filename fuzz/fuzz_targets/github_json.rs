//! GitHub's JSON answers (search pages, issue events, comments, pull requests, files,
//! statuses, commits) deserialise or fail cleanly, and what the generators print from them
//! (RFC/FCP lists, merged PR lists, merge-commit messages) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_github::models::{
    CombinedStatus, Comment, CommitInfo, Issue, IssueEvent, PullFile, PullRequest, SearchPage,
};
use twir_github::prs::{MergedPr, PrGroup, parse_merge_message};
use twir_github::rfcs::{Group, ListItem};
use twir_github::{PrsConfig, PrsData, RepoName, RfcsData, Window, format_prs, format_rfcs};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_merge_message(text);
    let _ = RepoName::from_api_url(text);
    let _ = serde_json::from_str::<Vec<IssueEvent>>(text);
    let _ = serde_json::from_str::<Vec<Comment>>(text);
    let _ = serde_json::from_str::<PullRequest>(text);
    let _ = serde_json::from_str::<Vec<PullFile>>(text);
    let _ = serde_json::from_str::<CombinedStatus>(text);
    if let Ok(commits) = serde_json::from_str::<Vec<CommitInfo>>(text) {
        for c in &commits {
            let _ = parse_merge_message(&c.commit.message);
        }
    }
    let Ok(page) = serde_json::from_str::<SearchPage<Issue>>(text) else {
        return;
    };
    let window = Window::for_issue(jiff::civil::date(2026, 8, 19));
    let items: Vec<ListItem> = page
        .items
        .iter()
        .map(|i: &Issue| ListItem {
            title: i.title.clone(),
            url: i.html_url.clone(),
        })
        .collect();
    let rfcs = RfcsData {
        window,
        calls_for_testing: Vec::new(),
        approved: items.clone(),
        fcp: vec![Group {
            name: "fuzz".into(),
            link: "https://example.org".into(),
            suffix: String::new(),
            items: Vec::new(),
        }],
        new_rfcs: items,
        warnings: Vec::new(),
    };
    let _ = format_rfcs(&rfcs);
    let Ok(repo) = RepoName::new("rust-lang", "rust") else {
        return;
    };
    let prs: Vec<MergedPr> = page
        .items
        .iter()
        .map(|i| MergedPr {
            repo: repo.clone(),
            number: i.number,
            title: i.title.clone(),
            url: i.html_url.clone(),
            author: i.author().map(str::to_string),
            merged_at: None,
        })
        .collect();
    let data = PrsData {
        window,
        merged_count: page.total_count,
        count_scope: vec!["org:rust-lang".into()],
        groups: vec![PrGroup {
            heading: "Rust".into(),
            repo,
            prs,
        }],
        new_contributors: None,
        warnings: Vec::new(),
    };
    let _ = format_prs(&data, &PrsConfig::default());
});
