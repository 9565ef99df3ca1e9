//! Mapping of Meetup GraphQL answers (fixtures) to events.

use super::*;

const PAGE1: &str = include_str!("../../tests/fixtures/meetup-page1.json");
const BERLIN: &str = include_str!("../../tests/fixtures/meetup-berlin.json");
const GROUPS: &str = include_str!("../../tests/fixtures/meetup-groups.json");

fn window() -> Window {
    Window::for_issue("2026-08-19".parse().unwrap(), 28)
}

fn group(json: &str) -> Group {
    let r: GqlResponse = serde_json::from_str(json).unwrap();
    r.data.unwrap().group_by_urlname.unwrap()
}

#[test]
fn group_list_yields_unique_urlnames() {
    assert_eq!(
        group_urlnames(GROUPS).unwrap(),
        ["dallasrust", "rust-berlin", "ghost-group"]
    );
    assert!(group_urlnames("{}").is_err());
    assert!(matches!(
        group_urlnames("[\"https://example.com/x\"]"),
        Err(MeetupError::NotAGroup(_))
    ));
}

#[test]
fn request_body_carries_query_and_variables() {
    let body = request_body("dallasrust", 50, Some("abc"));
    assert_eq!(body["variables"]["urlname"], "dallasrust");
    assert_eq!(body["variables"]["first"], 50);
    assert_eq!(body["variables"]["after"], "abc");
    assert!(
        body["query"]
            .as_str()
            .unwrap()
            .contains("groupByUrlname(urlname: $urlname)")
    );
    assert!(request_body("x", 1, None)["variables"]["after"].is_null());
}

#[test]
fn dallas_events_map_to_twir_entries() {
    let (events, warnings) = map_group(&group(PAGE1), window(), "meetup:dallasrust");
    let md: Vec<String> = events.iter().map(Event::to_markdown).collect();
    insta::assert_snapshot!(md.join("\n"));
    // The October event is outside the window; "soon" is not a time.
    assert_eq!(events.len(), 5);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].to_string().contains("Broken Time"));
}

#[test]
fn kinds_places_and_dates() {
    let (events, _) = map_group(&group(PAGE1), window(), "m");
    let find = |t: &str| events.iter().find(|e| e.title == t).unwrap();
    assert_eq!(
        find("Second Tuesday").location.to_string(),
        "Virtual (Dallas, TX, US)"
    );
    assert_eq!(
        find("Hybrid Talk Night").location.to_string(),
        "Hybrid (Dallas, TX, US)"
    );
    assert_eq!(
        find("Rust Lunch \\[Richardson\\]").location.to_string(),
        "Richardson, TX, US"
    );
    let late = find("Late Hack");
    assert_eq!(late.start.to_string(), "2026-08-25");
    assert_eq!(late.end, None, "ends at midnight: still one day");
    assert_eq!(
        late.location.to_string(),
        "Dallas, TX, US",
        "no venue: group's city"
    );
    let ws = find("Rust Weekend Workshop");
    assert_eq!(ws.end.map(|d| d.to_string()).as_deref(), Some("2026-09-13"));
    assert_eq!(ws.organizer_url, "https://www.meetup.com/dallasrust");
    assert_eq!(ws.time_zone.as_deref(), Some("America/Chicago"));
}

#[test]
fn berlin_matches_the_published_issue() {
    let (events, _) = map_group(&group(BERLIN), window(), "m");
    let md: Vec<String> = events.iter().map(Event::to_markdown).collect();
    assert_eq!(
        md,
        [
            "* 2026-08-27 | Virtual (Berlin, DE) | [Rust Berlin](https://www.meetup.com/rust-berlin)\n    * [**Rust Hack and Learn**](https://www.meetup.com/rust-berlin/events/313345334/)",
            "* 2026-08-20 | Berlin, DE | [Rust Berlin](https://www.meetup.com/rust-berlin)\n    * [**Rust Summer Party!**](https://www.meetup.com/rust-berlin/events/316151073/)",
        ]
    );
}

#[test]
fn local_date_uses_the_group_zone() {
    let tz = TimeZone::get("America/Los_Angeles").unwrap();
    // 02:00 UTC on the 21st is the evening of the 20th in Los Angeles.
    assert_eq!(
        local_date("2026-08-21T02:00Z", Some(&tz))
            .unwrap()
            .0
            .to_string(),
        "2026-08-20"
    );
    assert_eq!(
        local_date("2026-08-21T02:00+00:00", None)
            .unwrap()
            .0
            .to_string(),
        "2026-08-21"
    );
    assert!(local_date("later", None).is_none());
}

#[test]
fn entry_syntax_in_a_venue_city_does_not_break_the_entry() {
    // The meetup_json fuzz target's finding: a venue in `Ber|in` printed an entry whose
    // location field ended at the `|`.
    let json = BERLIN.replace("\"city\": \"Berlin\"", "\"city\": \"Ber|in (Mit,,te\"");
    assert_ne!(json, BERLIN, "the fixture names a venue city");
    let (events, _) = map_group(&group(&json), window(), "meetup:test");
    assert!(!events.is_empty());
    for event in &events {
        let md = event.to_markdown();
        let (first, second) = md.split_once('\n').unwrap_or((md.as_str(), ""));
        twir_events::parse_entry(first, second).unwrap_or_else(|e| panic!("{e:?}\n{md}"));
    }
}

#[test]
fn an_event_without_a_title_is_skipped_with_a_warning() {
    let json = BERLIN.replace("\"title\": \"", "\"title\": \" \\n \", \"x\": \"");
    assert_ne!(json, BERLIN, "the fixture has titles");
    let (events, warnings) = map_group(&group(&json), window(), "meetup:test");
    assert!(events.is_empty(), "{events:?}");
    assert!(
        warnings.iter().any(|w| w.to_string().contains("no title")),
        "{warnings:?}"
    );
}
