//! write_index on small hand-made documents: files, manifest, queries, rewrites.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::fs;

use twir_search::query::{Index, parse_query};
use twir_search::{SearchDoc, SearchSection, sections_from_html, write_index};

fn doc(n: u32, date: &str, body: &str) -> SearchDoc {
    SearchDoc {
        url: format!("/blog/issue-{n}/"),
        title: format!("This Week in Crabs {n}"),
        date: date.into(),
        sections: sections_from_html(body),
    }
}

fn fixture() -> Vec<SearchDoc> {
    vec![
        doc(
            1,
            "2026-10-28",
            "<p>Welcome crabs.</p><h2 id=\"news\">News</h2><ul><li>Tokio 1.0 released</li></ul>\
            <h2 id=\"generics\">Const Generics</h2><p>const generics are stable</p>",
        ),
        doc(
            2,
            "2026-11-04",
            "<p>Hello again.</p><h2 id=\"news\">News</h2><p>The borrow checker got smarter.</p>",
        ),
        doc(
            3,
            "2026-11-11",
            "<h2 id=\"events\">Events</h2><p>RustConf tickets</p><h3 id=\"asyncconf\">Async Conf</h3><p>async all the things</p>",
        ),
        SearchDoc {
            url: "/pages/about/".into(),
            title: "About".into(),
            date: "2020-01-01".into(),
            sections: vec![],
        },
    ]
}

#[test]
fn writes_the_documented_files() {
    let out = tempfile::tempdir().expect("temp dir");
    let stats = write_index(&fixture(), out.path()).expect("written");
    for f in [
        "search.js",
        "search/index.json",
        "search/index.html",
        "search/s/0.bin",
        "search/d/0.json",
        "search/x/0.json",
    ] {
        assert!(out.path().join(f).is_file(), "{f} missing");
    }
    assert!(stats.terms > 10);
    assert!(stats.files >= 6);
    let index = Index::open(out.path()).expect("opens");
    let m = index.manifest();
    // Newest first: issue 3 (2 sections), 2 (2), 1 (3), about (1, synthetic).
    assert_eq!(m.ds, [2, 2, 3, 1]);
    assert_eq!(m.n, 8);
    assert_eq!(m.js, twir_search::SEARCH_JS.len() as u64);
}

#[test]
fn queries_find_sections_with_anchors() {
    let out = tempfile::tempdir().expect("temp dir");
    write_index(&fixture(), out.path()).expect("written");
    let index = Index::open(out.path()).expect("opens");
    let hrefs = |q: &str| -> Vec<String> {
        index
            .first_query(q)
            .expect("query")
            .shown
            .into_iter()
            .map(|h| h.href)
            .collect()
    };
    assert_eq!(hrefs("tokio 1.0"), ["/blog/issue-1/#news"]);
    assert_eq!(hrefs("borrow checker"), ["/blog/issue-2/#news"]);
    // The heading match ranks first; the prefix "const gen" completes to "generic".
    assert_eq!(hrefs("const gen")[0], "/blog/issue-1/#generics");
    // Type-ahead: "asy" completes to "async".
    assert_eq!(hrefs("asy"), ["/blog/issue-3/#asyncconf"]);
    // Title words find the top of the page; a page without sections links to its URL.
    assert_eq!(hrefs("about"), ["/pages/about/"]);
    assert!(hrefs("crabs 2").contains(&"/blog/issue-2/".to_owned()));
    assert!(hrefs("nonexistentword").is_empty());
    assert!(hrefs("the").is_empty());
    let r = index.first_query("news").expect("query");
    assert_eq!(r.total, 2);
    // Newer issue first on equal scores.
    assert_eq!(r.shown[0].href, "/blog/issue-2/#news");
    assert_eq!(r.shown[0].title, "This Week in Crabs 2");
    assert_eq!(r.shown[0].heading, "News");
    assert_eq!(r.shown[0].date, "2026-11-04");
}

#[test]
fn rewriting_a_smaller_index_removes_stale_files() {
    let out = tempfile::tempdir().expect("temp dir");
    let big: Vec<SearchDoc> = (0..300)
        .map(|i| {
            doc(
                i,
                &format!("2020-01-{:02}", i % 28 + 1),
                &format!(
                    "<h2 id=\"a\">A</h2><p>{}</p>",
                    "word ".repeat(200) + &format!("unique{i} ")
                ),
            )
        })
        .collect();
    write_index(&big, out.path()).expect("written");
    let count = |d: &str| {
        fs::read_dir(out.path().join("search").join(d))
            .map(|r| r.count())
            .unwrap_or(0)
    };
    assert!(count("x") > 1, "several text chunks");
    write_index(&fixture(), out.path()).expect("rewritten");
    assert_eq!(
        count("x"),
        Index::open(out.path()).expect("opens").manifest().tc.len()
    );
    assert_eq!(
        count("s"),
        Index::open(out.path())
            .expect("opens")
            .manifest()
            .shards
            .len()
    );
}

#[test]
fn parse_query_matches_the_documented_rules() {
    let q = parse_query("Borrow Checkers");
    assert_eq!(q.exact, ["borrow"]);
    assert_eq!(q.prefix, Some(("checker".into(), "checker".into())));
}

#[test]
fn unwritable_output_is_an_error_not_a_panic() {
    let out = tempfile::tempdir().expect("temp dir");
    let file = out.path().join("file");
    fs::write(&file, "x").expect("write");
    let err = write_index(&fixture(), &file).expect_err("cannot write under a file");
    assert!(err.to_string().contains("file"), "{err}");
    let _ = SearchSection {
        anchor: String::new(),
        heading: String::new(),
        text: String::new(),
    };
}
