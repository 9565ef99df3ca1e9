//! The checker's view of an event entry, read with twir-events' own grammar (the `-`, `&`
//! and `,` date forms, hybrid wordings, co-organizers) so that the linter, the formatter and
//! the generators agree on what an entry is. This module only finds the two lines of an
//! entry in a parsed document and says where a field lies; the meaning (dates, location,
//! regions, order, duplicates) is twir-events'.

use twir_content::{Document, EventEntry, List, Span};
use twir_events::{EntryError, EntryField, Event};

/// A region heading of the Upcoming Events section (the events crate's, so that the checker
/// and the generators agree on the headings).
pub use twir_events::Region;

/// One event item of a list: its index, the entry as twir-content split it (for spans), and
/// the event as twir-events reads it.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// Index of the item in its list.
    pub index: usize,
    /// The fields with their spans.
    pub fields: &'a EventEntry,
    /// The event, or why its lines are not one.
    pub event: Result<Event, EntryError>,
    /// The span of the entry's line (without its line ending).
    pub line: Span,
    /// The span of its title line, when it has one.
    pub title_line: Option<Span>,
}

/// The span of line `line` (1-based) without its ending.
pub fn line_span(doc: &Document, line: usize) -> Span {
    let start = doc.line_start(line);
    Span::new(start, start + doc.line_text(line).len())
}

/// Reads item `k` of `list` (an event item, its title being the first nested item).
pub fn read<'a>(doc: &Document, list: &List, k: usize, fields: &'a EventEntry) -> Item<'a> {
    let item = &list.items[k];
    let line = line_span(doc, item.line);
    let title_line = list
        .items
        .get(k + 1)
        .filter(|c| c.parent == Some(k))
        .map(|c| line_span(doc, c.line));
    let event = twir_events::parse_entry(
        doc.text(line),
        title_line.map(|s| doc.text(s)).unwrap_or(""),
    );
    Item {
        index: k,
        fields,
        event,
        line,
        title_line,
    }
}

impl Item<'_> {
    /// Where a field's error points.
    pub fn span_of(&self, field: EntryField) -> Span {
        match field {
            EntryField::Bullet => self.line,
            EntryField::StartDate | EntryField::EndDate => self.fields.date.span,
            EntryField::Location => self.fields.location.span,
            EntryField::Organizer => self.fields.organizer.span,
            EntryField::TitleBullet | EntryField::Title | EntryField::Url => {
                self.title_line.unwrap_or(self.line)
            }
        }
    }
}

/// The headings an event may be listed under: virtual events under Virtual only, hybrid events
/// under Virtual and their continent, in-person events under their continent. Empty when the
/// continent is unknown (then any continent heading is accepted).
pub fn regions(event: &Event) -> Vec<Region> {
    twir_events::regions_for(&event.location)
}

#[cfg(test)]
mod tests {
    use super::*;
    use twir_content::{BlockKind, Entry};

    fn first_event(src: &str) -> Result<Event, EntryError> {
        let doc = Document::parse(src);
        let BlockKind::List(l) = &doc.blocks[0].kind else {
            panic!()
        };
        let Entry::Event(f) = &l.items[0].entry else {
            panic!()
        };
        read(&doc, l, 0, f).event
    }

    #[test]
    fn reads_every_date_form_of_the_archive() {
        for (line, end) in [
            (
                "* 2024-04-15 & 2024-04-16 | Virtual | [A](https://a)",
                Some("2024-04-16"),
            ),
            (
                "* 2024-04-15, 2024-04-16 | Virtual | [A](https://a)",
                Some("2024-04-16"),
            ),
            (
                "* 2024-04-15 - 2024-04-17 | Virtual | [A](https://a)",
                Some("2024-04-17"),
            ),
            ("* 2024-04-15 | Virtual | [A](https://a)", None),
        ] {
            let e = first_event(&format!("{line}\n    * [**T**](https://t)\n")).unwrap();
            assert_eq!(e.end.map(|d| d.to_string()).as_deref(), end, "{line}");
        }
        assert!(
            first_event("* 2024-4-15 | Virtual | [A](https://a)\n    * [**T**](https://t)\n")
                .is_err()
        );
    }

    #[test]
    fn regions_of_kinds() {
        let e = first_event(
            "* 2026-08-19 | Hybrid (Vancouver, CA) | [A](https://a)\n    * [**T**](https://t)\n",
        )
        .unwrap();
        assert_eq!(regions(&e), [Region::Virtual, Region::NorthAmerica]);
        let e =
            first_event("* 2026-08-19 | Columbus, IL | [A](https://a)\n    * [**T**](https://t)\n")
                .unwrap();
        assert_eq!(regions(&e), [Region::NorthAmerica]);
    }
}
