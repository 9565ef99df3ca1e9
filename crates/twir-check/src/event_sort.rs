//! Sorting the entries of an events list (shared by the `event-order` fix and `twir fmt`).

use twir_content::{Document, Entry, List, Span};

use crate::events_model::sort_key;

/// The name of the events section.
pub const EVENTS_SECTION: &str = "Upcoming Events";

/// One entry and its nested lines.
struct Unit<'a> {
    key: (jiff::civil::Date, String),
    text: &'a str,
}

/// The list's text with its entries sorted by date, then location (stable), or `None` when
/// the list is already sorted or holds anything but well-formed event entries.
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
        let Entry::Event(ev) = &list.items[i].entry else {
            return None;
        };
        let key = sort_key(&ev.date.text, &ev.location.text)?;
        let start = list.items[i].span.start;
        let end = starts
            .get(n + 1)
            .map(|&j| list.items[j].span.start)
            .unwrap_or(span.end);
        units.push(Unit {
            key,
            text: doc.text(Span::new(start, end)),
        });
    }
    if units.windows(2).all(|w| w[0].key <= w[1].key) {
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

    #[test]
    fn sorts_units_with_their_titles() {
        let src = "* 2026-08-20 | Berlin, DE | [B](https://b)\n    * [**T2**](https://b/2)\n* 2026-08-19 | Wien, AT | [W](https://w)\n    * [**T1**](https://w/1)";
        let doc = Document::parse(src);
        let b = &doc.blocks[0];
        let BlockKind::List(l) = &b.kind else {
            panic!()
        };
        let out = sorted_list_text(&doc, l, b.span).unwrap();
        assert_eq!(
            out,
            "* 2026-08-19 | Wien, AT | [W](https://w)\n    * [**T1**](https://w/1)\n* 2026-08-20 | Berlin, DE | [B](https://b)\n    * [**T2**](https://b/2)"
        );
        let doc2 = Document::parse(out.clone());
        let BlockKind::List(l2) = &doc2.blocks[0].kind else {
            panic!()
        };
        assert!(sorted_list_text(&doc2, l2, doc2.blocks[0].span).is_none());
    }
}
