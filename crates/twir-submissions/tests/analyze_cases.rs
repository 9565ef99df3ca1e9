//! The per-pull-request findings that the fixture run does not exercise: edits to existing
//! lines, an old draft, links outside a subsection, extra lines, unplaceable and unreadable diffs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::collections::HashMap;
use twir_content::Site;
use twir_github::models::{PullFile, PullRequest};
use twir_submissions::analyze::analyze;
use twir_submissions::heads::read_changes;
use twir_submissions::judge::judge;
use twir_submissions::model::{Level, Verdict};
use twir_submissions::{Ci, Context, PullData, PullReview};

const DRAFT: &str = "Title: This Week in Rust 2\nNumber: 2\nDate: 2026-01-14\nCategory: This Week in Rust\n\n## Updates from Rust Community\n\n### Official\n* [Rust 2](https://blog.rust-lang.org/2)\n\n### Observations/Thoughts\n\n### Miscellaneous\n\n## Jobs\n";

fn site() -> (tempfile::TempDir, Context) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("draft")).expect("draft dir");
    std::fs::create_dir_all(dir.path().join("content")).expect("content dir");
    std::fs::write(
        dir.path().join("draft/2026-01-14-this-week-in-rust.md"),
        DRAFT,
    )
    .expect("draft");
    let site = Site::open(dir.path()).expect("site");
    let ctx = Context::open(&site).expect("context");
    (dir, ctx)
}

fn pull(number: u64, files: Vec<(&str, Option<&str>)>) -> PullData {
    let pr: PullRequest = serde_json::from_value(serde_json::json!({
        "number": number, "title": "Add a link", "html_url": format!("https://github.com/o/r/pull/{number}"),
        "state": "open", "user": {"login": format!("user{number}")}, "body": null,
        "created_at": "2026-01-10T00:00:00Z", "updated_at": "2026-01-10T00:00:00Z",
        "head": {"ref": "b", "sha": "0123456789012345678901234567890123456789"},
        "base": {"ref": "main", "sha": "0123456789012345678901234567890123456789"}
    }))
    .expect("pull json");
    let files = files
        .into_iter()
        .map(|(name, patch)| PullFile {
            filename: name.into(),
            status: "modified".into(),
            additions: 1,
            deletions: 0,
            patch: patch.map(String::from),
            previous_filename: None,
        })
        .collect();
    PullData {
        pr,
        files,
        ci: Ci::Success,
    }
}

fn review_one(ctx: &Context, p: PullData) -> PullReview {
    // No git repository here: the change is read from the patch.
    let read = read_changes(ctx, std::slice::from_ref(&p), "origin").remove(0);
    let a = analyze(ctx, &p, &read, None);
    judge(ctx, vec![a], &[], &HashMap::new()).remove(0)
}

fn codes(r: &PullReview) -> Vec<&str> {
    r.findings.iter().map(|f| f.code.as_str()).collect()
}

const CURRENT: &str = "draft/2026-01-14-this-week-in-rust.md";

#[test]
fn editing_an_existing_line_needs_changes() {
    let (_d, ctx) = site();
    let p = pull(
        1,
        vec![(
            CURRENT,
            Some(
                "@@ -9,1 +9,2 @@\n-* [Rust 2](https://blog.rust-lang.org/2)\n+* [Rust 2!](https://blog.rust-lang.org/2)\n+* [Mine](https://mine.example/post)\n",
            ),
        )],
    );
    let r = review_one(&ctx, p);
    assert!(codes(&r).contains(&"changes-lines"), "{:?}", codes(&r));
    assert!(codes(&r).contains(&"multiple-links"));
    assert!(!r.single_link);
    assert_eq!(r.verdict, Some(Verdict::NeedsChanges));
}

#[test]
fn an_old_draft_is_only_a_note_and_the_link_lands_in_the_current_one() {
    let (_d, ctx) = site();
    let p = pull(
        2,
        vec![(
            "draft/2026-01-07-this-week-in-rust.md",
            Some(
                "@@ -11,3 +11,4 @@\n ### Observations/Thoughts\n+* [Mine](https://mine.example/post)\n \n ### Miscellaneous\n",
            ),
        )],
    );
    let r = review_one(&ctx, p);
    assert_eq!(codes(&r), ["old-draft"]);
    assert_eq!(r.findings[0].level, Level::Note);
    assert_eq!(r.section.as_deref(), Some("Observations/Thoughts"));
    assert_eq!(r.verdict, Some(Verdict::Accept));
}

#[test]
fn a_link_outside_any_subsection_gets_a_suggestion() {
    let (_d, ctx) = site();
    let p = pull(
        3,
        vec![(
            CURRENT,
            Some(
                "@@ -6,2 +6,3 @@\n ## Updates from Rust Community\n+* [Building a lexer in Rust](https://mine.example/lexer)\n \n",
            ),
        )],
    );
    let r = review_one(&ctx, p);
    assert_eq!(codes(&r), ["no-subsection"]);
    // "Rust Walkthroughs" would fit, but this draft has no such subsection.
    assert_eq!(r.findings[0].move_to.as_deref(), Some("Miscellaneous"));
    assert_eq!(r.section_fix(), Some("Miscellaneous"));
}

#[test]
fn prose_next_to_the_link_and_other_files_need_changes() {
    let (_d, ctx) = site();
    let p = pull(
        4,
        vec![
            (
                CURRENT,
                Some(
                    "@@ -11,2 +11,4 @@\n ### Observations/Thoughts\n+* [Mine](https://mine.example/post)\n+Please merge, thanks!\n \n",
                ),
            ),
            ("README.md", Some("@@ -1 +1 @@\n-a\n+b\n")),
        ],
    );
    let r = review_one(&ctx, p);
    let c = codes(&r);
    assert!(
        c.contains(&"extra-lines") && c.contains(&"outside-draft"),
        "{c:?}"
    );
}

