//! The fixture site built end to end: which files exist (the URLs of the old site), and what
//! the main pages contain (snapshots).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use common::{build, files, read};

#[test]
fn writes_the_urls_of_the_old_site() {
    let (_tmp, out, report) = build(false, false);
    insta::assert_snapshot!("files", files(&out).join("\n"));
    assert_eq!(report.issues, 4);
    assert_eq!(report.drafts, 0);
    assert_eq!(report.pages, 1);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(
        report.warnings[0].contains("state-of-fixture.rst: skipped"),
        "{:?}",
        report.warnings
    );
    // Two per page (twir.toml): four issues, two index pages.
    assert!(out.join("index2.html").exists());
    assert!(!out.join("index3.html").exists());
    // The image came along, byte for byte.
    assert_eq!(
        std::fs::read(out.join("images/crab.png")).unwrap(),
        std::fs::read(common::fixture().join("content/images/crab.png")).unwrap()
    );
}

#[test]
fn pages_snapshots() {
    let (_tmp, out, _) = build(false, false);
    for rel in [
        "index.html",
        "index2.html",
        "blog/2024/01/03/fixture-weekly-1/index.html",
        "blog/2024/01/17/fixture-weekly-3-ampersand/index.html",
        "blog/archives/index.html",
        "categories/index.html",
        "categories/specials/index.html",
        "categories/this-week-in-rust/index.html",
        "categories/this-week-in-rust/index2.html",
        "tags/index.html",
        "tags/community/index.html",
        "tags/events/atom.xml",
        "pages/about-fixture-weekly.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "rss.xml",
    ] {
        let name = rel.replace(['/', '.'], "_");
        insta::assert_snapshot!(name, read(&out, rel));
    }
}

#[test]
fn issue_pages_link_to_their_neighbours_and_keep_the_article_class() {
    let (_tmp, out, _) = build(false, false);
    let second = read(&out, "blog/2024/01/10/fixture-weekly-2/index.html");
    assert!(second.contains("<html lang=\"en\">"));
    assert!(second.contains("<article class=\"post-content\">"));
    assert!(
        second.contains("href=\"/blog/2024/01/03/fixture-weekly-1/\" rel=\"prev\""),
        "{second}"
    );
    assert!(second.contains("href=\"/blog/2024/01/17/fixture-weekly-3-ampersand/\" rel=\"next\""));
    assert!(second.contains("datetime=\"2024-01-10T18:30:00-05:00\""));
    assert!(second.contains("href=\"https://fixture.example.org/subscribe\""));
    let first = read(&out, "blog/2024/01/03/fixture-weekly-1/index.html");
    assert!(!first.contains("rel=\"prev\""));
    let newest = read(&out, "blog/2024/01/24/special/index.html");
    assert!(!newest.contains("rel=\"next\""));
    // No external resources: no CDN, no web fonts.
    for f in files(&out)
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".css"))
    {
        let text = read(&out, f);
        assert!(
            !text.contains("//cdn") && !text.contains("fonts.googleapis"),
            "{f}"
        );
        assert!(!text.contains("<script src=\"http"), "{f}");
    }
}

#[test]
fn drafts_are_built_on_request_and_never_syndicated() {
    let (_tmp, out, report) = build(true, false);
    assert_eq!(report.drafts, 1);
    let draft = read(&out, "blog/2024/01/31/fixture-weekly-4/index.html");
    assert!(draft.contains("Draft: not published yet."));
    assert!(read(&out, "index.html").contains("Fixture Weekly 4"));
    for feed in [
        "atom.xml",
        "rss.xml",
        "sitemap.xml",
        "categories/this-week-in-rust/atom.xml",
    ] {
        assert!(!read(&out, feed).contains("fixture-weekly-4"), "{feed}");
    }
}

#[test]
fn search_index_and_box_are_written_unless_disabled() {
    let (_tmp, out, report) = build(false, true);
    assert!(out.join("search.js").exists());
    assert!(report.search.is_some());
    assert!(read(&out, "index.html").contains("id=\"twir-search-input\""));
    let (_tmp2, out2, _) = build(false, false);
    assert!(!out2.join("search.js").exists());
    assert!(!read(&out2, "index.html").contains("twir-search-input"));
}

#[test]
fn a_theme_folder_overrides_templates_and_adds_static_files() {
    let theme = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(theme.path().join("templates")).unwrap();
    std::fs::create_dir_all(theme.path().join("static")).unwrap();
    std::fs::write(
        theme.path().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ page.title }}</p>{% endblock %}",
    )
    .unwrap();
    std::fs::write(
        theme.path().join("static/extra.scss"),
        "$c: #123456;\n.x { color: $c; }\n",
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let site = twir_content::Site::open(&common::fixture()).unwrap();
    let options = twir_site::Options {
        theme_dir: Some(theme.path().to_path_buf()),
        ..Default::default()
    };
    twir_site::build(site, &out, options).unwrap();
    assert!(
        read(&out, "pages/about-fixture-weekly.html")
            .contains("<p class=\"custom\">About Fixture Weekly</p>")
    );
    assert_eq!(read(&out, "theme/extra.css"), ".x{color:#123456}");
    // Templates not overridden stay the built-in ones.
    assert!(read(&out, "index.html").contains("class=\"post-list\""));
}
