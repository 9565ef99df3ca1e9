//! Merged PRs read from a git repository built here with git2.
#![cfg(feature = "git")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};

use git2::{Oid, Repository, Signature, Time};
use jiff::civil::date;
use twir_github::prs::{GitSource, scan_clone};
use twir_github::{PrsConfig, Window, collect_prs_from_git, format_prs};

/// Writes commits with explicit times (no reference updates).
struct Builder {
    repo: Repository,
    tree: Oid,
}

impl Builder {
    fn new(dir: &Path) -> Self {
        let repo = Repository::init(dir).expect("init repository");
        let tree = repo
            .treebuilder(None)
            .and_then(|b| b.write())
            .expect("write empty tree");
        Builder { repo, tree }
    }

    fn commit(&self, message: &str, at: &str, parents: &[Oid]) -> Oid {
        let seconds = at.parse::<jiff::Timestamp>().unwrap().as_second();
        let sig = Signature::new("Tester", "tester@example.com", &Time::new(seconds, 0))
            .expect("signature");
        let tree = self.repo.find_tree(self.tree).expect("find tree");
        let parents: Vec<git2::Commit> = parents
            .iter()
            .map(|p| self.repo.find_commit(*p).expect("find parent"))
            .collect();
        let parents: Vec<&git2::Commit> = parents.iter().collect();
        self.repo
            .commit(None, &sig, &sig, message, &tree, &parents)
            .expect("write commit")
    }

