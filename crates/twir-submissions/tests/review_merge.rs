//! Review and merge over the fixture: 15 pull requests against a mock GitHub and local
//! repositories built here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod support;

use std::collections::BTreeMap;
use twir_content::Site;
use twir_submissions::merge::{self, MergeOptions};
use twir_submissions::plan::PlanOptions;
use twir_submissions::review::{ReviewOptions, replan, review};
use twir_submissions::{Context, Review, Verdict, comment, table};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn run_review(repos: &support::Repos, rt: &tokio::runtime::Runtime) -> (Context, Review) {
    let site = Site::open(&repos.local).expect("site");
    let ctx = Context::open(&site).expect("context");
    let (gh, repo) = support::client(&site);
    let r = rt
        .block_on(review(&ctx, &gh, &repo, &ReviewOptions::default()))
        .expect("review");
    (ctx, r)
}

fn codes(r: &Review, n: u64) -> Vec<String> {
    let p = r.pulls.iter().find(|p| p.number == n).expect("pull listed");
    p.findings.iter().map(|f| f.code.clone()).collect()
}

#[test]
fn review_judges_every_fixture_pull_request() {
    let pulls = support::fixture_pulls();
    let repos = support::build_repos(&pulls);
    let rt = runtime();
    let server = rt.block_on(support::mock_github(&pulls, &repos));
    support::write_config(&repos.local, &server.uri());
    let (_, r) = run_review(&repos, &rt);

    let verdicts: BTreeMap<u64, &str> = r
        .pulls
        .iter()
        .filter(|p| p.is_submission())
        .map(|p| (p.number, p.verdict_label()))
        .collect();
    let expected: BTreeMap<u64, &str> = [
        (101, "accept"),
        (102, "accept"),
        (103, "needs changes"),
        (104, "needs changes"),
        (105, "reject"),
        (106, "needs changes"),
        (107, "accept"),
        (108, "reject"),
        (109, "reject"),
        (110, "needs changes"),
        (111, "accept"),
        (112, "needs changes"),
        (113, "needs changes"),
        (115, "accept"),
    ]
    .into_iter()
    .collect();
    assert_eq!(verdicts, expected);
    // The events pull request is listed but is no link submission.
    let ev = r
        .pulls
        .iter()
        .find(|p| p.number == 114)
        .expect("114 listed");
    assert!(!ev.is_submission());

    assert_eq!(codes(&r, 101), Vec::<String>::new());
    assert_eq!(codes(&r, 102), ["ci-pending"]);
    assert!(codes(&r, 103).contains(&"multiple-links".to_string()));
    assert!(codes(&r, 104).contains(&"tracking-param".to_string()));
    assert_eq!(codes(&r, 105), ["duplicate-pr"]);
    assert_eq!(codes(&r, 106), ["project-tooling"]);
    assert_eq!(codes(&r, 108), ["weekly-by-forum"]);
    assert_eq!(codes(&r, 109), ["duplicate-link"]);
    assert_eq!(codes(&r, 110), ["repo-link"]);
    assert_eq!(codes(&r, 111), ["repeat-author"]);
    assert_eq!(codes(&r, 112), ["title-mismatch"]);
    assert_eq!(codes(&r, 113), ["ci-failing"]);
    assert_eq!(codes(&r, 115), ["repeat-author"]);

    let p101 = r.pulls.iter().find(|p| p.number == 101).expect("101");
    assert!(p101.single_link);
    assert_eq!(p101.section.as_deref(), Some("Observations/Thoughts"));
    assert_eq!(
        p101.added,
        ["* [Borrow checker field notes](https://alice.example.dev/posts/field-notes/)"]
    );
    let p106 = r.pulls.iter().find(|p| p.number == 106).expect("106");
    assert_eq!(p106.section_fix(), Some("Miscellaneous"));

    insta::assert_snapshot!("table", table::render(&r));
    for n in [101, 104, 106, 108, 111, 115] {
        let p = r.pulls.iter().find(|p| p.number == n).expect("pull");
        insta::assert_snapshot!(format!("comment_{n}"), comment::render(p));
    }
}

