//! The email edition's HTML and text passes on any body HTML: the tree writers (twir's own
//! template path), the stream passes that keep a theme's markup (nesting bound, links made
//! absolute, CSS styles carried over from css-inline) and the text part of a whole page.
//! Nothing may panic; the nesting bound holds; every pass is deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use twir_email::urls::SiteUrls;

fn urls() -> &'static SiteUrls {
    static U: OnceLock<SiteUrls> = OnceLock::new();
    U.get_or_init(|| {
        SiteUrls::pelican("https://example.org/news", "blog/2026/08/19/this-week-in-rust-665/")
            .expect("valid URLs")
    })
}

/// Depth of the deepest element html5ever builds from a fragment.
fn depth(html: &str) -> usize {
    let doc = scraper::Html::parse_fragment(html);
    doc.tree.nodes().map(|n| n.ancestors().count()).max().unwrap_or(0)
}

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let urls = urls();

    let capped = twir_email::nesting::cap_nesting(&body);
    assert!(depth(&capped) <= 4 * twir_email::nesting::MAX_DEPTH + 8);

    // twir's own template path.
    let parsed = twir_email::body::parse(&body);
    let html = twir_email::body::email_html(&parsed, urls);
    let text = twir_email::text::to_text(&parsed, urls, twir_email::text::WIDTH);
    assert_eq!(text, twir_email::text::to_text(&parsed, urls, twir_email::text::WIDTH));
    assert!(text.ends_with('\n'));
    let _ = twir_email::text::preheader(&parsed, 140);
    assert_eq!(html, twir_email::body::email_html(&twir_email::body::parse(&body), urls));

    // A theme's path: the body kept as written, in a page with CSS to inline.
    let message = twir_email::message_body::message_body(&body, urls);
    // No script element survives. A text search would also flag `<script` written inside a
    // tag name (`<a<scriptx>` is one element, `a<scriptx`), which no client runs.
    let reparsed = scraper::Html::parse_fragment(&message);
    let scripts = scraper::Selector::parse("script").expect("a selector");
    assert!(reparsed.select(&scripts).next().is_none(), "{message}");
    let page = format!(
        "<!doctype html><html><head><style>p {{ margin: 0 }} td a {{ color: red }} \
         @media (max-width: 600px) {{ p {{ margin: 1px !important }} }}</style></head>\
         <body><table><tr><td>{message}</td></tr></table></body></html>"
    );
    if let Ok(inlined) = twir_email::restyle::inline_keeping_markup(&page) {
        assert!(twir_email::uninlined_rules(&inlined).is_empty(), "{inlined}");
        let text = twir_email::text::document_text(&inlined, urls, twir_email::text::WIDTH);
        assert!(text.ends_with('\n'));
    }
});
