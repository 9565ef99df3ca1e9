//! Carrying the events list over from the previous issue, minus the events already past.

use jiff::civil::Date;
use twir_content::metadata::parse_date_strict;
use twir_content::{BlockKind, Document, Entry, Section};

/// The title of the events section.
pub const EVENTS_SECTION: &str = "Upcoming Events";

/// The last day of an event date field: `2026-09-08 - 2026-09-11` -> 2026-09-11.
pub fn event_end_date(field: &str) -> Option<Date> {
    field
        .split(" - ")
        .filter_map(|p| parse_date_strict(p.trim()))
        .last()
}

/// The events of `previous`'s events section that end on or after `from`, grouped under their
/// region headings as written, ready for `$twir_events_list`. Regions left empty are dropped.
pub fn carried_events(previous: &Document, from: Date) -> String {
    let Some(section) = previous.section(EVENTS_SECTION) else {
        return String::new();
    };
    let mut out = String::new();
    for region in &section.children {
        let kept = kept_entries(previous, region, from);
        if kept.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let heading = &previous.blocks[region.heading.unwrap_or(region.blocks.start)];
        out.push_str(heading.span.text(&previous.source).trim_end());
        out.push('\n');
        for entry in kept {
            out.push_str(entry.trim_end());
            out.push('\n');
        }
    }
    out
}

/// The text of each top-level event entry of `region` (with its nested title) still current.
fn kept_entries<'a>(doc: &'a Document, region: &Section, from: Date) -> Vec<&'a str> {
    let mut kept = Vec::new();
    for block in &doc.blocks[region.own_blocks()] {
        let BlockKind::List(list) = &block.kind else {
            continue;
        };
        let tops: Vec<usize> = (0..list.items.len())
            .filter(|&i| list.items[i].depth == 0)
            .collect();
        for (k, &i) in tops.iter().enumerate() {
            let item = &list.items[i];
            let Entry::Event(ev) = &item.entry else {
                continue;
            };
            if event_end_date(&ev.date.text).is_none_or(|end| end < from) {
                continue;
            }
            let end = tops
                .get(k + 1)
                .map(|&n| list.items[n].span.start)
                .unwrap_or(block.span.end);
            kept.push(&doc.source[item.span.start..end]);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREV: &str = "Title: T\n\n## Upcoming Events\n\nRusty Events between 2026-08-19 - 2026-09-16 🦀\n\n### Virtual\n* 2026-08-20 | Virtual | [A](https://a)\n    * [**Old**](https://a/1)\n* 2026-09-08 - 2026-09-11 | Hybrid (Montreal, CA) | [RustConf](https://rc)\n    * [**RustConf**](https://rc/1)\n\n### Africa\n* 2026-08-21 | Lagos, NG | [L](https://l)\n    * [**Past**](https://l/1)\n\n### Europe\n* 2026-08-26 | Berlin, DE | [B](https://b)\n    * [**Today**](https://b/1)\n\nIf you are running...\n\n## Jobs\n";

    #[test]
    fn keeps_current_events_and_drops_empty_regions() {
        let doc = Document::parse(PREV);
        let out = carried_events(&doc, Date::constant(2026, 8, 26));
        assert_eq!(
            out,
            "### Virtual\n* 2026-09-08 - 2026-09-11 | Hybrid (Montreal, CA) | [RustConf](https://rc)\n    * [**RustConf**](https://rc/1)\n\n### Europe\n* 2026-08-26 | Berlin, DE | [B](https://b)\n    * [**Today**](https://b/1)\n"
        );
    }

    #[test]
    fn end_dates() {
        assert_eq!(
            event_end_date("2026-09-08 - 2026-09-11"),
            Some(Date::constant(2026, 9, 11))
        );
        assert_eq!(
            event_end_date("2026-09-08"),
            Some(Date::constant(2026, 9, 8))
        );
        assert_eq!(event_end_date("soon"), None);
    }

    #[test]
    fn no_events_section_gives_nothing() {
        assert_eq!(
            carried_events(
                &Document::parse("Title: x\n\n## Jobs\n"),
                Date::constant(2026, 1, 1)
            ),
            ""
        );
    }
}
