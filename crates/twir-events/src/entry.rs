//! Parse and print one entry: the line pair
//!
//! ```text
//! * 2026-08-20 | Berlin, DE | [Rust Berlin](https://www.meetup.com/rust-berlin)
//!     * [**Rust Summer Party!**](https://www.meetup.com/rust-berlin/events/316151073/)
//! ```
//!
//! The parser accepts the small deviations found in the archive (`-` bullets,
//! two-space indents, missing spaces around `|`, older hybrid wordings,
//! trailing spaces); [`Event::to_markdown`] always prints the canonical form,
//! so `to_markdown() != input` tells a formatter or checker that an entry is
//! well-formed but not canonical.

use std::fmt;
use std::ops::Range;

use jiff::civil::Date;

use crate::location::Location;
use crate::model::{Event, Link};

/// The part of an entry an [`EntryError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryField {
    /// The `* ` bullet of the first line.
    Bullet,
    /// The start date (`YYYY-MM-DD`).
    StartDate,
    /// The end date of a `START - END` range.
    EndDate,
    /// The location between the two `|`.
    Location,
    /// The organizer link(s).
    Organizer,
    /// The `    * ` bullet of the second line.
    TitleBullet,
    /// The bold title link text.
    Title,
    /// The event link target.
    Url,
}

impl fmt::Display for EntryField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EntryField::Bullet => "bullet",
            EntryField::StartDate => "start date",
            EntryField::EndDate => "end date",
            EntryField::Location => "location",
            EntryField::Organizer => "organizer",
            EntryField::TitleBullet => "title bullet",
            EntryField::Title => "title",
            EntryField::Url => "event URL",
        })
    }
}

/// A malformed entry: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct EntryError {
    /// The malformed field.
    pub field: EntryField,
    /// Human-readable reason.
    pub reason: String,
}

fn err<T>(field: EntryField, reason: impl Into<String>) -> Result<T, EntryError> {
    Err(EntryError {
        field,
        reason: reason.into(),
    })
}

/// Where the three `|`-separated fields of an event line lie, as byte ranges of the text
/// after the line's bullet, each trimmed of surrounding whitespace. See [`split_line`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFields {
    /// `2026-08-19`, `2026-09-08 - 2026-09-11`...
    pub date: Range<usize>,
    /// `Berlin, DE`, `Virtual`, `Hybrid (Vancouver, CA)`...
    pub location: Range<usize>,
    /// The organizer link(s): everything after the second `|`, further `|` included.
    pub organizer: Range<usize>,
}

/// Recognises an event line: the text of a list item after its bullet, `DATE | LOCATION |
/// ORGANIZER`, whose first field starts with a digit and holds a `-`. Only the first line of
/// `content` is read. This is what makes a list item an event entry (the content model and
/// the linter agree on it); [`parse_entry`] then says whether its fields are well-formed, so
/// a malformed event is still reported as an event.
pub fn split_line(content: &str) -> Option<LineFields> {
    // Cheap refusals first: most list items are links.
    if !content.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let first = memchr::memchr(b'\n', content.as_bytes()).map_or(content, |i| &content[..i]);
    let first = first.trim_end_matches('\r');
    // The `|` of the first line, found without collecting the fields (every list item of
    // every issue starting with a digit comes here).
    let b = first.as_bytes();
    let mut pipes = memchr::memchr_iter(b'|', b);
    let (p1, p2) = (pipes.next()?, pipes.next()?);
    let p3 = pipes.next().unwrap_or(b.len());
    let last = memchr::memrchr(b'|', b).unwrap_or(p2);
    // A field's text, trimmed, as a range of `content`.
    let field = |from: usize, to: usize| {
        let piece = &first[from..to];
        let lead = piece.len() - piece.trim_start().len();
        from + lead..from + lead + piece.trim().len()
    };
    let date = field(0, p1);
    let date_text = &content[date.clone()];
    if !date_text.starts_with(|c: char| c.is_ascii_digit()) || !date_text.contains('-') {
        return None;
    }
    let location = field(p1 + 1, p2);
    // The organizer field may itself hold `|` (co-organizers): it runs to the last field.
    let organizer = field(p2 + 1, p3).start..field(last + 1, b.len()).end;
    Some(LineFields {
        date,
        location,
        organizer,
    })
}

