//! The link scanner never panics, its spans fall on character boundaries inside the input, and
//! a destination span, when given, holds exactly the destination.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_content::links::extract_links;

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
            assert_eq!(text.get(s.range()), Some(link.url.as_str()));
        }
    }
});
