//! ICS fixtures: time zones (TZID, VTIMEZONE, UTC), all-day events,
//! recurrences, exceptions and overrides.

use super::*;
use twir_events::location::LocationKind;

const SINGLE: &str = include_str!("../../tests/fixtures/single.ics");
const RECURRING: &str = include_str!("../../tests/fixtures/recurring.ics");

fn window() -> Window {
    Window::for_issue("2026-08-19".parse().unwrap(), 28)
}

fn load(text: &str) -> (Vec<Event>, Vec<Warning>) {
    events_from_ics(text, "test.ics", window()).unwrap()
}

fn by_title<'a>(events: &'a [Event], title: &str) -> Vec<&'a Event> {
    events.iter().filter(|e| e.title == title).collect()
}

fn days(events: &[&Event]) -> Vec<String> {
    events.iter().map(|e| e.start.to_string()).collect()
}

#[test]
fn utc_times_use_the_place_zone() {
    let (events, _) = load(SINGLE);
    let srug = by_title(&events, "SRUG August Meetup");
    // 01:30Z on the 21st is 18:30 on the 20th in Seattle.
    assert_eq!(days(&srug), ["2026-08-20"]);
    assert_eq!(srug[0].end, None);
    assert_eq!(srug[0].location.kind, LocationKind::Hybrid);
    assert_eq!(srug[0].organizer, "Test Calendar");
    assert_eq!(srug[0].organizer_url, "https://www.meetup.com/join-srug");
    assert_eq!(srug[0].time_zone.as_deref(), Some("America/Los_Angeles"));
}

#[test]
fn vtimezone_rules_decide_until() {
    let (events, _) = load(SINGLE);
    let boston = by_title(&events, "Boston Rust Weekly");
    // UNTIL is 23:00Z on Sep 3 = 19:00 EDT: the Sep 3 instance is included only
    // if the VTIMEZONE's daylight rule is applied.
    assert_eq!(days(&boston), ["2026-08-20", "2026-08-27", "2026-09-03"]);
    assert_eq!(boston[0].location.to_string(), "Cambridge, MA, US");
    assert_eq!(boston[0].organizer, "Boston Rust Meetup");
    assert_eq!(boston[0].organizer_url, "https://www.meetup.com/bostonrust");
}

#[test]
fn all_day_events() {
    let (events, _) = load(SINGLE);
    let conf = by_title(&events, "RustConf 2026");
    assert_eq!(days(&conf), ["2026-09-08"]);
    assert_eq!(
        conf[0].end.map(|d| d.to_string()).as_deref(),
        Some("2026-09-11")
    );
    assert_eq!(conf[0].organizer_url, "https://rustconf.com/");
    let hack = by_title(&events, "Rust Hack Day");
    assert_eq!(days(&hack), ["2026-08-25"]);
    assert_eq!(hack[0].end, None);
    assert_eq!(hack[0].location.to_string(), "Berlin, DE");
    assert_eq!(hack[0].url, "https://example.org/hackday");
}

#[test]
fn virtual_event_gets_utc_offset_and_escaped_title() {
    let (events, _) = load(SINGLE);
    let talk = by_title(&events, "Online Talk: \\[Async\\] Rust");
    assert_eq!(days(&talk), ["2026-09-01"]);
    assert_eq!(talk[0].location.to_string(), "Virtual (UTC+2)");
    assert_eq!(talk[0].time_zone.as_deref(), Some("Europe/Berlin"));
    let md = talk[0].to_markdown();
    let (l1, l2) = md.split_once('\n').unwrap();
    assert_eq!(
        &twir_events::parse_entry(l1, l2).unwrap().title,
        &talk[0].title
    );
}

#[test]
fn midnight_end_is_one_day_and_state_is_fixed() {
    let (events, _) = load(SINGLE);
    let late = by_title(&events, "Late Night Rust");
    assert_eq!(days(&late), ["2026-08-26"]);
    assert_eq!(late[0].end, None);
    assert_eq!(late[0].location.to_string(), "Sydney, NSW, AU");
}

#[test]
fn skipped_cancelled_and_outside_events() {
    let (events, warnings) = load(SINGLE);
    assert!(by_title(&events, "Cancelled Meetup").is_empty());
    assert!(by_title(&events, "Too Late").is_empty());
    assert!(by_title(&events, "Mystery Meetup").is_empty());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].to_string().contains("Mystery Meetup"));
    assert_eq!(events.len(), 8);
}

#[test]
fn weekly_interval_with_exdate_and_override() {
    let (events, _) = load(RECURRING);
    // Every other Thursday from Jan 1: Aug 27 and Sep 10 fall in the window;
    // Sep 10 is an EXDATE and Aug 27 is moved to Aug 28 by a RECURRENCE-ID.
    assert!(by_title(&events, "Rust Hack and Learn").is_empty());
    let moved = by_title(&events, "Rust Hack and Learn (moved to Friday)");
    assert_eq!(days(&moved), ["2026-08-28"]);
    assert_eq!(
        moved[0].url,
        "https://www.meetup.com/rust-berlin/events/2002/"
    );
}

#[test]
fn monthly_rules() {
    let (events, _) = load(RECURRING);
    assert_eq!(days(&by_title(&events, "Second Tuesday")), ["2026-09-08"]);
    // COUNT=4 from May 29: May, Jun, Jul, Aug 28.
    assert_eq!(
        days(&by_title(&events, "Last Friday Social")),
        ["2026-08-28"]
    );
}

#[test]
fn daily_rule_with_date_until_and_date_exdate_and_folding() {
    let (events, _) = load(RECURRING);
    let title = "Sprint, with a very long title that an exporter folds across lines because it is longer than seventy-five octets";
    let sprint = by_title(&events, title);
    assert_eq!(days(&sprint), ["2026-08-30", "2026-09-03", "2026-09-05"]);
    assert_eq!(sprint[0].location.to_string(), "Tokyo, JP");
}

#[test]
fn rdates_add_instances() {
    let (events, _) = load(RECURRING);
    assert_eq!(
        days(&by_title(&events, "Extra Dates")),
        ["2026-08-19", "2026-09-02", "2026-09-16"]
    );
}

#[test]
fn garbage_is_an_error() {
    assert!(events_from_ics("hello", "x", window()).is_err());
}

/// Found by fuzzing (`ics_events`): a URL with a space and an unclosed parenthesis became an
/// entry that does not parse back. Such URLs skip the event; parentheses are encoded.
#[test]
fn urls_that_would_break_the_entry() {
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nSUMMARY:Broken\r\nDTSTART:20260820T180000Z\r\nLOCATION:Paris, FR\r\n\
URL:https://www.meetup.com/x (unclosed\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nSUMMARY:Parens\r\nDTSTART:20260821T180000Z\r\nLOCATION:Paris, FR\r\n\
URL:https://example.org/Rust_(language\r\nORGANIZER:https://example.org/(org)\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let (events, warnings) = load(ics);
    assert!(by_title(&events, "Broken").is_empty());
    assert!(
        warnings.iter().any(|w| w.to_string().contains("bad URL")),
        "{warnings:?}"
    );
    let e = by_title(&events, "Parens")[0];
    assert_eq!(e.url, "https://example.org/Rust_%28language");
    assert_eq!(e.organizer_url, "https://example.org/%28org%29");
    let md = e.to_markdown();
    let (a, b) = md.split_once('\n').unwrap();
    assert_eq!(twir_events::parse_entry(a, b).unwrap().to_markdown(), md);
}