/// The dates of an entry: its first day and, for a multi-day event, its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    /// First day.
    pub start: Date,
    /// Last day of a multi-day event (`None` for a one-day event).
    pub end: Option<Date>,
}

impl Dates {
    /// The last day the event takes place.
    pub fn last_day(&self) -> Date {
        self.end.unwrap_or(self.start)
    }
}

/// Reads an entry's date field: `START`, or a range `START - END` (the archive also writes
/// two-day events as `START & END` and `START, END`). A range ending on its first day is a
/// one-day event.
pub fn parse_dates(field: &str) -> Result<Dates, EntryError> {
    let (dates, rest) = take_dates(field)?;
    let rest = rest.trim();
    if !rest.is_empty() {
        let which = if dates.end.is_some() {
            EntryField::EndDate
        } else {
            EntryField::StartDate
        };
        return err(
            which,
            format!("unexpected text {:?} after the date", short(rest)),
        );
    }
    Ok(dates)
}

/// Reads the dates at the start of `s`; returns them and the text after them.
fn take_dates(s: &str) -> Result<(Dates, &str), EntryError> {
    let (start, rest) = take_date(s, EntryField::StartDate)?;
    // `START - END`; the archive also writes two-day events as `A & B` / `A, B`.
    match rest.trim_start().strip_prefix(['-', '&', ',']) {
        Some(r) => {
            let (end, r) = take_date(r.trim_start(), EntryField::EndDate)?;
            if end < start {
                return err(
                    EntryField::EndDate,
                    format!("{end} is before the start {start}"),
                );
            }
            // `A & A` occurs; a range of one day is a one-day event.
            let end = (end != start).then_some(end);
            Ok((Dates { start, end }, r))
        }
        None => Ok((Dates { start, end: None }, rest)),
    }
}

/// Parses the two lines of one entry.
pub fn parse_entry(line1: &str, line2: &str) -> Result<Event, EntryError> {
    let rest = strip_bullet(line1).ok_or_else(|| EntryError {
        field: EntryField::Bullet,
        reason: format!("expected `* ` at the start of {:?}", line1.trim()),
    })?;
    let (Dates { start, end }, rest) = take_dates(rest)?;
    let Some(rest) = rest.trim_start().strip_prefix('|') else {
        return err(EntryField::Location, "expected ` | ` after the date");
    };
    let loc_end = rest.find(['|', '[']).unwrap_or(rest.len());
    if rest.as_bytes().get(loc_end) != Some(&b'|') {
        return err(
            EntryField::Location,
            "expected ` | ` between location and organizer",
        );
    }
    let location = Location::parse(&rest[..loc_end]).map_err(|e| EntryError {
        field: EntryField::Location,
        reason: e.to_string(),
    })?;
    let organizers = parse_organizers(&rest[loc_end + 1..])?;
    let (title, url, extra_links) = parse_title_line(line2)?;
    let mut organizers = organizers.into_iter();
    let Some(first) = organizers.next() else {
        return err(EntryField::Organizer, "no organizer link");
    };
    Ok(Event {
        start,
        end,
        location,
        organizer: first.text,
        organizer_url: first.url,
        co_organizers: organizers.collect(),
        title,
        url,
        extra_links,
        time_zone: None,
    })
}

impl Event {
    /// The entry in TWiR's canonical two-line form, without a trailing newline.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("* {}", self.start);
        if let Some(end) = self.end.filter(|e| *e != self.start) {
            out.push_str(&format!(" - {end}"));
        }
        out.push_str(&format!(
            " | {} | [{}]({})",
            self.location, self.organizer, self.organizer_url
        ));
        for co in &self.co_organizers {
            out.push_str(&format!(" | [{}]({})", co.text, co.url));
        }
        out.push_str(&format!("\n    * [**{}**]({})", self.title, self.url));
        for link in &self.extra_links {
            out.push_str(&format!(" | [{}]({})", link.text, link.url));
        }
        out
    }
}

