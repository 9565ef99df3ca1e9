//! Any input must render without panicking, and rendering must be
//! deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let first = twir_markdown::render_with_toc(&text);
    assert_eq!(first.html, twir_markdown::render(&text));
});
