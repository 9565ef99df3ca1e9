//! The reStructuredText reader never panics, and every line it names is inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

/// Lines as the reader counts them: `\r\n`, `\r` and `\n` each end one.
fn line_count(text: &str) -> usize {
    1 + text.replace("\r\n", "\n").matches(['\n', '\r']).count()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = line_count(text);
    match twir_rst::parse(Path::new("article.rst"), text) {
        Ok(doc) => {
            for (_, _, line) in &doc.metadata {
                assert!((1..=lines).contains(line), "field at line {line} of {lines}");
            }
            // Rendering is deterministic.
            assert_eq!(twir_rst::parse(Path::new("article.rst"), text).ok(), Some(doc));
        }
        Err(e) => {
            assert!((1..=lines).contains(&e.line()), "line {} of {lines}: {e}", e.line());
            let _ = e.to_string();
        }
    }
});
