//! The archive's `.rst` issue renders as on the live site (Pelican's page in ../shared).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// The article body of a Pelican page of the rusted theme.
fn article_body(page: &str) -> &str {
    let open = "<article class=\"post-content\">\n    ";
    let start = page.find(open).expect("article start") + open.len();
    let end = page[start..].find("\n  </article>").expect("article end") + start;
    &page[start..end]
}

#[test]
fn state_of_rust_matches_the_live_site() {
    let source = shared().join("content/state-of-rust-0-11-0.rst");
    let page = shared().join("pelican-site/blog/2014/07/15/state-of-rust-0.11.0/index.html");
    if !source.exists() || !page.exists() {
        println!(
            "SKIPPED state_of_rust_matches_the_live_site: {} or {} is absent (../shared is not next to the project)",
            source.display(),
            page.display()
        );
        return;
    }
    let text = std::fs::read_to_string(&source).unwrap();
    let doc = twir_rst::parse(&source, &text).unwrap();
    let page = std::fs::read_to_string(&page).unwrap();
    let expected = article_body(&page);
    if doc.body_html != expected {
        let diff_at = doc
            .body_html
            .char_indices()
            .zip(expected.chars())
            .find(|((_, a), b)| a != b)
            .map_or(doc.body_html.len().min(expected.len()), |((i, _), _)| i);
        let from = doc
            .body_html
            .floor_char_boundary(diff_at.saturating_sub(80));
        panic!(
            "body differs at byte {diff_at}:\n ours: {:?}\nlive: {:?}",
            &doc.body_html[from..doc.body_html.floor_char_boundary(diff_at + 80)],
            &expected
                [expected.floor_char_boundary(from)..expected.floor_char_boundary(diff_at + 80)]
        );
    }
    assert_eq!(doc.title, "State of Rust 0.11.0");
    assert!(page.contains(&format!(">{}</a>", doc.title)));
    assert_eq!(
        doc.metadata,
        [
            ("date".to_string(), "2014-07-15 15:40".to_string(), 4),
            ("category".to_string(), "Rust".to_string(), 5),
            ("slug".to_string(), "state-of-rust-0.11.0".to_string(), 6),
        ]
    );
    // The page's URL comes from the slug, its date from the date field.
    assert!(page.contains("datetime=\"2014-07-15T15:40:00-04:00\""));
}
