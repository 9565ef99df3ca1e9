//! Sorting the entries of an events list (shared by the `event-order` fix and `twir fmt`).
//! TWiR sorts by date; a list whose dates are in order is left as it is, whatever the order
//! of events of one day. A list out of order is sorted by twir-events' sort key (date, then
//! location, organizer, title), the order `twir events` prints.

use twir_content::{Document, Entry, List, Span};

/// The name of the events section (twir-events' [`twir_events::SECTION_TITLE`]).
pub use twir_events::SECTION_TITLE as EVENTS_SECTION;

/// One entry and its nested lines.
struct Unit<'a> {
    key: twir_events::SortKey,
    text: &'a str,
}

/// The list's text with its entries sorted, or `None` when its dates are already in order or
/// it holds anything but well-formed event entries.
pub fn sorted_list_text(doc: &Document, list: &List, span: Span) -> Option<String> {
    let starts: Vec<usize> = list
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.depth == 0)
        .map(|(i, _)| i)
        .collect();
    if starts.len() < 2 || starts[0] != 0 {
        return None;
    }
    let mut units = Vec::with_capacity(starts.len());
    for (n, &i) in starts.iter().enumerate() {
        let Entry::Event(fields) = &list.items[i].entry else {
            return None;
        };
        let event = crate::events_model::read(doc, list, i, fields).event.ok()?;
        let start = list.items[i].span.start;
        let end = starts
            .get(n + 1)
            .map(|&j| list.items[j].span.start)
            .unwrap_or(span.end);
        units.push(Unit {
            key: twir_events::sort_key(&event),
            text: doc.text(Span::new(start, end)),
        });
    }
    if units.windows(2).all(|w| w[0].key.start <= w[1].key.start) {
        return None;
    }
    let ends_with_newline = doc.text(span).ends_with('\n');
    units.sort_by(|a, b| a.key.cmp(&b.key));
    let mut out = String::with_capacity(span.len() + 1);
    for u in &units {
        out.push_str(u.text);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    if !ends_with_newline {
        out.pop();
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use twir_content::BlockKind;

    fn sorted(src: &str) -> Option<String> {
        let doc = Document::parse(src);
        let b = &doc.blocks[0];
        let BlockKind::List(l) = &b.kind else {
            panic!()
        };
        sorted_list_text(&doc, l, b.span)
    }

    #[test]
    fn sorts_units_with_their_titles() {
        let src = "* 2026-08-20 | Berlin, DE | [B](https://b)\n    * [**T2**](https://b/2)\n* 2026-08-19 | Wien, AT | [W](https://w)\n    * [**T1**](https://w/1)";
        let out = sorted(src).unwrap();
        assert_eq!(
            out,
            "* 2026-08-19 | Wien, AT | [W](https://w)\n    * [**T1**](https://w/1)\n* 2026-08-20 | Berlin, DE | [B](https://b)\n    * [**T2**](https://b/2)"
        );
        assert!(sorted(&out).is_none());
    }

    #[test]
    fn events_of_one_day_may_come_in_any_order() {
        let src = "* 2026-08-19 | Wien, AT | [W](https://w)\n    * [**T1**](https://w/1)\n* 2026-08-19 | Berlin, DE | [B](https://b)\n    * [**T2**](https://b/2)\n* 2026-08-21 & 2026-08-22 | Aachen, DE | [A](https://a)\n    * [**T3**](https://a/3)\n";
        assert!(sorted(src).is_none());
    }
}
