//! Parses every file of the real TWiR archive (when `../shared/corpus` exists) and checks that
//! printing the parse gives the input back byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::PathBuf;
use twir_content::{BlockKind, Document, Entry, Site};

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn every_corpus_file_parses_and_round_trips() {
    let root = twir_testkit::corpus();
    let site = Site::open(&root).expect("open corpus");
    let mut files: Vec<PathBuf> = site.issues().unwrap().into_iter().map(|f| f.path).collect();
    files.extend(site.pages().unwrap().into_iter().map(|f| f.path));
    files.extend(site.drafts().unwrap().into_iter().map(|f| f.path));
    assert!(
        files.len() > 500,
        "expected the whole archive, found {}",
        files.len()
    );
    let (mut events, mut link_items) = (0, 0);
    for path in &files {
        let doc = Document::load(path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            doc.print(),
            doc.source,
            "{} does not round-trip",
            path.display()
        );
        let covered: usize =
            doc.meta.span.len() + doc.blocks.iter().map(|b| b.span.len()).sum::<usize>();
        assert_eq!(
            covered,
            doc.source.len(),
            "{}: blocks do not tile",
            path.display()
        );
        for (_, item) in doc.list_items() {
            match &item.entry {
                Entry::Event(e) if e.title.is_some() => events += 1,
                Entry::Link(_) => link_items += 1,
                _ => {}
            }
        }
    }
    eprintln!(
        "{} files, {link_items} link items, {events} event entries",
        files.len()
    );
    assert!(
        events > 5_000 && link_items > 20_000,
        "{events} events, {link_items} link items"
    );
    for rst in site.unsupported_issue_files().unwrap() {
        let err = Document::load(&rst).unwrap_err().to_string();
        assert!(err.contains("unsupported format"), "{err}");
    }
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn recent_issues_have_the_expected_sections() {
    let root = twir_testkit::corpus();
    let site = Site::open(&root).unwrap();
    let issues = site.issues().unwrap();
    for f in issues.iter().rev().take(20) {
        let doc = Document::load(&f.path).unwrap();
        assert!(doc.meta.number().is_some(), "{}", f.stem);
        let community = doc
            .section("Updates from Rust Community")
            .expect("community section");
        assert!(
            community
                .children
                .iter()
                .any(|c| c.title == "Observations/Thoughts"),
            "{}",
            f.stem
        );
        assert!(doc.section("Upcoming Events").is_some(), "{}", f.stem);
        let headings = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
            .count();
        assert!(headings > 15, "{}: {headings} headings", f.stem);
    }
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn parser_free_url_keys_agree_on_every_corpus_url() {
    let root = twir_testkit::corpus();
    let site = Site::open(&root).expect("open corpus");
    let (mut urls, mut fast) = (0, 0);
    let mut disagree = Vec::new();
    for f in site.issues().unwrap() {
        let doc = Document::load(&f.path).unwrap();
        for link in &doc.links {
            urls += 1;
            let url = link.url(&doc.source);
            match twir_content::url_norm::fast_path_agrees(url) {
                Some(true) => fast += 1,
                Some(false) => disagree.push(url.to_string()),
                None => {}
            }
        }
    }
    eprintln!(
        "{urls} URLs, {fast} keyed without the parser, {} disagreements",
        disagree.len()
    );
    assert!(urls > 50_000);
    assert!(
        fast * 10 > urls * 8,
        "the parser-free path should cover most URLs"
    );
    assert!(
        disagree.is_empty(),
        "{:?}",
        &disagree[..disagree.len().min(20)]
    );
}
