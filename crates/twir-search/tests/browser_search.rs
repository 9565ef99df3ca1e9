//! Headless-Chromium test of the search client on a small generated site (fixture issues
//! plus, when present, the whole real archive in the index): phone layout, the JS tokenizer
//! against the Rust one, results and their links, downloads against the Rust planner and the
//! 300 KB budget, the `/search/?q=` page, and a screenshot (target/twir-search-phone.png).
//! Without Chromium it fails unless TWIR_SKIP_BROWSER=1.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

#[path = "../../../tests/browser/harness.rs"]
mod harness;

use std::fs;
use std::path::Path;
use std::time::Duration;

use harness::{PAGE_HELPERS, Report, Server, find_chromium, run_page, screenshot};
use twir_search::query::Index;
use twir_search::tokenize::{CROSS_CHECK, terms};
use twir_search::{SearchDoc, search_box_html, sections_from_html, write_index};

const LIMIT: u64 = 300 * 1024;
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Writes the fixture pages and the index (fixtures + corpus if present) under `root`;
/// returns the URL of the newest fixture issue.
fn build_site(root: &Path) -> String {
    let layout = fs::read_to_string(format!("{FIXTURES}/layout.html")).expect("layout fixture");
    let mut docs = Vec::new();
    for n in 1..=3 {
        let body = fs::read_to_string(format!("{FIXTURES}/crabs-{n}.html")).expect("issue fixture");
        let url = format!("/blog/2030/01/{:02}/this-week-in-crabs-{n}/", n * 7);
        let title = format!("This Week in Crabs {n}");
        let page = layout
            .replace("{{title}}", &title)
            .replace("{{search}}", &search_box_html(""))
            .replace("{{body}}", &body);
        let dir = root.join(url.trim_start_matches('/'));
        fs::create_dir_all(&dir).expect("page dir");
        fs::write(dir.join("index.html"), page).expect("page");
        docs.push(SearchDoc {
            url,
            title,
            date: format!("2030-01-{:02}", n * 7),
            sections: sections_from_html(&body),
        });
    }
    match common::corpus::corpus_dir() {
        Some(dir) => docs.extend(common::corpus::to_docs(&common::corpus::read_raw(&dir))),
        None => println!("note: no corpus at ../shared/corpus; indexing the fixtures only"),
    }
    write_index(&docs, root).expect("index written");
    docs[1].url.clone()
}

/// Bytes of search files (client and index, not pages) among `served`.
fn search_bytes(served: &[(String, u64)]) -> u64 {
    served
        .iter()
        .filter(|(p, _)| {
            p == "/search.js"
                || (p.starts_with("/search/") && p != "/search/" && !p.ends_with(".html"))
        })
        .map(|(_, b)| b)
        .sum()
}

const ISSUE_SCRIPT: &str = r#"
(async function () {
  var R = {};
  try {
    Object.assign(R, layout());
    var input = document.getElementById('twir-search-input');
    input.focus();
    input.dispatchEvent(new Event('focus'));
    await waitFor(function () { return window.twirSearch; }, 10000);
    await window.twirSearch.ready;
    R.tokens = CROSS.map(function (s) { return window.twirSearch.terms(s).join(' '); });
    R.snips = SNIPS.map(function (c) { return window.twirSearch.snippetWindow(Array.from(c[0]), c[1], 40, 180).join(','); });
    input.value = QUERY;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await waitFor(function () {
      var l = window.twirSearch.last;
      return l && l.query === QUERY && document.getElementById('twir-search').getAttribute('data-state') === 'done';
    }, 20000);
    R.href = Array.from(document.querySelectorAll('#twir-search-results .twir-search-link')).map(function (a) { return a.getAttribute('href'); });
    R.text = Array.from(document.querySelectorAll('#twir-search-results .twir-search-link')).map(function (a) { return a.textContent; });
    R.snippets = document.querySelectorAll('#twir-search-results .twir-search-snippet mark').length;
    R.status = document.getElementById('twir-search-status').textContent;
    R.spent = window.twirSearch.last.spent;
    Object.keys(layout()).forEach(function (k) { R['after_' + k] = layout()[k]; });
  } catch (e) { R.error = String(e && e.stack || e); }
  await report(R);
})();
"#;

