//! A week built as a git history (tests/support/week.rs): stacked branches, a branch made
//! after an editor's merge, editors' maintenance pull requests and a publishing pull request,
//! reviewed through the mock GitHub of twir-testkit with heads fetched as `refs/pull/N/head`,
//! then merged as planned.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod support;

use support::week;
use twir_content::Site;
use twir_submissions::merge::{self, MergeOptions};
use twir_submissions::plan::PlanOptions;
use twir_submissions::review::{ReviewOptions, review};
use twir_submissions::{Context, Kind, Review, Verdict, table};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn reviewed(plan: PlanOptions) -> (week::Week, Context, Review, wiremock::MockServer) {
    let w = week::build();
    let rt = runtime();
    let server = rt.block_on(week::mock_github(&w));
    week::write_config(&w.local, &server.uri());
    let site = Site::open(&w.local).expect("site");
    let ctx = Context::open(&site).expect("context");
    let (gh, repo) = support::client(&site);
    let opts = ReviewOptions {
        plan,
        ..ReviewOptions::default()
    };
    let r = rt
        .block_on(review(&ctx, &gh, &repo, &opts))
        .expect("review");
    (w, ctx, r, server)
}

fn codes(r: &Review, n: u64) -> Vec<&str> {
    r.pull(n)
        .expect("listed")
        .findings
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

#[test]
fn each_pull_request_is_judged_by_its_own_change() {
    let (_w, _ctx, r, _server) = reviewed(PlanOptions::default());
    let kind = |n| r.pull(n).expect("listed").kind;
    for n in [310, 311, 313, 314] {
        assert_eq!(kind(n), Kind::EditorChange, "#{n}");
        assert_eq!(r.pull(n).expect("listed").verdict, None, "#{n}");
    }
    assert_eq!(kind(315), Kind::Other);
    for n in [301, 302, 304, 312, 316, 317, 318, 319] {
        assert_eq!(kind(n), Kind::Submission, "#{n}");
    }
    let verdict = |n| r.pull(n).expect("listed").verdict;
    for n in [301, 302, 304, 312, 317, 318, 319] {
        assert_eq!(
            verdict(n),
            Some(Verdict::Accept),
            "#{n}: {:?}",
            codes(&r, n)
        );
    }
    assert_eq!(verdict(316), Some(Verdict::Reject));
    assert_eq!(codes(&r, 316), ["duplicate-pr"]);
    assert!(
        r.pull(316).expect("316").findings[0]
            .message
            .contains("#301")
    );

    // Stacked on #301: only its own line, no duplicate of #301, no second link.
    let p302 = r.pull(302).expect("302");
    assert_eq!(p302.change.from, "git");
    assert_eq!(p302.change.carries, [301]);
    assert_eq!(
        p302.added,
        ["* [Profiling async Rust](https://bob.example.io/profiling)"]
    );
    assert!(p302.findings.is_empty(), "{:?}", p302.findings);
    // Branched after the editor's merged #300: that line is not its change.
    let p304 = r.pull(304).expect("304");
    assert_eq!(
        p304.added,
        ["* [Traits as contracts](https://carol.example.net/traits)"]
    );
    assert!(p304.change.carries.is_empty());
    // Stacked on the duplicate #316: judged on its own line, accepted.
    let p319 = r.pull(319).expect("319");
    assert_eq!(p319.change.carries, [316]);
    assert_eq!(
        p319.added,
        ["* [Writing a tiny VM in Rust](https://ivan.example.org/tiny-vm)"]
    );

    // What editors fix by hand, as notes with the fix.
    assert_eq!(codes(&r, 317), ["bullet", "title-style"]);
    let p317 = r.pull(317).expect("317");
    assert_eq!(
        p317.findings[0].suggestion.as_deref(),
        Some("* [Zero-copy parsing | Frank's blog](https://frank.example.net/zero-copy)")
    );
    assert_eq!(
        p317.findings[1].suggestion.as_deref(),
        Some("* [Zero-copy parsing](https://frank.example.net/zero-copy)")
    );
    assert_eq!(codes(&r, 318), ["section-hint"]);
    assert_eq!(
        r.pull(318).expect("318").findings[0].move_to.as_deref(),
        Some("Research")
    );
    // An editor may add to Project/Tooling Updates.
    assert!(codes(&r, 312).is_empty(), "{:?}", codes(&r, 312));
}

#[test]
fn the_table_shows_the_plan_and_merge_carries_it_out() {
    let (w, ctx, r, _server) = reviewed(PlanOptions::default());
    let picked: Vec<u64> = r.plan.picks.iter().map(|p| p.number).collect();
    assert_eq!(picked, [301, 302, 304, 312, 317, 318, 319]);
    // #319's branch carries the rejected #316: merged without its head as a parent (which
    // would mark #316 merged on GitHub).
    assert!(!r.plan.pick(319).expect("319").closes_on_push);
    assert_eq!(r.plan.left.len(), 1);
    assert_eq!(r.plan.left[0].number, 316);
    let t = table::render(&r);
    for n in &picked {
        let row = t
            .lines()
            .find(|l| l.starts_with(&format!("#{n} ")))
            .expect("row");
        assert!(row.contains(" yes"), "{row}");
    }
    assert!(t.contains("yes (stays open)"), "{t}");
    assert!(
        t.contains("Editor changes (no verdict, not merged):\n  #310"),
        "{t}"
    );
    assert!(t.contains("merge takes 7, leaves 0 accepted"), "{t}");
    assert!(
        t.contains("#313 Publish 666 (@grace): by an editor:")
            && t.contains("starts draft/2026-09-02-this-week-in-rust.md"),
        "{t}"
    );

    let out = merge::merge(
        &ctx,
        &r,
        &MergeOptions {
            remote: "origin".into(),
        },
    )
    .expect("merge");
    assert_eq!(out.plan, r.plan);
    let repo = git2::Repository::open(&w.local).expect("open");
    let head = repo.head().expect("head").peel_to_commit().expect("commit");
    let parents: Vec<git2::Oid> = head.parent_ids().collect();
    let mut want = vec![w.main];
    want.extend([301, 302, 304, 312, 317, 318].map(|n| w.head(n)));
    assert_eq!(parents, want);
    let draft = std::fs::read_to_string(w.local.join(week::DRAFT)).expect("draft");
    assert!(draft.contains(
        "* [Notes on borrow splitting](https://notes.example.org/borrow-splitting/)\n\
         * [Borrow splitting explained](https://alice.example.dev/borrow) <!-- pr:301 -->\n\
         * [Traits as contracts](https://carol.example.net/traits) <!-- pr:304 -->\n\
         * [Zero-copy parsing | Frank's blog](https://frank.example.net/zero-copy) <!-- pr:317 -->\n"
    ), "{draft}");
    assert!(draft.contains("### Rust Walkthroughs\n* [Profiling async Rust](https://bob.example.io/profiling) <!-- pr:302 -->\n* [Writing a tiny VM in Rust](https://ivan.example.org/tiny-vm) <!-- pr:319 -->\n"), "{draft}");
    assert!(draft.contains("### Miscellaneous\n* [A study of unsafe code in embedded crates](https://arxiv.org/abs/2608.12345) <!-- pr:318 -->\n"), "{draft}");
    assert_eq!(draft.matches("alice.example.dev/borrow").count(), 1);
    // Editors' pull requests are left alone.
    assert!(!draft.contains("Community pick"));
    assert!(!draft.contains("Rust is a language"));
    assert!(!draft.contains("rust-berlin"));
    let msg = head.message().unwrap_or("");
    assert!(msg.contains("#319 not closed by this commit"), "{msg}");
}

#[test]
fn fixes_are_applied_when_asked() {
    let (w, ctx, r, _server) = reviewed(PlanOptions {
        fix_sections: true,
        fix_titles: true,
        ..PlanOptions::default()
    });
    let p318 = r.plan.pick(318).expect("318");
    assert_eq!(p318.lines[0].section, "Research");
    assert_eq!(p318.lines[0].moved_from.as_deref(), Some("Miscellaneous"));
    assert!(table::render(&r).contains("yes, to Research"));
    merge::merge(
        &ctx,
        &r,
        &MergeOptions {
            remote: "origin".into(),
        },
    )
    .expect("merge");
    let draft = std::fs::read_to_string(w.local.join(week::DRAFT)).expect("draft");
    assert!(
        draft.contains(
            "* [Zero-copy parsing](https://frank.example.net/zero-copy) <!-- pr:317 -->\n"
        ),
        "{draft}"
    );
    assert!(draft.contains("### Research\n* [A study of unsafe code in embedded crates](https://arxiv.org/abs/2608.12345) <!-- pr:318 -->\n"), "{draft}");
}

#[test]
#[ignore]
fn print_table() {
    let (_w, _ctx, r, _server) = reviewed(PlanOptions::default());
    println!("{}", table::render(&r));
}