fn strip_bullet(line: &str) -> Option<&str> {
    let t = line.trim();
    let rest = t.strip_prefix('*').or_else(|| t.strip_prefix('-'))?;
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}

fn take_date(s: &str, field: EntryField) -> Result<(Date, &str), EntryError> {
    let s = s.trim_start();
    let Some(head) = s.get(..10) else {
        return err(field, format!("expected YYYY-MM-DD, found {:?}", s));
    };
    match head.parse::<Date>() {
        Ok(d) if head.as_bytes()[4] == b'-' => Ok((d, &s[10..])),
        _ => err(field, format!("expected YYYY-MM-DD, found {head:?}")),
    }
}

/// `[A](u) | [B](v)`; the archive also joins links with `+`, `&`, `,`, `-`
/// or `and`, which print back as ` | `.
fn parse_links(s: &str, field: EntryField) -> Result<Vec<Link>, EntryError> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    loop {
        let (text, url, r) = take_link(rest).map_err(|reason| EntryError { field, reason })?;
        if text.trim().is_empty() {
            return err(field, "empty link text");
        }
        out.push(Link {
            text: text.to_string(),
            url: url.to_string(),
        });
        let r = r.trim();
        if r.is_empty() {
            return Ok(out);
        }
        let next = r
            .strip_prefix(['|', '+', '&', ',', '-'])
            .or_else(|| r.strip_prefix("and "))
            .map(str::trim_start)
            .filter(|n| n.starts_with('['));
        match next {
            Some(next) => rest = next,
            None => return err(field, format!("unexpected text {r:?} after the link")),
        }
    }
}

fn parse_organizers(s: &str) -> Result<Vec<Link>, EntryError> {
    parse_links(s, EntryField::Organizer)
}

fn parse_title_line(line: &str) -> Result<(String, String, Vec<Link>), EntryError> {
    let Some(rest) = strip_bullet(line) else {
        return err(
            EntryField::TitleBullet,
            format!("expected `    * ` at the start of {:?}", line.trim()),
        );
    };
    let (text, url, after) = take_link(rest).map_err(|reason| EntryError {
        field: EntryField::Title,
        reason,
    })?;
    let after = after.trim();
    let extra = if after.is_empty() {
        Vec::new()
    } else {
        let next = after
            .strip_prefix(['|', '+', '&', ',', '-'])
            .map(str::trim_start)
            .filter(|n| n.starts_with('['));
        match next {
            Some(next) => parse_links(next, EntryField::Url)?,
            None => {
                return err(
                    EntryField::Url,
                    format!("unexpected text {after:?} after the link"),
                );
            }
        }
    };
    let Some(title) = text
        .strip_prefix("**")
        .and_then(|t| t.strip_suffix("**"))
        .filter(|t| !t.trim().is_empty())
    else {
        return err(
            EntryField::Title,
            format!("title {text:?} is not `**bold**`"),
        );
    };
    if url.trim().is_empty() || has_whitespace(url) {
        return err(EntryField::Url, format!("bad URL {url:?}"));
    }
    Ok((title.to_string(), url.to_string(), extra))
}

/// Reads `[text](url)` at the start of `s`, honouring nested brackets and
/// parentheses and backslash escapes. Returns (text, url, rest).
fn take_link(s: &str) -> Result<(&str, &str, &str), String> {
    let Some(body) = s.strip_prefix('[') else {
        return Err(format!("expected `[name](url)`, found {:?}", short(s)));
    };
    let close = matching(body, b'[', b']').ok_or("unclosed `[`")?;
    let text = &body[..close];
    let after = &body[close + 1..];
    let Some(target) = after.strip_prefix('(') else {
        return Err(format!("link [{text}] has no `(url)`"));
    };
    let close = matching(target, b'(', b')').ok_or("unclosed `(` in link target")?;
    let url = target[..close].trim();
    if url.is_empty() {
        return Err(format!("link [{text}] has an empty URL"));
    }
    Ok((text, url, &target[close + 1..]))
}

