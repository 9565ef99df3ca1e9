//! Meetup's GraphQL answers and the group list: any JSON deserialises or fails cleanly, and a
//! group's events map, print and parse back without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_events_sources::meetup::{GqlResponse, group_urlnames, map_group};
use twir_events::{Window, format_section, parse_entry};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = group_urlnames(text);
    let Ok(resp) = serde_json::from_str::<GqlResponse>(text) else {
        return;
    };
    let Some(group) = resp.data.and_then(|d| d.group_by_urlname) else {
        return;
    };
    let window = Window::for_issue(jiff::civil::date(2026, 8, 19), 28);
    let (events, _warnings) = map_group(&group, window, "meetup:fuzz");
    for event in &events {
        assert!(window.contains(event));
        let md = event.to_markdown();
        let (first, second) = md.split_once('\n').unwrap_or((md.as_str(), ""));
        if let Err(e) = parse_entry(first, second) {
            panic!("entry does not parse back: {e:?}\n{md}");
        }
    }
    let _ = format_section(&events, window);
});
