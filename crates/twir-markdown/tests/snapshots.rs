//! Snapshot tests of small fixture documents written for this crate.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

fn render_fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let r = twir_markdown::render_with_toc(&src);
    let ids: Vec<String> = r
        .headings
        .iter()
        .map(|h| format!("h{} #{} {}", h.level, h.id, h.text))
        .collect();
    format!("{}\n\n--- headings ---\n{}", r.html, ids.join("\n"))
}

#[test]
fn lists() {
    insta::assert_snapshot!(render_fixture("lists.md"));
}

#[test]
fn inline() {
    insta::assert_snapshot!(render_fixture("inline.md"));
}

#[test]
fn blocks() {
    insta::assert_snapshot!(render_fixture("blocks.md"));
}
