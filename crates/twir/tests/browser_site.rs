//! Headless-Chromium test of the built website: `twir build` on examples/newsletter, served
//! from 127.0.0.1, an issue page checked on a phone-sized viewport (no horizontal overflow,
//! readable body text, article visible) and a search run in the page (results link to an
//! issue heading that exists), within the 300 KB first-query budget; plus a screenshot at
//! target/twir-site-phone.png. Without Chromium it fails unless TWIR_SKIP_BROWSER=1.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[path = "../../../tests/browser/harness.rs"]
mod harness;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use harness::{PAGE_HELPERS, Server, find_chromium, run_page, screenshot};
use twir_testkit::copy_dir;

const LIMIT: u64 = 300 * 1024;
const QUERY: &str = "buoy sensor";

const SCRIPT: &str = r#"
(async function () {
  var R = {};
  try {
    Object.assign(R, layout());
    var input = document.getElementById('twir-search-input');
    R.hasInput = !!input;
    await typeInto(input, QUERY, 40);
    await waitFor(function () {
      var l = window.twirSearch && window.twirSearch.last;
      var box = document.getElementById('twir-search');
      return l && l.query === QUERY && box && box.getAttribute('data-state') === 'done';
    }, 20000);
    R.href = Array.from(document.querySelectorAll('#twir-search-results .twir-search-link')).map(function (a) { return a.getAttribute('href'); });
    R.status = document.getElementById('twir-search-status').textContent;
    var after = layout();
    R.after_scrollWidth = after.scrollWidth;
    R.after_innerWidth = after.innerWidth;
  } catch (e) { R.error = String(e && e.stack || e); }
  await report(R);
})();
"#;

fn issue_pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            issue_pages(&p, out);
        } else if p.file_name().is_some_and(|n| n == "index.html")
            && p.to_string_lossy()
                .replace('\\', "/")
                .contains("blog/2026/11/18/")
        {
            out.push(p);
        }
    }
}

#[test]
fn built_site_works_on_a_phone_in_headless_chromium() {
    let Some(chromium) = find_chromium() else {
        println!("SKIPPED: browser test (TWIR_SKIP_BROWSER=1)");
        return;
    };
    // A copy of the example, so the build writes its default `output/` there, not into
    // the repository.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/newsletter");
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("newsletter");
    copy_dir(&example, &root);
    Command::cargo_bin("twir")
        .expect("twir binary")
        .arg("--root")
        .arg(&root)
        .arg("build")
        .assert()
        .success();
    let out = root.join("output");
    assert!(
        out.join("search.js").is_file(),
        "twir build wrote no search.js"
    );
    assert!(
        out.join("search/index.json").is_file(),
        "twir build wrote no search index"
    );

    let mut pages = Vec::new();
    issue_pages(&out.join("blog"), &mut pages);
    pages.sort();
    let page = pages
        .first()
        .expect("the page of This Week in Crabs 4 under blog/2026/11/18/");
    let html = fs::read_to_string(page).expect("issue page");
    assert!(
        html.contains("id=\"twir-search-input\""),
        "the issue page has no search box"
    );
    let rel = page
        .strip_prefix(&out)
        .expect("under out")
        .parent()
        .expect("dir");
    let url = format!("/{}/", rel.to_string_lossy().replace('\\', "/"));

    let server = Server::start(&out);
    server.inject(Some(format!(
        "{PAGE_HELPERS}\nvar QUERY = {QUERY:?};\n{SCRIPT}"
    )));
    let r = run_page(
        &chromium,
        &server,
        tmp.path(),
        &server.phone_url(&url),
        Duration::from_secs(90),
    );
    println!("{url}: {r:?}");
    assert!(
        r.get("error").is_none(),
        "page script failed: {}",
        r.get("error").unwrap_or("")
    );
    assert_eq!(r.num("innerWidth"), 375.0, "phone viewport");
    assert!(
        r.num("scrollWidth") <= r.num("innerWidth"),
        "horizontal overflow on a phone"
    );
    assert!(
        r.num("after_scrollWidth") <= r.num("after_innerWidth"),
        "horizontal overflow with results"
    );
    assert!(r.num("bodyFontPx") >= 14.0, "body text smaller than 14px");
    assert_eq!(r.get("articleVisible"), Some("true"), "article not visible");

    let hrefs = r.all("href");
    assert!(
        !hrefs.is_empty(),
        "no results for {QUERY:?}: status {:?}",
        r.get("status")
    );
    let first = hrefs[0];
    let (path, anchor) = first
        .split_once('#')
        .expect("first result links to a heading");
    assert!(
        path.contains("/blog/"),
        "result does not link to an issue: {first}"
    );
    let target = out.join(path.trim_start_matches('/')).join("index.html");
    let target_html =
        fs::read_to_string(&target).unwrap_or_else(|_| panic!("result {first} has no page"));
    assert!(
        target_html.contains(&format!("id=\"{anchor}\"")),
        "result anchor #{anchor} not in {path}"
    );

    let served: u64 = server
        .take_served()
        .iter()
        .filter(|(p, _)| {
            p.ends_with("search.js")
                || (p.contains("/search/") && !p.ends_with(".html") && !p.ends_with('/'))
        })
        .map(|(_, b)| b)
        .sum();
    println!("first query {QUERY:?} downloaded {served} bytes of search files");
    assert!(
        served > 0 && served <= LIMIT,
        "first query downloaded {served} bytes"
    );

    server.inject(None);
    let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/twir-site-phone.png");
    let _ = fs::create_dir_all(png.parent().expect("parent"));
    screenshot(
        &chromium,
        tmp.path(),
        &server.phone_url(&format!("{url}?q=buoy")),
        &png,
        8000,
    );
    println!("screenshot: {}", png.display());
}