#[test]
fn merge_inserts_accepted_links_in_one_commit_with_pull_request_parents() {
    let pulls = support::fixture_pulls();
    let repos = support::build_repos(&pulls);
    let rt = runtime();
    let server = rt.block_on(support::mock_github(&pulls, &repos));
    support::write_config(&repos.local, &server.uri());
    let (ctx, r) = run_review(&repos, &rt);
    let r = replan(
        &ctx,
        r,
        &PlanOptions {
            exclude: vec![102],
            ..PlanOptions::default()
        },
    );
    let opts = MergeOptions {
        remote: "origin".into(),
    };
    let out = merge::merge(&ctx, &r, &opts).expect("merge");
    assert_eq!(
        out.plan.picks.iter().map(|p| p.number).collect::<Vec<_>>(),
        [101, 107, 111, 115]
    );

    let repo = git2::Repository::open(&repos.local).expect("open");
    let head = repo.head().expect("head").peel_to_commit().expect("commit");
    assert_eq!(head.id().to_string(), out.commit);
    let parents: Vec<git2::Oid> = head.parent_ids().collect();
    assert_eq!(
        parents,
        [
            repos.main,
            repos.heads[&101],
            repos.heads[&107],
            repos.heads[&111],
            repos.heads[&115]
        ]
    );
    assert!(
        head.message()
            .unwrap_or("")
            .starts_with("Merge link submissions #101, #107, #111, #115\n")
    );

    let draft = std::fs::read_to_string(repos.local.join(support::DRAFT_REL)).expect("draft");
    assert!(draft.contains(&format!(
        "{}\n* [Borrow checker field notes](https://alice.example.dev/posts/field-notes/) <!-- pr:101 -->\n\n### Rust Walkthroughs",
        support::EDITOR_LINE
    )));
    assert!(draft.contains("### Project/Tooling Updates\n* [cargo-twir 0.3 released](https://grace.example.org/cargo-twir-0.3) <!-- pr:107 -->\n\n"));
    // Committed as written, and nothing left staged or modified.
    let blob = head
        .tree()
        .expect("tree")
        .get_path(std::path::Path::new(support::DRAFT_REL))
        .expect("entry")
        .to_object(&repo)
        .expect("obj");
    assert_eq!(blob.as_blob().expect("blob").content(), draft.as_bytes());
    let mut so = git2::StatusOptions::new();
    so.include_untracked(false);
    assert!(repo.statuses(Some(&mut so)).expect("status").is_empty());
    // No ref was created by the fetch.
    assert!(repo.find_reference("FETCH_HEAD").is_err());
}

/// HEAD, the index file and the draft, byte for byte.
fn snapshot(repos: &support::Repos) -> (git2::Oid, Vec<u8>, Vec<u8>) {
    let repo = git2::Repository::open(&repos.local).expect("open");
    let head = repo.head().expect("head").target().expect("oid");
    let index = std::fs::read(repos.local.join(".git/index")).expect("index");
    let draft = std::fs::read(repos.local.join(support::DRAFT_REL)).expect("draft");
    (head, index, draft)
}

