//! Selection, grouping, duplicate detection and printing of the section.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::model::{Event, Region, regions_for, sort_key};
use crate::section::Window;

/// A problem found while assembling events; never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Two events look like the same event (same day and URL, or same day,
    /// organizer and title). Both are kept; an editor decides.
    LikelyDuplicate {
        /// The first event's entry.
        first: String,
        /// The second event's entry.
        second: String,
        /// What they share.
        reason: &'static str,
    },
    /// An event whose location has no region (unknown country).
    NoRegion {
        /// The event's entry.
        entry: String,
    },
    /// A source could not be read (file, URL, group); other sources still count.
    Source {
        /// Which source (`ics:PATH`, `meetup:GROUP`, `extra:PATH`).
        source: String,
        /// What went wrong.
        message: String,
    },
    /// An event from a source was skipped (missing field, bad location, ...).
    Skipped {
        /// Which source.
        source: String,
        /// Why.
        message: String,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::LikelyDuplicate {
                first,
                second,
                reason,
            } => {
                write!(f, "likely duplicate ({reason}):\n{first}\n{second}")
            }
            Warning::NoRegion { entry } => write!(f, "no region for entry:\n{entry}"),
            Warning::Source { source, message } => write!(f, "{source}: {message}"),
            Warning::Skipped { source, message } => write!(f, "{source}: skipped: {message}"),
        }
    }
}

/// Keeps the events with a day in the window.
pub fn select(events: &[Event], window: Window) -> Vec<Event> {
    events
        .iter()
        .filter(|e| window.contains(e))
        .cloned()
        .collect()
}

/// Removes exact duplicates (same start day and same event URL, ignoring a
/// trailing slash and letter case of the host), keeping the first one seen.
/// Sources are merged in the order given, so earlier sources win.
pub fn dedupe(events: Vec<Event>) -> Vec<Event> {
    let mut seen = std::collections::HashSet::new();
    events
        .into_iter()
        .filter(|e| seen.insert((e.start, url_key(&e.url))))
        .collect()
}

fn url_key(url: &str) -> String {
    url.trim().trim_end_matches('/').to_lowercase()
}

/// `s.trim().to_lowercase()`, borrowed when nothing changes (most organizers, titles and URLs
/// of one issue's events: allocating a lower-cased copy of each was 2% of a whole-archive
/// check).
fn lowered(s: &str) -> Cow<'_, str> {
    lower(s.trim())
}

/// `t.to_lowercase()`, borrowed when nothing changes.
fn lower(t: &str) -> Cow<'_, str> {
    if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.to_lowercase())
    }
}

/// Warnings for events that look like the same event (see [`duplicate_pairs`]).
pub fn find_duplicates(events: &[Event]) -> Vec<Warning> {
    let refs: Vec<&Event> = events.iter().collect();
    duplicate_pairs(&refs)
        .into_iter()
        .map(|(j, i, reason)| Warning::LikelyDuplicate {
            first: events[j].to_markdown(),
            second: events[i].to_markdown(),
            reason,
        })
        .collect()
}

/// Pairs `(earlier, later, reason)` of events that look like the same event: same date and
/// URL; same date, organizer and title; or, for a multi-day event, same dates and organizer
/// link (a conference listed twice under different titles). Each later event is paired with
/// the first one it repeats.
pub fn duplicate_pairs<'a>(events: &[&'a Event]) -> Vec<(usize, usize, &'static str)> {
    type Day = jiff::civil::Date;
    let mut out = Vec::new();
    // FxHash: one issue's event lines, hashed for every check of it.
    // Sized for every event up front: growing the tables was a sixth of this search.
    let mut by_url: HashMap<(Day, Cow<str>), usize> =
        HashMap::with_capacity_and_hasher(events.len(), Default::default());
    let mut by_name: HashMap<(Day, Cow<str>, Cow<str>), usize> =
        HashMap::with_capacity_and_hasher(events.len(), Default::default());
    let mut by_organizer: HashMap<(Day, Day, Cow<str>), usize> = HashMap::default();
    // The keys of `url_key`, borrowed when they can be.
    let url_key = |u: &'a str| lower(u.trim().trim_end_matches('/'));
    for (i, e) in events.iter().enumerate() {
        let url = (e.start, url_key(&e.url));
        let name = (e.start, lowered(&e.organizer), lowered(&e.title));
        let organizer = e
            .end
            .filter(|end| *end != e.start)
            .map(|end| (e.start, end, url_key(&e.organizer_url)));
        let found = if let Some(&j) = by_url.get(&url) {
            Some((j, "same date and URL"))
        } else if let Some(&j) = by_name.get(&name) {
            Some((j, "same date, organizer and title"))
        } else {
            organizer
                .as_ref()
                .and_then(|k| by_organizer.get(k))
                .map(|&j| (j, "same dates and organizer link"))
        };
        match found {
            Some((j, reason)) => out.push((j, i, reason)),
            None => {
                by_url.insert(url, i);
                by_name.insert(name, i);
                if let Some(k) = organizer {
                    by_organizer.insert(k, i);
                }
            }
        }
    }
    out
}

