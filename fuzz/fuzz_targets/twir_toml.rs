//! `twir.toml`: any text parses or gives an error whose line is inside the file; a parsed
//! configuration never makes the derived values (events window, pagination) panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use twir_content::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(Path::new("twir.toml"), text) {
        Ok(config) => {
            let window =
                twir_events::Window::for_issue(jiff::civil::date(2026, 8, 19), config.check.event_days);
            assert!(window.end >= window.start);
        }
        Err(e) => {
            let message = e.to_string();
            let line: usize = message
                .strip_prefix("twir.toml:")
                .and_then(|r| r.split(':').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no line in {message:?}"));
            assert!(line >= 1 && line <= text.lines().count() + 1, "{message}");
        }
    }
});
