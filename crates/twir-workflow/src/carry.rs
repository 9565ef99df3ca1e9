//! Carrying the events list over from the previous issue, minus the events already past.
//! An entry whose dates cannot be read is not carried (whether it is past is unknown): it is
//! reported, so the editor can copy it over by hand.

use jiff::civil::Date;
use twir_content::{BlockKind, Document, Entry, Section};
use twir_events::SECTION_TITLE;

/// What [`carried_events`] carries over, and what it could not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    /// The current entries under their region headings as written, ready for
    /// `$twir_events_list`. Regions left empty are dropped.
    pub text: String,
    /// How many entries were carried.
    pub count: usize,
    /// The entries left behind because their dates do not read.
    pub not_carried: Vec<NotCarried>,
}

/// An event entry of the previous issue that was not carried over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCarried {
    /// The previous issue (path, or `<input>`).
    pub file: String,
    /// 1-based line of the entry.
    pub line: usize,
    /// The entry's first line, trimmed.
    pub entry: String,
    /// Why its dates do not read.
    pub reason: String,
}

impl std::fmt::Display for NotCarried {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: event not carried over to the new draft ({}): {}",
            self.file, self.line, self.reason, self.entry
        )
    }
}

/// The events of `previous`'s events section that end on or after `from`, grouped under their
/// region headings as written, and the entries whose dates do not read.
pub fn carried_events(previous: &Document, from: Date) -> Carried {
    let mut carried = Carried::default();
    let Some(section) = previous.section(SECTION_TITLE) else {
        return carried;
    };
    for region in &section.children {
        let kept = kept_entries(previous, region, from, &mut carried.not_carried);
        if kept.is_empty() {
            continue;
        }
        let out = &mut carried.text;
        if !out.is_empty() {
            out.push('\n');
        }
        let heading = &previous.blocks[region.heading.unwrap_or(region.blocks.start)];
        out.push_str(heading.span.text(&previous.source).trim_end());
        out.push('\n');
        carried.count += kept.len();
        for entry in kept {
            out.push_str(entry.trim_end());
            out.push('\n');
        }
    }
    carried
}

/// The text of each top-level event entry of `region` (with its nested lines) still current;
/// entries whose dates do not read go to `not_carried`.
fn kept_entries<'a>(
    doc: &'a Document,
    region: &Section,
    from: Date,
    not_carried: &mut Vec<NotCarried>,
) -> Vec<&'a str> {
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
            match twir_events::parse_dates(ev.date.text(&doc.source)) {
                Ok(dates) if dates.last_day() < from => continue,
                Ok(_) => {}
                Err(e) => {
                    not_carried.push(NotCarried {
                        file: doc.name(),
                        line: item.line,
                        entry: doc.line_text(item.line).trim().to_string(),
                        reason: e.to_string(),
                    });
                    continue;
                }
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
        let carried = carried_events(&doc, Date::constant(2026, 8, 26));
        assert_eq!(carried.count, 2);
        assert!(carried.not_carried.is_empty());
        assert_eq!(
            carried.text,
            "### Virtual\n* 2026-09-08 - 2026-09-11 | Hybrid (Montreal, CA) | [RustConf](https://rc)\n    * [**RustConf**](https://rc/1)\n\n### Europe\n* 2026-08-26 | Berlin, DE | [B](https://b)\n    * [**Today**](https://b/1)\n"
        );
    }

    #[test]
    fn reads_every_date_form_and_reports_what_it_cannot_read() {
        let src = "Title: T\n\n## Upcoming Events\n\n### Europe\n* 2026-08-25 & 2026-08-26 | Berlin, DE | [B](https://b)\n    * [**Two days**](https://b/1)\n* 2026-08-25, 2026-08-27 | Paris, FR | [P](https://p)\n    * [**Comma**](https://p/1)\n* 2026-8-30 | Rome, IT | [R](https://r)\n    * [**Bad date**](https://r/1)\n* 2026-08-24 & 2026-08-25 | Oslo, NO | [O](https://o)\n    * [**Past**](https://o/1)\n\n## Jobs\n";
        let carried = carried_events(&Document::parse(src), Date::constant(2026, 8, 26));
        assert_eq!(carried.count, 2);
        assert!(carried.text.contains("Two days") && carried.text.contains("Comma"));
        assert!(!carried.text.contains("Bad date") && !carried.text.contains("Past"));
        assert_eq!(carried.not_carried.len(), 1);
        let n = &carried.not_carried[0];
        assert_eq!(
            (n.line, n.entry.as_str()),
            (10, "* 2026-8-30 | Rome, IT | [R](https://r)")
        );
        assert_eq!(
            n.to_string(),
            "<input>:10: event not carried over to the new draft (start date: expected \
             YYYY-MM-DD, found \"2026-8-30\"): * 2026-8-30 | Rome, IT | [R](https://r)"
        );
    }

    #[test]
    fn no_events_section_gives_nothing() {
        assert_eq!(
            carried_events(
                &Document::parse("Title: x\n\n## Jobs\n"),
                Date::constant(2026, 1, 1)
            ),
            Carried::default()
        );
    }
}