/// Groups events under their headings (hybrid events under `Virtual` and
/// their continent), each group sorted by [`sort_key`]. Events without a
/// region are returned separately.
pub fn group(events: &[Event]) -> (BTreeMap<Region, Vec<Event>>, Vec<Event>) {
    let mut groups: BTreeMap<Region, Vec<Event>> = BTreeMap::new();
    let mut orphans = Vec::new();
    for e in events {
        let regions = regions_for(&e.location);
        if regions.is_empty() {
            orphans.push(e.clone());
        }
        for r in regions {
            groups.entry(r).or_default().push(e.clone());
        }
    }
    for list in groups.values_mut() {
        list.sort_by_cached_key(sort_key);
    }
    (groups, orphans)
}

/// The region blocks only (what the draft template calls `$twir_events_list`):
/// `### Region` headings in TWiR's order, empty regions left out, a blank line
/// between blocks, no trailing newline. Events without a region are left out
/// (see [`group`]).
pub fn format_events_list(events: &[Event]) -> String {
    let (groups, _) = group(events);
    let blocks: Vec<String> = Region::ALL
        .iter()
        .filter_map(|r| groups.get(r).map(|list| (r, list)))
        .map(|(r, list)| {
            let mut block = format!("### {r}");
            for e in list {
                block.push('\n');
                block.push_str(&e.to_markdown());
            }
            block
        })
        .collect();
    blocks.join("\n\n")
}

/// The calendar paragraph and link definitions that close the section.
pub const CALENDAR_PARAGRAPH: &str = "\
If you are running a Rust event please add it to the [calendar] to get
it mentioned here. Please remember to add a link to the event too.
Email the [Rust Community Team][community] for access.

[calendar]: https://www.google.com/calendar/embed?src=apd9vmbc22egenmtu5l6c5jbfc%40group.calendar.google.com
[community]: mailto:community-team@rust-lang.org";

/// The whole section body as TWiR prints it under `## Upcoming Events`: the
/// `Rusty Events between ...` line, the region blocks of the events inside the
/// window, and the calendar paragraph. Ends with a newline.
pub fn format_section(events: &[Event], window: Window) -> String {
    format_section_with(events, window, CALENDAR_PARAGRAPH)
}

