//! The redaction step every server text and URL passes before it is printed: never a panic,
//! a registered secret never survives it wherever it sits in the text, and a URL that parses
//! comes out with no user name or password.

#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_net::{Url, redact, redact_url, register_secret};

/// A token value as a configuration file would hold it.
const SECRET: &str = "cfgSecret-7f3a9b21";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    register_secret(SECRET);
    let out = redact(text);
    assert!(!out.contains(SECRET), "{text:?} -> {out:?}");
    // The secret planted in the middle of the text, as an echoing server would.
    let mid = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let planted = format!("{}{SECRET}{}", &text[..mid], &text[mid..]);
    let out = redact(&planted);
    assert!(!out.contains(SECRET), "{planted:?} -> {out:?}");
    if let Ok(url) = Url::parse(text.trim()) {
        let shown = redact_url(&url);
        assert!(shown.username().is_empty(), "{shown}");
        assert!(shown.password().is_none(), "{shown}");
        let _ = redact(shown.as_str());
    }
});
