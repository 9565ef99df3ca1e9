//! A fixture of our own with every supported construct, snapshotted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::Path;

#[test]
fn fixture_article() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/article.rst");
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = twir_rst::parse(Path::new("article.rst"), &text).unwrap();
    insta::assert_snapshot!("article_title", doc.title);
    let metadata: Vec<String> = doc
        .metadata
        .iter()
        .map(|(name, value, line)| format!("{line}: {name} = {value:?}"))
        .collect();
    insta::assert_snapshot!("article_metadata", metadata.join("\n"));
    insta::assert_snapshot!("article_body", doc.body_html);
}
