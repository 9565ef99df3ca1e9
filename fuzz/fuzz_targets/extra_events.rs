//! The hand-added events TOML never panics, and its events print as entries that parse back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_events::{format_section, parse_entry, Window};
use twir_events_sources::parse_extra;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(events) = parse_extra(text) else {
        return;
    };
    for event in &events {
        let md = event.to_markdown();
        let (first, second) = md.split_once('\n').unwrap_or((md.as_str(), ""));
        if let Err(e) = parse_entry(first, second) {
            panic!("entry does not parse back: {e:?}\n{md}");
        }
        let _ = format_section(&events, Window::for_issue(event.start, 28));
    }
});
