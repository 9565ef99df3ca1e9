//! The download budget on the real archive: a reader's first query must fetch at most
//! 300 KB in all (search.js, the manifest, shards, docs chunks, snippet chunks).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use std::time::Instant;

use twir_search::query::Index;
use twir_search::write_index;

const LIMIT: u64 = 300 * 1024;
const QUERIES: &[&str] = &[
    "async",
    "const generics",
    "rustconf",
    "tokio 1.0",
    "borrow checker",
];

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn first_queries_stay_under_300_kb_on_the_corpus() {
    let dir = common::corpus::required();
    let docs = common::corpus::to_docs(&common::corpus::read_raw(&dir));
    assert!(docs.len() > 500, "corpus has {} issues", docs.len());
    let out = tempfile::tempdir().expect("temp dir");
    let start = Instant::now();
    let stats = write_index(&docs, out.path()).expect("index written");
    println!(
        "indexed {} issues in {:?} (debug build): {} files, {} bytes, {} terms, largest shard {} bytes",
        docs.len(),
        start.elapsed(),
        stats.files,
        stats.bytes,
        stats.terms,
        stats.largest_shard
    );
    let index = Index::open(out.path()).expect("index opens");
    println!(
        "manifest: {} shards, {} docs chunks, {} text chunks",
        index.manifest().shards.len(),
        index.manifest().dc.len(),
        index.manifest().tc.len()
    );
    for q in QUERIES {
        let r = index.first_query(q).expect("query runs");
        println!(
            "{q:?}: {} bytes in {} files, {} results, {} shown",
            r.bytes,
            r.files.len(),
            r.total,
            r.shown.len()
        );
        for (f, b) in &r.files {
            println!("    {b:>7} {f}");
        }
        for h in r.shown.iter().take(3) {
            println!("    -> {} › {} ({}) {}", h.title, h.heading, h.date, h.href);
        }
        assert!(
            r.bytes <= LIMIT,
            "{q:?} downloads {} bytes > {LIMIT}",
            r.bytes
        );
        assert!(r.total > 0, "{q:?} finds nothing");
        assert!(!r.shown.is_empty(), "{q:?} shows nothing");
        assert!(
            r.shown.iter().any(|h| h.href.contains('#')),
            "{q:?}: no result links to a heading"
        );
    }
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn corpus_sections_have_anchors_that_exist_in_the_html() {
    let dir = common::corpus::required();
    let raw = common::corpus::read_raw(&dir);
    let (mut sections, mut checked) = (0, 0);
    for (stem, _, _, html) in &raw {
        let Some(html) = html else { continue };
        let secs = twir_search::sections_from_html(html);
        assert!(!secs.is_empty(), "{stem}: no sections");
        sections += secs.len();
        for s in secs.iter().filter(|s| !s.anchor.is_empty()) {
            checked += 1;
            assert!(
                html.contains(&format!("id=\"{}\"", s.anchor)),
                "{stem}: anchor {:?} not an id in the page",
                s.anchor
            );
            assert!(
                !s.heading.is_empty(),
                "{stem}: #{} has no heading text",
                s.anchor
            );
            // `<` alone is fine (decoded `&lt;`, as in `Vec<char>`); markup is not.
            for tag in ["<a href=", "</a>", "</li>"] {
                assert!(
                    !s.text.contains(tag),
                    "{stem}: #{} text has markup {tag:?}",
                    s.anchor
                );
            }
        }
    }
    println!(
        "{} bodies, {sections} sections, {checked} anchors checked",
        raw.len()
    );
    assert!(checked > 5000);
}