/// Byte index of the bracket closing an already opened `open` (`\\` escapes the next
/// character). A byte search: the brackets and the backslash are ASCII, and the bytes of other
/// characters never equal them (decoding every character made entry parsing 2% of a
/// whole-archive check; memchr3 jumps to the next byte that matters).
fn matching(s: &str, open: u8, close: u8) -> Option<usize> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(k) = b
        .get(i..)
        .and_then(|r| memchr::memchr3(b'\\', open, close, r))
    {
        i += k;
        let c = b[i];
        if c == b'\\' {
            i += 2;
            continue;
        }
        if c == open {
            depth += 1;
        } else if depth == 0 {
            return Some(i);
        } else {
            depth -= 1;
        }
        i += 1;
    }
    None
}

/// `s.contains(char::is_whitespace)`, without decoding an ASCII text character by character.
fn has_whitespace(s: &str) -> bool {
    if s.is_ascii() {
        // The ASCII whitespace of `char::is_whitespace`: space, \t, \n, \x0B, \x0C, \r.
        s.bytes().any(|b| b == b' ' || (b'\t'..=b'\r').contains(&b))
    } else {
        s.contains(char::is_whitespace)
    }
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    /// The field split as first written (collect every `|`-separated piece), to hold the
    /// allocation-free [`split_line`] to.
    fn split_line_by_pieces(content: &str) -> Option<LineFields> {
        if !content.as_bytes().first()?.is_ascii_digit() {
            return None;
        }
        let first = content
            .split('\n')
            .next()
            .unwrap_or("")
            .trim_end_matches('\r');
        let mut fields = Vec::new();
        let mut start = 0;
        for piece in first.split('|') {
            let lead = piece.len() - piece.trim_start().len();
            fields.push(start + lead..start + lead + piece.trim().len());
            start += piece.len() + 1;
        }
        if fields.len() < 3 {
            return None;
        }
        let date = fields[0].clone();
        let d = &content[date.clone()];
        if !d.starts_with(|c: char| c.is_ascii_digit()) || !d.contains('-') {
            return None;
        }
        Some(LineFields {
            date,
            location: fields[1].clone(),
            organizer: fields[2].start..fields.last()?.end,
        })
    }

    #[test]
    fn field_split_matches_the_piece_by_piece_split() {
        for c in [
            "2026-08-19 | Berlin, DE | [A](https://a)",
            "2026-08-19|Berlin|[A](u) | [B](v)\n    * [**T**](t)",
            "2026-08-19 | X | [A](u) |  ",
            "2026-08-19 | X |",
            "2026-08-19 | X",
            "1 | 2 | 3",
            "2026-08-19 \u{a0}| \u{2003}Zürich, CH\u{2003} | [Ä](u) | ",
            "2026-08-19 | X | [A](u)\r\n",
            "2026-08-19 | | |\n| x | y",
            "x | y | z",
            "",
        ] {
            assert_eq!(split_line(c), split_line_by_pieces(c), "{c:?}");
        }
    }

    #[test]
    fn byte_searches_agree_with_character_searches() {
        for s in [
            "a b",
            "a\u{b}b",
            "a\u{c}",
            "ab\r",
            "abc",
            "\u{a0}x",
            "é\u{2003}",
            "é",
            "",
        ] {
            assert_eq!(has_whitespace(s), s.contains(char::is_whitespace), "{s:?}");
        }
        assert_eq!(matching("a [b] \\] c] d", b'[', b']'), Some(10));
        assert_eq!(matching("[[x]", b'[', b']'), None);
        assert_eq!(matching("x\\", b'(', b')'), None);
        assert_eq!(matching("(a)b)", b'(', b')'), Some(4));
    }

    use super::*;
    use crate::location::LocationKind;

    const L1: &str =
        "* 2026-08-20 | Berlin, DE | [Rust Berlin](https://www.meetup.com/rust-berlin)";
    const L2: &str =
        "    * [**Rust Summer Party!**](https://www.meetup.com/rust-berlin/events/316151073/)";

    #[test]
    fn split_line_finds_the_three_fields() {
        let c = "2026-08-19 |  Hybrid (Vancouver, CA)| [A](https://a) | [B](https://b) ";
        let f = split_line(c).unwrap();
        assert_eq!(&c[f.date], "2026-08-19");
        assert_eq!(&c[f.location], "Hybrid (Vancouver, CA)");
        assert_eq!(&c[f.organizer], "[A](https://a) | [B](https://b)");
        let c = "2026-09-08 - 2026-09-11|Montréal, CA|x\nsecond | line";
        let f = split_line(c).unwrap();
        assert_eq!((&c[f.location], &c[f.organizer]), ("Montréal, CA", "x"));
        for not_events in [
            "[Link](https://a) | b | c",
            "2026-08-19 | only one bar",
            "2026 | no dash | here",
            "2026-08-19\n| a | b",
            "",
        ] {
            assert_eq!(split_line(not_events), None, "{not_events:?}");
        }
    }

    #[test]
    fn every_entry_parse_entry_accepts_is_an_event_line() {
        for (l1, _) in [
            (L1, L2),
            ("- 2024-04-15 & 2024-04-16|Virtual|[A](https://a)", ""),
        ] {
            assert!(parse_entry(l1, L2).is_ok(), "{l1}");
            let content = strip_bullet(l1).unwrap();
            let f = split_line(content).unwrap();
            let dates = parse_dates(&content[f.date]).unwrap();
            assert_eq!(dates.start, parse_entry(l1, L2).unwrap().start);
        }
    }

    #[test]
    fn date_fields() {
        let d = |s: &str| parse_dates(s).map(|d| (d.start.to_string(), d.last_day().to_string()));
        let day = |s: &str| (s.to_string(), s.to_string());
        assert_eq!(d("2026-08-19"), Ok(day("2026-08-19")));
        for range in [
            "2024-04-15 - 2024-04-17",
            "2024-04-15 & 2024-04-17",
            "2024-04-15, 2024-04-17",
            "2024-04-15-2024-04-17",
        ] {
            assert_eq!(
                d(range),
                Ok(("2024-04-15".into(), "2024-04-17".into())),
                "{range}"
            );
        }
        assert_eq!(parse_dates("2024-04-15 & 2024-04-15").unwrap().end, None);
        let e = parse_dates("2024-4-15").unwrap_err();
        assert_eq!(e.field, EntryField::StartDate);
        let e = parse_dates("2024-04-15 - 2024-04-01").unwrap_err();
        assert_eq!(e.field, EntryField::EndDate);
        let e = parse_dates("2024-04-15 soon").unwrap_err();
        assert_eq!(
            e.to_string(),
            "start date: unexpected text \"soon\" after the date"
        );
        assert!(parse_dates("2024-04-15 - 2024-04-16 x").is_err());
        assert!(parse_dates("").is_err());
        assert!(parse_dates("2024-04-1é").is_err());
    }

    #[test]
    fn parses_and_prints_canonical_entry() {
        let e = parse_entry(L1, L2).unwrap();
        assert_eq!(e.start.to_string(), "2026-08-20");
        assert_eq!(e.end, None);
        assert_eq!(e.location.kind, LocationKind::InPerson);
        assert_eq!(e.organizer, "Rust Berlin");
        assert_eq!(e.title, "Rust Summer Party!");
        assert_eq!(e.to_markdown(), format!("{L1}\n{L2}"));
    }

    #[test]
    fn date_ranges_and_co_organizers() {
        let l1 = "* 2026-09-08 - 2026-09-11 | Hybrid (Montreal, CA) | [RustConf](https://rustconf.com/) | [B](https://b.example/)";
        let l2 = "    * [**RustConf [2026]**](https://rustconf.com/(x))";
        let e = parse_entry(l1, l2).unwrap();
        assert_eq!(e.end.map(|d| d.to_string()).as_deref(), Some("2026-09-11"));
        assert!(e.is_hybrid());
        assert_eq!(e.co_organizers.len(), 1);
        assert_eq!(e.title, "RustConf [2026]");
        assert_eq!(e.url, "https://rustconf.com/(x)");
        assert_eq!(e.to_markdown(), format!("{l1}\n{l2}"));
    }

    #[test]
    fn extra_title_links_and_other_joiners() {
        let e = parse_entry(
            "* 2024-05-07 & 2024-05-08 | Munich, DE + Virtual | [A](https://a/) and [B](https://b/)",
            "    * [**T**](https://t/) - [Stream](https://s/) | [**Mirror**](https://m/)",
        )
        .unwrap();
        assert_eq!(e.end.map(|d| d.to_string()).as_deref(), Some("2024-05-08"));
        assert_eq!(e.co_organizers[0].text, "B");
        assert_eq!(e.extra_links.len(), 2);
        assert_eq!(e.extra_links[1].text, "**Mirror**");
        assert_eq!(
            e.to_markdown(),
            "* 2024-05-07 - 2024-05-08 | Hybrid (Munich, DE) | [A](https://a/) | [B](https://b/)\n    * [**T**](https://t/) | [Stream](https://s/) | [**Mirror**](https://m/)"
        );
    }

    #[test]
    fn lenient_spacing_prints_canonically() {
        let e = parse_entry(
            "- 2024-04-17| Virtual (Vancouver, BC, CA)| [Vancouver Rust](https://v/) + [X](https://x/)  ",
            "  - [**Talk**](https://t/) ",
        )
        .unwrap();
        assert_eq!(
            e.to_markdown(),
            "* 2024-04-17 | Virtual (Vancouver, BC, CA) | [Vancouver Rust](https://v/) | [X](https://x/)\n    * [**Talk**](https://t/)"
        );
    }

    fn field_of(l1: &str, l2: &str) -> EntryField {
        parse_entry(l1, l2).unwrap_err().field
    }

    #[test]
    fn errors_name_the_field() {
        use EntryField::*;
        assert_eq!(field_of("2026-08-20 | Berlin, DE | [A](u)", L2), Bullet);
        assert_eq!(
            field_of("* 2026-13-20 | Berlin, DE | [A](u)", L2),
            StartDate
        );
        assert_eq!(
            field_of("* 20-08-2026 | Berlin, DE | [A](u)", L2),
            StartDate
        );
        assert_eq!(
            field_of("* 2026-08-20 - 2026-08-19 | Berlin, DE | [A](u)", L2),
            EndDate
        );
        assert_eq!(field_of("* 2026-08-20 | | [A](u)", L2), Location);
        assert_eq!(field_of("* 2026-08-20 || [A](u)", L2), Location);
        assert_eq!(
            field_of("* 2026-08-20 | Bangalore, IN, [A](u)", L2),
            Location
        );
        assert_eq!(field_of("* 2026-08-20 | Berlin, DE | A", L2), Organizer);
        assert_eq!(field_of("* 2026-08-20 | Berlin, DE | [A]", L2), Organizer);
        assert_eq!(
            field_of("* 2026-08-20 | Berlin, DE | [A](u) extra", L2),
            Organizer
        );
        assert_eq!(field_of(L1, "[**T**](u)"), TitleBullet);
        assert_eq!(field_of(L1, "    * [T](u)"), Title);
        assert_eq!(field_of(L1, "    * [**T**]: 6:30pm somewhere"), Title);
        assert_eq!(field_of(L1, "    * $[**T**](u)"), Title);
        assert_eq!(field_of(L1, "    * [**T**](u) more"), Url);
        assert_eq!(field_of(L1, "    * [**T**](u) | [Stream]()"), Url);
        let e = parse_entry("* 2026-08-20 | Berlin,, DE | [A](u)", L2).unwrap_err();
        assert!(e.to_string().starts_with("location: "), "{e}");
    }
}
