//! Shared helpers of the integration tests (included with `mod common;`).

#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

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

/// Lines of `text` wider than 72 columns that could have been broken: not a `[n] URL`
/// reference, not one long word (with its `[n]` marker), not a line of a code block of `html`.
pub fn breakable_long_lines(text: &str, html: &str) -> Vec<String> {
    let code = code_lines(html);
    text.lines()
        .filter(|l| l.chars().count() > 72)
        .filter(|l| {
            let t = l.trim_start().trim_start_matches(['*', '>', ' ']);
            let is_ref =
                t.starts_with('[') && t.split_once("] ").is_some_and(|(_, u)| !u.contains(' '));
            let word = match t.rsplit_once(" [") {
                Some((w, n)) if n.ends_with(']') => w,
                _ => t,
            };
            !is_ref && word.contains(' ') && !code.contains(l.trim())
        })
        .map(str::to_string)
        .collect()
}

/// The trimmed lines of every `<pre>` block: kept verbatim in text, so never wrapped.
fn code_lines(html: &str) -> std::collections::HashSet<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("pre").expect("valid selector");
    doc.select(&sel)
        .flat_map(|pre| {
            pre.text()
                .collect::<String>()
                .lines()
                .map(|l| l.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}