const URL_SCRIPT: &str = r#"
(async function () {
  var R = {};
  try {
    await waitFor(function () {
      var l = window.twirSearch && window.twirSearch.last;
      return l && document.getElementById('twir-search').getAttribute('data-state') === 'done';
    }, 20000);
    R.value = document.getElementById('twir-search-input').value;
    R.href = Array.from(document.querySelectorAll('#twir-search-results .twir-search-link')).map(function (a) { return a.getAttribute('href'); });
    R.spent = window.twirSearch.last.spent;
  } catch (e) { R.error = String(e && e.stack || e); }
  await report(R);
})();
"#;

const TYPING_SCRIPT: &str = r#"
(async function () {
  var R = {};
  try {
    var input = document.getElementById('twir-search-input');
    await typeInto(input, QUERY, 90);
    await waitFor(function () {
      var l = window.twirSearch && window.twirSearch.last;
      return l && l.query === QUERY && document.getElementById('twir-search').getAttribute('data-state') === 'done';
    }, 20000);
    R.href = Array.from(document.querySelectorAll('#twir-search-results .twir-search-link')).map(function (a) { return a.getAttribute('href'); });
    R.windows = window.twirSearch.windows;
  } catch (e) { R.error = String(e && e.stack || e); }
  await report(R);
})();
"#;

/// Lines and match positions (in characters) whose snippet windows JS and Rust must agree
/// on.
fn snippet_cases() -> Vec<(String, usize)> {
    let welcome = "Hello and welcome to another issue of This Week in Rust! Rust is a programming language empowering everyone to build reliable and efficient software. This is a weekly summary of its progress and community. Want something mentioned? Tag us.";
    let mut cases: Vec<(String, usize)> = [0, 5, 41, 60, 97, 150, 200]
        .iter()
        .map(|&h| (welcome.to_string(), h))
        .collect();
    cases.push((format!("x {} y", "a".repeat(300)), 100));
    cases.push(("日本語のテキスト and emoji 🦀 crabs ".repeat(12), 70));
    cases
}

fn script(body: &str, query: &str) -> String {
    let cross: Vec<String> = CROSS_CHECK.iter().map(|s| format!("{s:?}")).collect();
    let snips: Vec<String> = snippet_cases()
        .iter()
        .map(|(line, hit)| format!("[{line:?}, {hit}]"))
        .collect();
    format!(
        "{PAGE_HELPERS}\nvar QUERY = {query:?};\nvar CROSS = [{}];\nvar SNIPS = [{}];\n{body}",
        cross.join(","),
        snips.join(",")
    )
}

fn no_error(r: &Report) {
    assert!(
        r.get("error").is_none(),
        "page script failed: {}",
        r.get("error").unwrap_or("")
    );
}

