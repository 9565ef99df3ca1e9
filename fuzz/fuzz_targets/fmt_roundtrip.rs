//! `twir fmt` on arbitrary text: never panics, is idempotent, and keeps every link.

#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_check::fmt::{format, link_multiset};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let once = format(text);
    let twice = format(&once);
    assert_eq!(once, twice, "fmt is not idempotent");
    assert_eq!(
        link_multiset(text),
        link_multiset(&once),
        "fmt changed the links"
    );
    // Checking never panics either, whatever the text.
    let doc = twir_content::Document::parse(once);
    let _ = twir_check::check_document(&doc, &Default::default(), &Default::default());
});