#[test]
fn failures_leave_the_repository_as_it_was() {
    let pulls = support::fixture_pulls();
    let repos = support::build_repos(&pulls);
    let rt = runtime();
    let server = rt.block_on(support::mock_github(&pulls, &repos));
    support::write_config(&repos.local, &server.uri());
    // A pull request head the remote no longer has when the review runs: read from GitHub's
    // patch, and the plan leaves it, saying why.
    let remote = git2::Repository::open_bare(&repos.remote).expect("remote");
    remote
        .find_reference("refs/pull/107/head")
        .expect("ref")
        .delete()
        .expect("delete");
    let (ctx, r) = run_review(&repos, &rt);
    let p107 = r.pull(107).expect("107");
    assert_eq!(p107.change.from, "patch");
    assert_eq!(p107.verdict, Some(Verdict::Accept));
    let why = r.plan.left_reason(107).expect("107 left");
    assert!(
        why.starts_with("conflict: its head could not be read"),
        "{why}"
    );
    assert!(table::render(&r).contains("not merged: conflict"));
    let before = snapshot(&repos);
    let opts = MergeOptions {
        remote: "origin".into(),
    };

    // 1. A planned head that no remote has (the pull request was force-pushed after the
    // review): nothing written.
    let mut stale = r.clone();
    stale.plan.picks[0].head = "1111111111111111111111111111111111111111".into();
    let e = merge::merge(&ctx, &stale, &opts).expect_err("missing head");
    assert!(e.to_string().contains("#101"), "{e}");
    assert_eq!(snapshot(&repos), before);

    // 2. The branch cannot be updated (another git holds its lock): file and index restored.
    // (The heads fetched above are in the object database now; no ref points to them.)
    let lock = repos.local.join(".git/refs/heads/main.lock");
    std::fs::write(&lock, b"").expect("lock");
    let e = merge::merge(&ctx, &r, &opts).expect_err("locked branch");
    assert!(e.to_string().starts_with("git:"), "{e}");
    assert_eq!(snapshot(&repos), before);
    std::fs::remove_file(&lock).expect("unlock");

    // 3. A dirty working tree is refused before anything happens.
    let draft = repos.local.join(support::DRAFT_REL);
    let mut text = std::fs::read_to_string(&draft).expect("draft");
    text.push_str("local edit\n");
    std::fs::write(&draft, &text).expect("write");
    let e = merge::merge(&ctx, &r, &opts).expect_err("dirty");
    assert!(e.to_string().contains("uncommitted changes"), "{e}");
    assert!(e.to_string().contains(support::DRAFT_REL), "{e}");
}

#[test]
fn fix_sections_moves_a_project_tooling_link_from_a_non_editor() {
    let pulls = support::fixture_pulls();
    let repos = support::build_repos(&pulls);
    let rt = runtime();
    let server = rt.block_on(support::mock_github(&pulls, &repos));
    support::write_config(&repos.local, &server.uri());
    let (ctx, r) = run_review(&repos, &rt);
    let only = PlanOptions {
        only: vec![106],
        ..PlanOptions::default()
    };
    let r = replan(&ctx, r, &only);
    assert!(r.plan.picks.is_empty());
    let why = r.plan.left_reason(106).expect("106 left");
    assert!(why.contains("--fix-sections"), "{why}");
    let fix = PlanOptions {
        fix_sections: true,
        ..only
    };
    let r = replan(&ctx, r, &fix);
    let opts = MergeOptions {
        remote: "origin".into(),
    };
    let out = merge::merge(&ctx, &r, &opts).expect("merge");
    assert_eq!(out.plan.picks[0].lines[0].section, "Miscellaneous");
    let draft = std::fs::read_to_string(repos.local.join(support::DRAFT_REL)).expect("draft");
    assert!(draft.contains("### Miscellaneous\n* [Announcing fastq 2.0](https://frank.example.net/fastq-2) <!-- pr:106 -->\n"));
    assert!(draft.contains("### Project/Tooling Updates\n\n"));
    let repo = git2::Repository::open(&repos.local).expect("open");
    let msg = repo
        .head()
        .expect("head")
        .peel_to_commit()
        .expect("c")
        .message()
        .unwrap_or("")
        .to_string();
    assert!(
        msg.contains("(moved from Project/Tooling Updates)"),
        "{msg}"
    );
    assert_eq!(
        Some(Verdict::NeedsChanges),
        r.pull(106).expect("106").verdict
    );
}
