//! iCalendar feeds (VTIMEZONE, RRULE, EXDATE/RDATE, folded lines) never panic or hang, every
//! event returned touches the window, and each prints as an entry that parses back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use twir_events::{Window, parse_entry};
use twir_events_sources::events_from_ics;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let window = Window::for_issue(jiff::civil::date(2026, 8, 19), 28);
    let Ok((events, _warnings)) = events_from_ics(&text, "fuzz", window) else {
        return;
    };
    for event in &events {
        assert!(window.contains(event), "{event:?} outside {window:?}");
        let md = event.to_markdown();
        let (first, second) = md.split_once('\n').unwrap_or((md.as_str(), ""));
        if let Err(e) = parse_entry(first, second) {
            panic!("entry does not parse back: {e:?}\n{md}");
        }
    }
});
