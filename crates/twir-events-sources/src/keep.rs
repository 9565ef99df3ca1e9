//! Partial updates: when some sources did not answer and the editor accepts a partial result
//! (`twir events --allow-partial --into DRAFT`), the draft's current entries that came from
//! those sources are kept, so a failing feed never empties its part of the section.

use std::collections::HashSet;

use crate::collect::Collected;
use crate::text::meetup_group;
use twir_events::format::{dedupe, select};
use twir_events::model::{Event, sort_key};
use twir_events::section::Section;

/// What a partial update keeps from the current section.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Kept {
    /// The current events attributed to a failed source, inside the window.
    pub events: Vec<Event>,
    /// 0-based lines (within the section text) of current entries that do not parse: they
    /// cannot be attributed to a source, so they are not carried into the new section.
    pub unparsed: Vec<usize>,
}

/// The entries of `current` (the section as it stands in the draft) that a failed source of
/// `collected` would have produced:
///
/// - an entry whose event or organizer URL is under a failed Meetup group's page is kept;
/// - one under a Meetup group that answered is not (the fresh answer replaces it);
/// - any other entry cannot be told apart between the iCalendar feeds, the extra file and
///   the editors' own additions, so it is kept when an iCalendar feed failed.
///
/// Only events with a day inside the collection's window are kept.
pub fn kept_from_failed_sources(current: &Section, collected: &Collected) -> Kept {
    let failed_groups: HashSet<String> = collected
        .failed
        .iter()
        .filter_map(|s| s.strip_prefix("meetup:"))
        .map(str::to_lowercase)
        .collect();
    let asked_groups: HashSet<String> = collected
        .meetup_groups
        .iter()
        .map(|g| g.to_lowercase())
        .collect();
    let ics_failed = collected.failed.iter().any(|s| s.starts_with("ics:"));
    let mut kept = Kept::default();
    for (_, entry) in current.entries() {
        let event = match &entry.result {
            Ok(e) => e,
            Err(_) => {
                kept.unparsed.push(entry.line);
                continue;
            }
        };
        let group = meetup_group(&event.url)
            .or_else(|| meetup_group(&event.organizer_url))
            .map(|g| g.to_lowercase());
        let keep = match group {
            Some(g) if failed_groups.contains(&g) => true,
            Some(g) if asked_groups.contains(&g) => false,
            _ => ics_failed,
        };
        if keep {
            kept.events.push(event.clone());
        }
    }
    kept.events = dedupe(select(&kept.events, collected.window));
    kept
}

/// The events of a partial update: the fresh ones, then the kept ones not already among
/// them (same day and URL), in section order.
pub fn merge_kept(fresh: &[Event], kept: &[Event]) -> Vec<Event> {
    let mut all = dedupe(fresh.iter().chain(kept).cloned().collect());
    all.sort_by_cached_key(sort_key);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use twir_events::section::{Window, parse_section};

    const CURRENT: &str = "Rusty Events between 2026-08-19 - 2026-09-16 🦀

### Virtual
* 2026-08-20 | Virtual | [Rust Berlin](https://www.meetup.com/rust-berlin)
    * [**Online talk**](https://www.meetup.com/rust-berlin/events/1/)

### Europe
* 2026-08-21 | Berlin, DE | [Rust Berlin](https://www.meetup.com/rust-berlin)
    * [**Hack night**](https://www.meetup.com/rust-berlin/events/2/)
* 2026-08-22 | Paris, FR | [Rust Paris](https://www.meetup.com/rust-paris)
    * [**Apéro**](https://www.meetup.com/rust-paris/events/3/)
* 2026-08-23 | Lyon, FR | [Rust Lyon](https://rust-lyon.example/)
    * [**Conf**](https://rust-lyon.example/conf)
* 2026-07-01 | Lyon, FR | [Rust Lyon](https://rust-lyon.example/)
    * [**Past**](https://rust-lyon.example/past)
* not an entry | at all
";

    fn collected(failed: &[&str], groups: &[&str]) -> Collected {
        Collected {
            window: Window::for_issue("2026-08-19".parse().unwrap(), 28),
            events: Vec::new(),
            warnings: Vec::new(),
            failed: failed.iter().map(|s| s.to_string()).collect(),
            meetup_groups: groups.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn titles(k: &Kept) -> Vec<&str> {
        k.events.iter().map(|e| e.title.as_str()).collect()
    }

    #[test]
    fn keeps_the_failed_groups_entries_only() {
        let current = parse_section(CURRENT);
        let k = kept_from_failed_sources(
            &current,
            &collected(&["meetup:Rust-Berlin"], &["rust-berlin", "rust-paris"]),
        );
        assert_eq!(titles(&k), ["Online talk", "Hack night"]);
        assert_eq!(k.unparsed, [15]);
    }

    #[test]
    fn a_failed_feed_keeps_what_no_answered_group_owns() {
        let current = parse_section(CURRENT);
        let k = kept_from_failed_sources(
            &current,
            &collected(&["ics:cal.ics"], &["rust-berlin", "rust-paris"]),
        );
        // Lyon's past event is outside the window.
        assert_eq!(titles(&k), ["Conf"]);
        let k = kept_from_failed_sources(&current, &collected(&["ics:cal.ics"], &[]));
        assert_eq!(titles(&k), ["Online talk", "Hack night", "Apéro", "Conf"]);
    }

    #[test]
    fn nothing_failed_keeps_nothing_and_merge_prefers_fresh() {
        let current = parse_section(CURRENT);
        let k = kept_from_failed_sources(&current, &collected(&[], &["rust-berlin"]));
        assert!(k.events.is_empty());
        let all = kept_from_failed_sources(&current, &collected(&["ics:x"], &[])).events;
        let mut fresh = all[1].clone();
        fresh.title = "Hack night (new title)".into();
        let merged = merge_kept(&[fresh], &all);
        let t: Vec<&str> = merged.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            t,
            ["Online talk", "Hack night (new title)", "Apéro", "Conf"]
        );
    }
}
