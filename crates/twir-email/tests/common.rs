//! Shared helpers of the integration tests (included with `mod common;`).

#![allow(dead_code)]

use scraper::{Html, Selector};
use std::path::PathBuf;

/// The fixture site at the repository root: `tests/fixtures/email`.
pub fn fixture_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/email")
}

/// Every `href` and `src` value of an HTML document.
pub fn urls_of(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("[href], [src]").expect("valid selector");
    doc.select(&sel)
        .flat_map(|e| {
            let v = e.value();
            [v.attr("href"), v.attr("src")]
        })
        .flatten()
        .map(str::to_string)
        .collect()
}

/// The URLs of `html` that are not absolute, except the mailing service's placeholder.
pub fn relative_urls(html: &str, placeholder: &str) -> Vec<String> {
    urls_of(html)
        .into_iter()
        .filter(|u| u != placeholder && url::Url::parse(u).is_err())
        .collect()
}

/// Lines of `text` wider than 72 columns that could have been broken (they contain a space
/// after their indentation, outside a `[n] URL` reference line).
pub fn breakable_long_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().count() > 72)
        .filter(|l| {
            let t = l.trim_start();
            let is_ref =
                t.starts_with('[') && t.split_once("] ").is_some_and(|(_, u)| !u.contains(' '));
            !is_ref && t.trim_start_matches(['*', '>', ' ']).contains(' ')
        })
        .map(str::to_string)
        .collect()
}
