//! Category pages are paginated like the index, ten issues a page by default:
//! `categories/<slug>/`, then `categories/<slug>/index2.html`... A generated site of twelve
//! issues in one category (no `twir.toml`, so every setting is the default) has two pages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use common::{files, read};
use std::path::Path;

/// Writes `n` weekly issues (all in category "Weekly", without tags) under `root/content`.
fn write_issues(root: &Path, n: usize) {
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    for k in 1..=n {
        let text = format!(
            "Title: Weekly {k}\nNumber: {k}\nDate: 2024-03-{k:02}\nCategory: Weekly\n\nIssue {k}.\n"
        );
        std::fs::write(
            content.join(format!("2024-03-{k:02}-this-week-in-rust.md")),
            text,
        )
        .unwrap();
    }
}

fn build(root: &Path, options: twir_site::Options) -> std::path::PathBuf {
    let out = root.join("out");
    let site = twir_content::Site::open(root).unwrap();
    twir_site::build(site, &out, options).unwrap_or_else(|e| panic!("build failed: {e}"));
    out
}

#[test]
fn twelve_issues_make_two_category_pages_of_ten_and_two() {
    let tmp = tempfile::tempdir().unwrap();
    write_issues(tmp.path(), 12);
    let out = build(tmp.path(), twir_site::Options::default());

    let first = read(&out, "categories/weekly/index.html");
    let second = read(&out, "categories/weekly/index2.html");
    assert!(!out.join("categories/weekly/index3.html").exists());
    // Newest first: 12 down to 3 on the first page, 2 and 1 on the second.
    assert_eq!(first.matches("class=\"post-list-title\"").count(), 10);
    assert_eq!(second.matches("class=\"post-list-title\"").count(), 2);
    assert!(first.contains(">Weekly 12<") && first.contains(">Weekly 3<"));
    assert!(!first.contains(">Weekly 2<"));
    assert!(second.contains(">Weekly 2<") && second.contains(">Weekly 1<"));
    // Each page links the other, and only the other.
    assert!(first.contains("href=\"/categories/weekly/index2.html\" rel=\"next\""));
    assert!(!first.contains("rel=\"prev\""));
    assert!(second.contains("href=\"/categories/weekly/\" rel=\"prev\""));
    assert!(!second.contains("rel=\"next\""));
    assert!(second.contains("Page 2 of 2"));
    assert!(second.contains(
        "<link rel=\"canonical\" href=\"https://this-week-in-rust.org/categories/weekly/index2.html\">"
    ));
    // The count is of the whole category, the feed link the category's.
    assert!(second.contains("12 issues"));
    assert!(second.contains("href=\"/categories/weekly/atom.xml\""));
    // The index is paginated the same way.
    assert!(out.join("index2.html").exists());
    assert!(!out.join("index3.html").exists());

    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://this-week-in-rust.org/categories/weekly/</loc>"));
    assert!(
        sitemap.contains("<loc>https://this-week-in-rust.org/categories/weekly/index2.html</loc>")
    );
    assert!(!sitemap.contains("categories/weekly/index3.html"));
}

#[test]
fn ten_issues_fit_on_one_category_page() {
    let tmp = tempfile::tempdir().unwrap();
    write_issues(tmp.path(), 10);
    let out = build(tmp.path(), twir_site::Options::default());
    let page = read(&out, "categories/weekly/index.html");
    assert!(!out.join("categories/weekly/index2.html").exists());
    assert!(!page.contains("class=\"pagination\""), "{page}");
    assert!(!read(&out, "sitemap.xml").contains("index2.html"));
}

#[test]
fn a_site_without_tags_has_no_tag_pages_nor_feeds() {
    let tmp = tempfile::tempdir().unwrap();
    write_issues(tmp.path(), 3);
    let out = build(tmp.path(), twir_site::Options::default());
    let all = files(&out);
    assert!(
        !all.iter().any(|f| f.starts_with("tags/")),
        "no tags, yet: {all:?}"
    );
    assert!(!read(&out, "index.html").contains("/tags/"));
}

#[test]
fn category_templates_get_the_pagination_of_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    write_issues(tmp.path(), 21);
    let theme = tmp.path().join("theme");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(
        theme.join("templates/category.html"),
        "{{ category.name }} {{ pagination.page }}/{{ pagination.pages }} \
         newer={{ pagination.newer or '-' }} older={{ pagination.older or '-' }} posts={{ posts | length }}",
    )
    .unwrap();
    let options = twir_site::Options {
        theme_dir: Some(theme),
        ..Default::default()
    };
    let out = build(tmp.path(), options);
    assert_eq!(
        read(&out, "categories/weekly/index.html"),
        "Weekly 1/3 newer=- older=/categories/weekly/index2.html posts=10"
    );
    assert_eq!(
        read(&out, "categories/weekly/index2.html"),
        "Weekly 2/3 newer=/categories/weekly/ older=/categories/weekly/index3.html posts=10"
    );
    assert_eq!(
        read(&out, "categories/weekly/index3.html"),
        "Weekly 3/3 newer=/categories/weekly/index2.html older=- posts=1"
    );
}
