//! The link scanner never panics, its spans fall on character boundaries inside the input, and
//! a destination span, when given, holds exactly the destination; the URL-only scan gives the
//! same URLs, a parsed document the same links, and every URL's duplicate key and tracking
//! parameters are computed without a panic, the parser-free answers agreeing with the URL
//! parser's.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_content::links::{extract_link_urls, extract_links};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let links = extract_links(text, 0);
    let mut last = 0;
    for link in &links {
        assert!(text.get(link.span.range()).is_some(), "span {:?}", link.span);
        assert!(link.span.start >= last, "links out of order");
        last = link.span.start;
        if let Some(s) = link.url_span {
            assert_eq!(text.get(s.range()), Some(link.url(text)));
        }
        // The text is read from the input where it is written as is: slicing must not panic.
        let _ = link.text(text);
        let url = link.url(text);
        let _ = twir_content::url_norm::normalize(url);
        let _ = twir_content::url_norm::tracking_params(url);
        fast_paths_agree(url);
    }
    // The whole input as a URL too: the fuzzer then shapes URLs directly.
    fast_paths_agree(text);
    let urls: Vec<&str> = links.iter().map(|l| l.url(text)).collect();
    assert_eq!(extract_link_urls(text), urls);
    // A parsed document takes its body's lines from its line index: the same links.
    let doc = twir_content::Document::parse(text);
    let base = doc.body_start();
    assert_eq!(doc.links, extract_links(&text[base..], base));
});

/// The parser-free URL key and tracking answer, when they give one, are the URL parser's.
fn fast_paths_agree(url: &str) {
    assert_ne!(
        twir_content::url_norm::fast_path_agrees(url),
        Some(false),
        "parser-free key differs for {url:?}"
    );
    assert!(
        twir_content::url_norm::tracking_fast_path_agrees(url),
        "parser-free tracking answer differs for {url:?}"
    );
}