/// [`format_section`] with another closing paragraph (a newsletter's own `[events] footer`).
pub fn format_section_with(events: &[Event], window: Window, footer: &str) -> String {
    let selected = select(events, window);
    let list = format_events_list(&selected);
    let mut out = window.header_line();
    out.push_str("\n\n");
    if !list.is_empty() {
        out.push_str(&list);
        out.push_str("\n\n");
    }
    let footer = footer.trim_matches('\n');
    if !footer.is_empty() {
        out.push_str(footer);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn borrowed_keys_equal_lower_cased_copies() {
        for s in ["abc", " Abc ", "abc /", "ÉCOLE", "straße", "", "  "] {
            assert_eq!(lowered(s), s.trim().to_lowercase(), "{s:?}");
            assert_eq!(lower(s), s.to_lowercase(), "{s:?}");
        }
    }

    use super::*;
    use crate::entry::parse_entry;

    fn ev(l1: &str) -> Event {
        parse_entry(l1, "    * [**T**](https://e/1)").unwrap()
    }

    fn date(s: &str) -> jiff::civil::Date {
        s.parse().unwrap()
    }

    #[test]
    fn footer_is_the_newsletters_own() {
        let w = Window::for_issue(date("2026-08-19"), 28);
        let events = [ev("* 2026-08-20 | Berlin, DE | [A](https://a/)")];
        let out = format_section_with(
            &events,
            w,
            "Add yours [here].\n\n[here]: https://c.example/\n\n",
        );
        assert!(
            out.ends_with(
                "    * [**T**](https://e/1)\n\nAdd yours [here].\n\n[here]: https://c.example/\n"
            ),
            "{out}"
        );
        assert!(!out.contains("calendar"));
        let bare = format_section_with(&events, w, "");
        assert!(bare.ends_with("    * [**T**](https://e/1)\n\n"), "{bare}");
        assert!(format_section(&events, w).ends_with(&format!("{CALENDAR_PARAGRAPH}\n")));
    }

    #[test]
    fn window_is_inclusive_and_keeps_overlapping_ranges() {
        let w = Window::for_issue(date("2026-08-19"), 28);
        let inside = ev("* 2026-09-16 | Berlin, DE | [A](https://a/)");
        let after = ev("* 2026-09-17 | Berlin, DE | [A](https://a/)");
        let before = ev("* 2026-08-18 | Berlin, DE | [A](https://a/)");
        let spanning = ev("* 2026-08-17 - 2026-08-19 | Berlin, DE | [A](https://a/)");
        let kept = select(&[inside, after, before, spanning], w);
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].start, date("2026-09-16"));
        assert_eq!(kept[1].start, date("2026-08-17"));
    }

    #[test]
    fn hybrid_goes_to_virtual_and_continent_sorted() {
        let events = [
            ev("* 2026-08-20 | Frankfurt, DE | [B](https://b/)"),
            ev("* 2026-08-20 | Berlin, DE | [A](https://a/)"),
            ev("* 2026-08-19 | Hybrid (Vancouver, BC, CA) | [V](https://v/)"),
            ev("* 2026-08-19 | Virtual (Dallas, TX, US) | [D](https://d/)"),
        ];
        let (g, orphans) = group(&events);
        assert!(orphans.is_empty());
        let names = |r| {
            g[&r]
                .iter()
                .map(|e| e.organizer.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(Region::Virtual), ["V", "D"]);
        assert_eq!(names(Region::Europe), ["A", "B"]);
        assert_eq!(names(Region::NorthAmerica), ["V"]);
        assert_eq!(g.len(), 3);
    }

    #[test]
    fn duplicates_are_flagged_and_exact_ones_removed() {
        let a = parse_entry(
            "* 2026-08-20 | Berlin, DE | [A](https://a/)",
            "    * [**T**](https://e/1)",
        )
        .unwrap();
        let same_url = parse_entry(
            "* 2026-08-20 | Berlin, DE | [A2](https://a/)",
            "    * [**Other**](https://e/1/)",
        )
        .unwrap();
        let same_name = parse_entry(
            "* 2026-08-20 | Berlin, DE | [a](https://a/)",
            "    * [**t**](https://e/2)",
        )
        .unwrap();
        let other_day = parse_entry(
            "* 2026-08-21 | Berlin, DE | [A](https://a/)",
            "    * [**T**](https://e/1)",
        )
        .unwrap();
        let all = vec![a, same_url, same_name, other_day];
        let w = find_duplicates(&all);
        assert_eq!(w.len(), 2);
        assert!(matches!(
            w[0],
            Warning::LikelyDuplicate {
                reason: "same date and URL",
                ..
            }
        ));
        assert!(matches!(
            w[1],
            Warning::LikelyDuplicate {
                reason: "same date, organizer and title",
                ..
            }
        ));
        let kept = dedupe(all);
        assert_eq!(kept.len(), 3);
    }

    #[test]
    fn empty_window_prints_header_and_paragraph() {
        let out = format_section(&[], Window::for_issue(date("2026-08-19"), 28));
        assert!(out.starts_with("Rusty Events between 2026-08-19 - 2026-09-16 🦀\n\nIf you"));
        assert!(out.ends_with("community-team@rust-lang.org\n"));
    }
}