#[test]
fn unreadable_or_unplaceable_diffs_need_changes() {
    let (_d, ctx) = site();
    let r = review_one(&ctx, pull(5, vec![(CURRENT, None)]));
    assert!(r.is_submission());
    assert_eq!(codes(&r), ["bad-diff"]);
    assert_eq!(r.verdict, Some(Verdict::NeedsChanges));
    let p = pull(
        6,
        vec![(
            CURRENT,
            Some(
                "@@ -40,2 +40,3 @@\n ### Somewhere else\n+* [Mine](https://mine.example/post)\n gone\n",
            ),
        )],
    );
    let r = review_one(&ctx, p);
    assert!(r.is_submission());
    assert_eq!(codes(&r), ["unplaced"]);
    assert_eq!(r.verdict, Some(Verdict::NeedsChanges));
}

#[test]
fn other_sections_are_not_submissions() {
    let (_d, ctx) = site();
    let p = pull(
        7,
        vec![(
            CURRENT,
            Some("@@ -15,1 +15,2 @@\n ## Jobs\n+* [Hiring](https://jobs.example/1)\n"),
        )],
    );
    let r = review_one(&ctx, p);
    assert!(!r.is_submission());
    assert!(r.findings.is_empty());
}

#[test]
fn merged_lines_with_attribution_pass_the_check_rules() {
    let (_d, ctx) = site();
    let items = [twir_submissions::merge::Insertion {
        number: 1234,
        line: "* [Mine](https://mine.example/post)".into(),
        section: "Observations/Thoughts".into(),
    }];
    let text = twir_submissions::merge::insert_links(&ctx.draft.source, ctx.community(), &items)
        .expect("insert");
    let doc = twir_content::Document::parse(text.as_str());
    let diags = ctx.session.check_doc(&ctx.session.targets[0], &doc);
    let on_line: Vec<_> = diags
        .iter()
        .filter(|d| {
            doc.line_text(doc.line_of(d.span.start))
                .contains("<!-- pr:1234 -->")
        })
        .collect();
    assert!(on_line.is_empty(), "{on_line:?}");
    assert!(text.contains(
        "### Observations/Thoughts\n* [Mine](https://mine.example/post) <!-- pr:1234 -->\n"
    ));
}

/// The real draft of the archive, when it is there: a link appended to Observations/Thoughts
/// is placed, accepted, and a link from a recent issue is caught as a duplicate.
#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn real_draft_from_the_corpus() {
    let root = twir_testkit::corpus();
    let site = Site::open(&root).expect("site");
    let ctx = Context::open(&site).expect("context");
    let lines: Vec<&str> = ctx.draft.source.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == "### Observations/Thoughts")
        .expect("the corpus draft has an Observations/Thoughts section");
    let hunk = format!(
        "@@ -{n},1 +{n},2 @@\n {h}\n+* [A fresh post](https://fresh.example.org/post)\n",
        n = at + 1,
        h = lines[at]
    );
    let name = ctx.draft_rel.clone();
    let r = review_one(&ctx, pull(8, vec![(name.as_str(), Some(hunk.as_str()))]));
    assert_eq!(r.verdict, Some(Verdict::Accept), "{:?}", r.findings);
    assert_eq!(r.section.as_deref(), Some("Observations/Thoughts"));
    // A link of the newest published issue's community section is a duplicate.
    let newest = site
        .issues()
        .expect("issues")
        .into_iter()
        .next_back()
        .expect("an issue");
    let doc = twir_content::Document::load(&newest.path).expect("load");
    let sec = doc.section(ctx.community()).expect("community section");
    let Some(link) = doc
        .links
        .iter()
        .find(|l| sec.span.start <= l.span.start && l.span.start < sec.span.end)
    else {
        return;
    };
    let hunk = format!(
        "@@ -{n},1 +{n},2 @@\n {h}\n+* [Old]({u})\n",
        n = at + 1,
        h = lines[at],
        u = link.url(&doc.source)
    );
    let r = review_one(&ctx, pull(9, vec![(name.as_str(), Some(hunk.as_str()))]));
    assert_eq!(r.verdict, Some(Verdict::Reject), "{:?}", r.findings);
    assert!(codes(&r).contains(&"duplicate-link"), "{:?}", codes(&r));
}

#[test]
fn a_title_quoted_in_the_pull_request_title_is_only_a_short_name() {
    let (_d, ctx) = site();
    let hunk = "@@ -11,2 +11,3 @@\n ### Observations/Thoughts\n+* [Async drop in practice: lessons](https://mine.example/post)\n \n";
    let with_title = |title: &str| {
        let mut p = pull(10, vec![(CURRENT, Some(hunk))]);
        p.pr.title = title.to_string();
        review_one(&ctx, p)
    };
    // The quote is a piece of the link text: fine.
    assert!(
        with_title("Add \"Async drop in practice\"")
            .findings
            .is_empty()
    );
    // The link text is a piece of the quote: the link text looks cut.
    let r = with_title("Add \"Async drop in practice: lessons from a year of tokio\"");
    assert_eq!(codes(&r), ["title-mismatch"]);
    assert_eq!(r.verdict, Some(Verdict::NeedsChanges));
    // Something else: a note for the editors.
    let r = with_title("Add \"my drop post\"");
    assert_eq!(codes(&r), ["title-mismatch"]);
    assert_eq!(r.findings[0].level, Level::Note);
    assert_eq!(r.verdict, Some(Verdict::Accept));
}
