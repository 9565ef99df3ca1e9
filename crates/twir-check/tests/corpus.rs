//! The real archive: every issue is checked without panicking, and formatting every issue is
//! idempotent and keeps its links. Listed as ignored when ../shared/corpus is absent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};
use twir_check::fmt::{format_unchecked, link_multiset, try_format};
use twir_check::run::{RunSettings, Session};
use twir_content::{Document, Site};

fn issue_paths(root: &Path) -> Vec<PathBuf> {
    let site = Site::open(root).unwrap();
    site.issues().unwrap().into_iter().map(|f| f.path).collect()
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn checks_every_issue_and_finds_the_reddit_placeholders() {
    let root = twir_testkit::corpus();
    let site = Site::open(&root).unwrap();
    let paths = issue_paths(&root);
    let settings = RunSettings {
        recent: 25,
        deny_project_tooling_links: false,
    };
    let mut session = Session::open(&site, &paths, &settings).unwrap();
    assert!(session.errors.is_empty(), "{:?}", session.errors);
    assert_eq!(session.targets.len(), paths.len());
    let results = session.check_all();
    let mut flagged = Vec::new();
    for (t, diags) in session.targets.iter().zip(&results) {
        for d in diags {
            assert!(
                d.span.end <= t.source.len(),
                "{}: span out of range",
                t.name
            );
        }
        if diags
            .iter()
            .any(|d| d.code == "placeholder" && d.message.contains("REDDIT_LINK_HERE"))
        {
            flagged.push(t.name.clone());
        }
    }
    let expected: Vec<String> = session
        .targets
        .iter()
        .filter(|t| t.source.contains("](REDDIT_LINK_HERE)"))
        .map(|t| t.name.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(flagged, expected);
    eprintln!(
        "REDDIT_LINK_HERE found in {} published issues",
        flagged.len()
    );
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn formats_every_issue_idempotently_keeping_links() {
    let root = twir_testkit::corpus();
    use rayon::prelude::*;
    let changed: usize = issue_paths(&root)
        .par_iter()
        .map(|path| {
            let doc = Document::load(path).unwrap();
            assert_eq!(
                doc.print(),
                doc.source,
                "{}: parse does not round-trip",
                path.display()
            );
            // The passes themselves must be sound: the safety net of `try_format` must not be needed.
            let (raw, stable) = format_unchecked(&doc.source);
            assert!(stable, "{}: formatting does not settle", path.display());
            assert_eq!(
                link_multiset(&raw),
                link_multiset(&doc.source),
                "{}: links changed",
                path.display()
            );
            let once = try_format(&doc.source).unwrap();
            assert_eq!(once, raw);
            assert_eq!(
                try_format(&once).unwrap(),
                once,
                "{}: not idempotent",
                path.display()
            );
            usize::from(once != doc.source)
        })
        .sum();
    eprintln!("fmt changed {changed} corpus files");
}
