//! `twir serve` on a Pelican site: pages come from the Pelican theme with the live-reload
//! script, links stay on the preview server, the draft is built, and an edit to an article,
//! a template or `pelicanconf.py` shows at the next rebuild.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::Path;
use twir_serve::live::LiveSite;
use twir_site::Options;
use twir_testkit::copy_dir;

#[test]
fn live_site_renders_the_pelican_theme_and_follows_edits() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../twir-site/tests/fixtures/pelican-site"),
        &root,
    );
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let options = Options {
        drafts: true,
        livereload: true,
        base_override: Some(String::new()),
        ..Options::default()
    };
    let mut live = LiveSite::new(&root, options, &out);
    let first = live.full_build();
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let index = read("index.html");
    assert!(index.contains("/__twir/livereload.js"), "{index}");
    // SITEURL points at the preview: links are site-relative.
    assert!(
        index.contains("<header><a href=\"/\">This Week in Crabs</a>"),
        "{index}"
    );
    assert!(
        index.contains("href=\"/blog/2024/01/17/this-week-in-crabs-3/\""),
        "{index}"
    );
    assert!(read("drafts/this-week-in-crabs-4.html").contains("The issue in progress."));

    let article = root.join("content/2024-01-17-this-week-in-crabs-3.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("Third issue", "The third issue")).unwrap();
    let r = live.rebuild(std::slice::from_ref(&article));
    assert!(r.errors.is_empty() && r.changed, "{r:?}");
    assert!(read("blog/2024/01/17/this-week-in-crabs-3/index.html").contains("The third issue"));

    let template = root.join("themes/mini/templates/article.html");
    let template_text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        template_text.replace("<article>", "<article class=\"edited\">"),
    )
    .unwrap();
    let r = live.rebuild(std::slice::from_ref(&template));
    assert!(r.errors.is_empty() && r.changed, "{r:?}");
    assert!(
        read("blog/2024/01/03/this-week-in-crabs-1/index.html")
            .contains("<article class=\"edited\">")
    );

    let conf = root.join("pelicanconf.py");
    let text = std::fs::read_to_string(&conf).unwrap();
    std::fs::write(&conf, text.replace("This Week in Crabs\"", "Crab Weekly\"")).unwrap();
    let r = live.rebuild(std::slice::from_ref(&conf));
    assert!(r.errors.is_empty() && r.changed, "{r:?}");
    assert!(read("index.html").contains("<header><a href=\"/\">Crab Weekly</a>"));

    // A broken template is reported, then the next good edit recovers.
    std::fs::write(&template, "{% if %}").unwrap();
    let r = live.rebuild(std::slice::from_ref(&template));
    assert!(
        r.errors
            .iter()
            .any(|e| e.contains("article.html:1: template error")),
        "{:?}",
        r.errors
    );
    std::fs::write(&template, template_text).unwrap();
    let r = live.rebuild(std::slice::from_ref(&template));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}
