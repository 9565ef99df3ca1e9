//! The entries editors work with inside list items: link items and event entries.

use crate::inline::{InlineLink, matching_bracket, parse_inline_link};
use crate::span::Span;

/// What a list item holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// `* [video] [Title](url)` and similar.
    Link(LinkItem),
    /// `* DATE | LOCATION | [ORGANIZER](url)` (its title is the first nested item). Boxed:
    /// an event is three times the size of a link item, and lists hold mostly link items.
    Event(Box<EventEntry>),
    /// Anything else, kept as text.
    Other,
}

/// A prefix tag before a link: `[video]`, `[audio]`, `[series]`, `[ZH]`...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefix {
    /// The `[tag]` span.
    pub span: Span,
}

impl Prefix {
    /// The tag without brackets; `src` is the document's source.
    #[inline]
    pub fn tag<'s>(&self, src: &'s str) -> &'s str {
        Span::new(self.span.start + 1, self.span.end - 1).text(src)
    }

    /// True for a two-letter language tag such as `[ZH]` or `[de]`.
    pub fn is_language(&self, src: &str) -> bool {
        let tag = self.tag(src);
        tag.len() == 2 && tag.bytes().all(|b| b.is_ascii_alphabetic())
    }
}

/// A list item that is a link to something, the unit of TWiR's community sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkItem {
    /// Tags before the link.
    pub prefixes: Vec<Prefix>,
    /// The main link.
    pub link: InlineLink,
    /// Text after the link (often empty), with surrounding whitespace kept.
    pub trailing: Span,
}

/// One `|`-separated field of an event line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Span of the trimmed text.
    pub span: Span,
}

impl Field {
    /// The trimmed text; `src` is the document's source.
    #[inline]
    pub fn text<'s>(&self, src: &'s str) -> &'s str {
        self.span.text(src)
    }
}

/// An event: `* DATE | LOCATION | [ORGANIZER](url)` followed by an indented `* [**TITLE**](url)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventEntry {
    /// The date field (`2026-08-19` or `2026-09-08 - 2026-09-11`).
    pub date: Field,
    /// The location field (`Berlin, DE`, `Virtual`, `Hybrid (Vancouver, CA)`).
    pub location: Field,
    /// The organizer field as written.
    pub organizer: Field,
    /// The organizer link, when the field is a link.
    pub organizer_link: Option<InlineLink>,
    /// The event title link from the first nested item, filled by the block parser.
    pub title: Option<InlineLink>,
    /// Span of the nested title item's line, when present.
    pub title_item: Option<Span>,
}

/// Classifies the text of a list item (after the marker). `base` is its offset in the source.
pub fn classify(content: &str, base: usize) -> Entry {
    if let Some(ev) = parse_event_line(content, base) {
        return Entry::Event(Box::new(ev));
    }
    if let Some(li) = parse_link_item(content, base) {
        return Entry::Link(li);
    }
    Entry::Other
}

fn parse_link_item(content: &str, base: usize) -> Option<LinkItem> {
    let mut pos = 0;
    let mut prefixes = Vec::new();
    loop {
        let rest = &content[pos..];
        let skip = rest.len() - crate::text::strip_blanks_start(rest).len();
        pos += skip;
        let rest = &content[pos..];
        if !rest.starts_with('[') {
            return None;
        }
        if let Some((link, n)) = parse_inline_link(rest, base + pos) {
            let trailing = Span::new(base + pos + n, base + content.len());
            return Some(LinkItem {
                prefixes,
                link,
                trailing,
            });
        }
        // A `[tag]` prefix: short, single word-ish, not followed by `(`.
        let close = matching_bracket(rest)?;
        let tag = &rest[1..close];
        if tag.is_empty() || tag.len() > 24 || tag.contains('[') {
            return None;
        }
        prefixes.push(Prefix {
            span: Span::new(base + pos, base + pos + close + 1),
        });
        pos += close + 1;
    }
}

/// An event line as twir-events' grammar recognises it ([`twir_events::split_line`]), with
/// the spans of its fields.
fn parse_event_line(content: &str, base: usize) -> Option<EventEntry> {
    let fields = twir_events::split_line(content)?;
    let organizer_text = &content[fields.organizer.clone()];
    let field = |r: std::ops::Range<usize>| Field {
        span: Span::new(base + r.start, base + r.end),
    };
    let organizer = field(fields.organizer);
    let organizer_link = if organizer_text.starts_with('[') {
        parse_inline_link(organizer_text, organizer.span.start).map(|(l, _)| l)
    } else {
        None
    };
    Some(EventEntry {
        date: field(fields.date),
        location: field(fields.location),
        organizer,
        organizer_link,
        title: None,
        title_item: None,
    })
}

/// Parses the nested title item of an event: `[**TITLE**](url)`.
pub fn parse_event_title(content: &str, base: usize) -> Option<InlineLink> {
    let lead = content.len() - content.trim_start().len();
    parse_inline_link(content.trim_start(), base + lead).map(|(l, _)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_item_with_prefixes() {
        let c = "[video] [series] [Implementing (Part 1)](https://youtu.be/q4) by me";
        let Entry::Link(li) = classify(c, 100) else {
            panic!("not a link item")
        };
        let src = format!("{}{c}", " ".repeat(100));
        let tags: Vec<_> = li.prefixes.iter().map(|p| p.tag(&src)).collect();
        assert_eq!(tags, ["video", "series"]);
        assert_eq!(li.link.text(&src), "Implementing (Part 1)");
        assert_eq!(li.link.url(&src), "https://youtu.be/q4");
        assert_eq!(li.trailing.len(), " by me".len());
        assert_eq!(li.prefixes[0].span, Span::new(100, 107));
    }

    #[test]
    fn language_prefix() {
        let c = "[ZH] [标题](https://a.cn)";
        let Entry::Link(li) = classify(c, 0) else {
            panic!()
        };
        assert!(li.prefixes[0].is_language(c));
    }

    #[test]
    fn event_line() {
        let c = "2026-08-19 | Hybrid (Vancouver, CA) | [Vancouver Rust](https://www.meetup.com/vancouver-rust)";
        let Entry::Event(ev) = classify(c, 2) else {
            panic!("not an event")
        };
        let src = format!("  {c}");
        assert_eq!(ev.date.text(&src), "2026-08-19");
        assert_eq!(ev.location.text(&src), "Hybrid (Vancouver, CA)");
        assert_eq!(ev.organizer_link.unwrap().text(&src), "Vancouver Rust");
    }

    #[test]
    fn plain_text_is_other() {
        assert_eq!(classify("Some words [x](y)", 0), Entry::Other);
        assert_eq!(classify("[not closed", 0), Entry::Other);
    }
}
