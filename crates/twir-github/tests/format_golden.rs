//! Golden (insta) tests for the pure formatters, on hand-written data.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use jiff::Timestamp;
use jiff::civil::date;
use twir_github::prs::{MergedPr, NewContributor, PrGroup};
use twir_github::rfcs::{CallForTesting, Disposition, FcpItem, Group, ListItem};
use twir_github::{
    PrsConfig, PrsData, RepoName, RfcsConfig, RfcsData, Window, format_prs, format_rfcs,
};

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn item(title: &str, url: &str) -> ListItem {
    ListItem {
        title: title.into(),
        url: url.into(),
    }
}

/// Groups in the default configuration's order, with the given items.
fn groups<T: Clone>(
    tracked: &[twir_github::rfcs::TrackedRepo],
    mut items: Vec<(usize, Vec<T>)>,
) -> Vec<Group<T>> {
    tracked
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let pos = items.iter().position(|(idx, _)| *idx == i);
            let its = pos.map(|p| items.remove(p).1).unwrap_or_default();
            Group {
                name: t.display_name.clone(),
                link: t.link.clone(),
                suffix: t.suffix.clone(),
                items: its,
            }
        })
        .collect()
}

fn busy_week() -> RfcsData {
    let cfg = RfcsConfig::default();
    let cft = vec![
        (
            1,
            vec![CallForTesting {
                item: item(
                    "Tracking Issue for `-Zfrobnicate`",
                    "https://github.com/rust-lang/cargo/issues/11111",
                ),
                testing_steps: Some(
                    "https://github.com/rust-lang/cargo/issues/11111#issuecomment-1".into(),
                ),
                labelled_at: ts("2026-08-12T09:00:00Z"),
            }],
        ),
        (
            3,
            vec![CallForTesting {
                item: item(
                    "RFC: Widgets",
                    "https://github.com/rust-lang/rfcs/pull/4242",
                ),
                testing_steps: None,
                labelled_at: ts("2026-08-13T09:00:00Z"),
            }],
        ),
    ];
    let fcp_item = |t: &str, u: &str, d| FcpItem {
        item: item(t, u),
        disposition: d,
        entered_at: ts("2026-08-14T00:00:00Z"),
    };
    let fcp = vec![
        (
            0,
            vec![
                fcp_item(
                    "Stabilize `widget_api`",
                    "https://github.com/rust-lang/rust/pull/1",
                    Disposition::Merge,
                ),
                fcp_item(
                    "[std][io] Tweak `Read`",
                    "https://github.com/rust-lang/rust/pull/2",
                    Disposition::Close,
                ),
                fcp_item(
                    "Tracking Issue for `gadget`",
                    "https://github.com/rust-lang/rust/issues/3",
                    Disposition::Unspecified,
                ),
            ],
        ),
        (
            3,
            vec![fcp_item(
                "New tier 3 target: `toaster-unknown-none`",
                "https://github.com/rust-lang/compiler-team/issues/999",
                Disposition::NotApplicable,
            )],
        ),
        (
            6,
            vec![fcp_item(
                "Fund the thing",
                "https://github.com/rust-lang/leadership-council/issues/7",
                Disposition::Postpone,
            )],
        ),
    ];
    RfcsData {
        window: Window::for_issue(date(2026, 8, 19)),
        calls_for_testing: groups(&cfg.cft_repos, cft),
        approved: vec![item(
            "RFC: Refactor the widgets team",
            "https://github.com/rust-lang/rfcs/pull/4000",
        )],
        fcp: groups(&cfg.fcp_groups, fcp),
        new_rfcs: vec![
            item(
                "Owning gadgets (`&own T`)",
                "https://github.com/rust-lang/rfcs/pull/4001",
            ),
            item(
                "Unbalanced ] bracket",
                "https://github.com/rust-lang/rfcs/pull/4002",
            ),
        ],
        warnings: Vec::new(),
    }
}

fn quiet_week() -> RfcsData {
    let cfg = RfcsConfig::default();
    RfcsData {
        window: Window::for_issue(date(2026, 8, 19)),
        calls_for_testing: groups::<CallForTesting>(&cfg.cft_repos, Vec::new()),
        approved: Vec::new(),
        fcp: groups::<FcpItem>(&cfg.fcp_groups, Vec::new()),
        new_rfcs: Vec::new(),
        warnings: Vec::new(),
    }
}

#[test]
fn rfcs_busy_week() {
    insta::assert_snapshot!(format_rfcs(&busy_week()));
}

#[test]
fn rfcs_quiet_week() {
    insta::assert_snapshot!(format_rfcs(&quiet_week()));
}

fn pr(repo: &str, number: u64, title: &str, author: &str, at: &str) -> MergedPr {
    let repo: RepoName = repo.parse().unwrap();
    MergedPr {
        url: format!("{}/pull/{number}", repo.html_url()),
        repo,
        number,
        title: title.into(),
        author: Some(author.into()),
        merged_at: Some(ts(at)),
    }
}

#[test]
fn prs_with_groups_and_newcomers() {
    let newcomer = pr(
        "rust-lang/cargo",
        17001,
        "Fix typo in docs",
        "newbie",
        "2026-08-15T10:00:00Z",
    );
    let data = PrsData {
        window: Window::for_issue(date(2026, 8, 19)),
        merged_count: 613,
        count_scope: vec!["org:rust-lang".into()],
        groups: vec![
            PrGroup {
                heading: "Rust".into(),
                repo: "rust-lang/rust".parse().unwrap(),
                prs: vec![
                    pr(
                        "rust-lang/rust",
                        160892,
                        "Inline some hot new-solver functions",
                        "alice",
                        "2026-08-12T10:00:00Z",
                    ),
                    pr(
                        "rust-lang/rust",
                        158504,
                        "Stabilize `extern \"custom\"`",
                        "bob",
                        "2026-08-13T10:00:00Z",
                    ),
                    pr(
                        "rust-lang/rust",
                        161040,
                        "MIR: shrink `Body`",
                        "carol",
                        "2026-08-14T10:00:00Z",
                    ),
                ],
            },
            PrGroup {
                heading: "Cargo".into(),
                repo: "rust-lang/cargo".parse().unwrap(),
                prs: vec![newcomer.clone()],
            },
            PrGroup {
                heading: "Rustup".into(),
                repo: "rust-lang/rustup".parse().unwrap(),
                prs: Vec::new(),
            },
        ],
        new_contributors: Some(vec![NewContributor {
            login: "newbie".into(),
            first_pr: newcomer,
        }]),
        warnings: Vec::new(),
    };
    insta::assert_snapshot!(format_prs(&data, &PrsConfig::default()));
}

#[test]
fn prs_count_only_singular() {
    let data = PrsData {
        window: Window::for_issue(date(2026, 1, 7)),
        merged_count: 1,
        count_scope: vec!["repo:rust-lang/rustup".into()],
        groups: Vec::new(),
        new_contributors: None,
        warnings: Vec::new(),
    };
    assert_eq!(
        format_prs(&data, &PrsConfig::default()),
        "1 pull request was [merged in the last week][merged]\n\n\
         [merged]: https://github.com/search?q=is%3Apr+repo%3Arust-lang%2Frustup+is%3Amerged+merged%3A2025-12-30..2026-01-06\n"
    );
}
