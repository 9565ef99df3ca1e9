//! Images: `![alt](src)` and `![alt][ref]` become `<img>`, never a `!` followed by a link.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

#[test]
fn inline_and_reference_images() {
    let html = twir_markdown::render(
        "See ![a crab](/images/crab.png \"Ferris\") and [a link](https://x.org).\n\n![ref][c]\n\n[c]: https://x.org/c.png\n",
    );
    assert!(
        html.contains("<img alt=\"a crab\" src=\"/images/crab.png\" title=\"Ferris\""),
        "{html}"
    );
    assert!(
        html.contains("<img alt=\"ref\" src=\"https://x.org/c.png\""),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://x.org\">a link</a>"),
        "{html}"
    );
    assert!(!html.contains("!<a"), "{html}");
}