    fn set_main(&self, tip: Oid) {
        self.repo
            .reference("refs/heads/main", tip, true, "test")
            .expect("update main");
        let head = self.repo.path().join("HEAD");
        std::fs::write(head, "ref: refs/heads/main\n").expect("write HEAD");
    }
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// History (times UTC, window 2026-08-11..=2026-08-18):
/// - #10 by alice merged 08-05 (before the window)
/// - #11 bob 08-12, #12 alice (bors) 08-14, #14 dave (rollup member) and
///   #15 (the rollup itself, by bors) 08-15, #17 from a same-repo branch 08-17
/// - a non-PR merge and a squash-style commit (ignored), #18 after the window
fn build_history(dir: &Path) -> Builder {
    // (name, message, commit time, parent names), oldest first.
    const HISTORY: &[(&str, &str, &str, &[&str])] = &[
        ("c0", "Initial commit", "2026-07-01T00:00:00Z", &[]),
        ("f10", "old feature", "2026-07-30T00:00:00Z", &["c0"]),
        (
            "m10",
            "Merge pull request #10 from alice/old\n\nOld feature\n",
            "2026-08-05T00:00:00Z",
            &["c0", "f10"],
        ),
        ("f11", "fix", "2026-08-10T00:00:00Z", &["m10"]),
        (
            "m11",
            "Merge pull request #11 from bob/fix\n\nFix the widget\n",
            "2026-08-12T10:00:00Z",
            &["m10", "f11"],
        ),
        ("f12", "feat", "2026-08-13T00:00:00Z", &["m11"]),
        (
            "m12",
            "Auto merge of #12 - alice:feat, r=carol\n\nAdd feature\n\nLong description.\n",
            "2026-08-14T00:00:00Z",
            &["m11", "f12"],
        ),
        ("f14", "docs", "2026-08-14T12:00:00Z", &["m12"]),
        (
            "r14",
            "Rollup merge of #14 - dave:docs, r=erin\n\nImprove docs\n",
            "2026-08-15T01:00:00Z",
            &["m12", "f14"],
        ),
        (
            "m15",
            "Auto merge of #15 - bors:rollup-xyz, r=erin\n\nRollup of 1 pull requests\n",
            "2026-08-15T02:00:00Z",
            &["m12", "r14"],
        ),
        ("side", "side work", "2026-08-15T03:00:00Z", &["m12"]),
        (
            "nonpr",
            "Merge branch 'main' into side",
            "2026-08-16T00:00:00Z",
            &["m15", "side"],
        ),
        (
            "squash",
            "Tweak parser (#16)",
            "2026-08-16T01:00:00Z",
            &["nonpr"],
        ),
        ("f17", "sync", "2026-08-16T02:00:00Z", &["squash"]),
        (
            "m17",
            "Merge pull request #17 from rust-lang/sync\n\nSync from upstream\n",
            "2026-08-17T00:00:00Z",
            &["squash", "f17"],
        ),
        ("f18", "late", "2026-08-18T12:00:00Z", &["m17"]),
        (
            "m18",
            "Merge pull request #18 from frank/late\n\nToo late\n",
            "2026-08-19T00:00:01Z",
            &["m17", "f18"],
        ),
    ];
    let b = Builder::new(dir);
    let mut ids: Vec<(&str, Oid)> = Vec::new();
    for &(name, message, at, parent_names) in HISTORY {
        let parents: Vec<Oid> = parent_names
            .iter()
            .map(|p| {
                ids.iter()
                    .find(|(n, _)| n == p)
                    .expect("parent listed earlier")
                    .1
            })
            .collect();
        ids.push((name, b.commit(message, at, &parents)));
    }
    let (_, tip) = ids.last().expect("non-empty history");
    b.set_main(*tip);
    b
}

fn source(dir: &Path, rev: Option<&str>) -> GitSource {
    GitSource {
        path: dir.to_owned(),
        repo: "rust-lang/widgets".parse().unwrap(),
        heading: "Widgets".into(),
        rev: rev.map(str::to_owned),
    }
}

fn window() -> Window {
    Window::for_issue(date(2026, 8, 19))
}

#[test]
fn scan_finds_pr_merges_in_window() {
    let dir = fresh_dir("scan_finds_pr_merges_in_window");
    build_history(&dir);
    let scan = scan_clone(&source(&dir, None), &window(), false).unwrap();
    let found: Vec<(u64, Option<&str>, &str)> = scan
        .merged
        .iter()
        .map(|p| (p.number, p.author.as_deref(), p.title.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (11, Some("bob"), "Fix the widget"),
            (12, Some("alice"), "Add feature"),
            (14, Some("dave"), "Improve docs"),
            (15, Some("bors"), "Rollup of 1 pull requests"),
            (17, None, "Sync from upstream"),
        ]
    );
    assert_eq!(
        scan.merged[0].url,
        "https://github.com/rust-lang/widgets/pull/11"
    );
    // Without history the walk stops at the window: no earlier authors.
    assert!(scan.earlier_authors.is_empty());
}

#[test]
fn generator_output_from_clone() {
    let dir = fresh_dir("generator_output_from_clone");
    build_history(&dir);
    let config = PrsConfig {
        new_contributors: true,
        ..PrsConfig::default()
    };
    let data =
        collect_prs_from_git(&[source(&dir, Some("refs/heads/main"))], &config, window()).unwrap();
    assert_eq!(data.merged_count, 5);
    let newcomers: Vec<&str> = data
        .new_contributors
        .as_ref()
        .unwrap()
        .iter()
        .map(|n| n.login.as_str())
        .collect();
    assert_eq!(newcomers, ["bob", "dave"]);
    assert_eq!(
        format_prs(&data, &config),
        "5 pull requests were [merged in the last week][merged]\n\
         \n\
         [merged]: https://github.com/search?q=is%3Apr+repo%3Arust-lang%2Fwidgets+is%3Amerged+merged%3A2026-08-11..2026-08-18\n\
         \n\
         #### Widgets\n\
         * [fix the widget](https://github.com/rust-lang/widgets/pull/11)\n\
         * [add feature](https://github.com/rust-lang/widgets/pull/12)\n\
         * [improve docs](https://github.com/rust-lang/widgets/pull/14)\n\
         * [sync from upstream](https://github.com/rust-lang/widgets/pull/17)\n\
         \n\
         #### First-time Contributors\n\
         * [@bob](https://github.com/bob): [fix the widget](https://github.com/rust-lang/widgets/pull/11)\n\
         * [@dave](https://github.com/dave): [improve docs](https://github.com/rust-lang/widgets/pull/14)\n"
    );
}

#[test]
fn missing_repository_is_a_typed_error() {
    let dir = fresh_dir("missing_repository_is_a_typed_error");
    let err = scan_clone(&source(&dir.join("nope"), None), &window(), false).unwrap_err();
    assert!(
        err.to_string().starts_with("reading git repository"),
        "{err}"
    );
    let dir2 = fresh_dir("missing_ref");
    build_history(&dir2);
    let err = scan_clone(&source(&dir2, Some("refs/heads/nope")), &window(), false).unwrap_err();
    assert!(err.to_string().contains("refs/heads/nope"), "{err}");
}