#[test]
fn search_works_in_headless_chromium_on_a_phone() {
    let Some(chromium) = find_chromium() else {
        println!("SKIPPED: browser test (TWIR_SKIP_BROWSER=1)");
        return;
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    let issue = build_site(&site);
    let index = Index::open(&site).expect("index opens");
    let server = Server::start(&site);
    let timeout = Duration::from_secs(90);

    // A: the issue page on a phone, then a query typed at once.
    let q = "tokio 1.0";
    server.inject(Some(script(ISSUE_SCRIPT, q)));
    let r = run_page(
        &chromium,
        &server,
        tmp.path(),
        &server.phone_url(&issue),
        timeout,
    );
    no_error(&r);
    println!("issue page: {r:?}");
    assert_eq!(r.num("innerWidth"), 375.0, "phone viewport");
    assert!(
        r.num("scrollWidth") <= r.num("innerWidth"),
        "horizontal overflow before searching"
    );
    assert!(
        r.num("after_scrollWidth") <= r.num("after_innerWidth"),
        "horizontal overflow with results"
    );
    assert!(r.num("bodyFontPx") >= 14.0, "body text too small");
    assert_eq!(r.get("articleVisible"), Some("true"));
    let js_tokens = r.all("tokens");
    let rust_tokens: Vec<String> = CROSS_CHECK.iter().map(|s| terms(s).join(" ")).collect();
    assert_eq!(js_tokens, rust_tokens, "JS and Rust tokenizers disagree");
    let rust_snips: Vec<String> = snippet_cases()
        .iter()
        .map(|(line, hit)| {
            let (from, to) = twir_search::query::snippet_window(line, *hit, 40, 180);
            format!("{from},{to}")
        })
        .collect();
    assert_eq!(
        r.all("snips"),
        rust_snips,
        "JS and Rust snippet windows disagree"
    );
    let expected = index.first_query(q).expect("rust query");
    let hrefs = r.all("href");
    assert!(!hrefs.is_empty(), "no results for {q:?}");
    assert!(
        hrefs
            .iter()
            .any(|h| h.starts_with("/blog/") && h.contains('#')),
        "a result links to an issue heading"
    );
    let want: Vec<&str> = expected.shown.iter().map(|h| h.href.as_str()).collect();
    assert_eq!(hrefs, want, "JS results differ from the Rust planner");
    assert!(r.num("snippets") >= 1.0, "no highlighted snippet");
    let served = search_bytes(&server.take_served());
    println!(
        "{q:?}: served {served} bytes (JS counted {}, Rust planned {})",
        r.num("spent"),
        expected.bytes
    );
    assert_eq!(
        served, expected.bytes,
        "served bytes differ from the Rust plan"
    );
    assert_eq!(r.num("spent") as u64, expected.bytes);
    assert!(served <= LIMIT, "first query downloaded {served} bytes");

    // B: the shareable URL page.
    let q = "borrow checker";
    server.inject(Some(script(URL_SCRIPT, q)));
    let r = run_page(
        &chromium,
        &server,
        tmp.path(),
        &server.phone_url("/search/?q=borrow+checker"),
        timeout,
    );
    no_error(&r);
    assert_eq!(r.get("value"), Some(q));
    let expected = index.first_query(q).expect("rust query");
    let want: Vec<&str> = expected.shown.iter().map(|h| h.href.as_str()).collect();
    assert!(!want.is_empty());
    assert_eq!(r.all("href"), want);
    let served = search_bytes(&server.take_served());
    println!("/search/?q=borrow+checker: served {served} bytes");
    assert!(served <= LIMIT);

    // C: typing letter by letter (type-ahead queries share one budget window).
    let q = "const generics";
    server.inject(Some(script(TYPING_SCRIPT, q)));
    let r = run_page(
        &chromium,
        &server,
        tmp.path(),
        &server.phone_url(&issue),
        timeout,
    );
    no_error(&r);
    assert!(!r.all("href").is_empty(), "no results after typing {q:?}");
    assert_eq!(
        r.num("windows"),
        1.0,
        "typing opened more than one budget window"
    );
    let list = server.take_served();
    let served = search_bytes(&list);
    println!(
        "typing {q:?}: served {served} bytes in {} requests",
        list.len()
    );
    assert!(
        served <= LIMIT,
        "typing a first query downloaded {served} bytes"
    );

    // D: a screenshot of the issue page showing results for a query from the URL.
    server.inject(None);
    let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/twir-search-phone.png");
    let _ = fs::create_dir_all(png.parent().expect("parent"));
    screenshot(
        &chromium,
        tmp.path(),
        &server.phone_url(&format!("{issue}?q=crab+async")),
        &png,
        8000,
    );
    let size = fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    println!("screenshot: {} ({size} bytes)", png.display());
    assert!(size > 5000, "screenshot looks empty");
}
