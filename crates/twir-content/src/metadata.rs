//! The Pelican-style metadata header: `Key: value` lines ending at the first blank line.

use crate::span::Span;
use crate::text::lines;

/// One `Key: value` line of the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaField {
    /// The key as written (`Title`, `Number`...).
    pub key: String,
    /// The value, trimmed.
    pub value: String,
    /// 1-based line.
    pub line: usize,
    /// The whole line, without its terminator.
    pub span: Span,
    /// The value (trimmed) within the line.
    pub value_span: Span,
}

/// A header key given a second time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    /// The key as written the second time.
    pub key: String,
    /// 1-based line of its first occurrence (the one in effect).
    pub first_line: usize,
    /// 1-based line of this occurrence.
    pub line: usize,
    /// This occurrence's line, without its terminator.
    pub span: Span,
}

/// The metadata header of an issue file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Fields in file order.
    pub fields: Vec<MetaField>,
    /// Lines inside the header that are not `Key: value` (nor indented continuations).
    pub malformed: Vec<(usize, Span)>,
    /// Keys given more than once (case-insensitively); the first one is the one used.
    pub repeated: Vec<Repeated>,
    /// The header, including the blank line that ends it (empty when the file has no header).
    pub span: Span,
}

impl Metadata {
    /// Parses the header at the start of `source`. A file whose first line is not
    /// `Key: value` has no header.
    pub fn parse(source: &str) -> Metadata {
        let mut meta = Metadata::default();
        let mut end = 0;
        for (i, line) in lines(source).enumerate() {
            let content = line.content(source);
            if content.trim().is_empty() {
                end = line.span.end;
                break;
            }
            if let Some((key, value_span)) = split_field(content) {
                let value = value_span.text(content).trim_end();
                if let Some(first) = meta.field(key) {
                    meta.repeated.push(Repeated {
                        key: key.to_string(),
                        first_line: first.line,
                        line: i + 1,
                        span: Span::new(line.span.start, line.span.start + content.len()),
                    });
                }
                meta.fields.push(MetaField {
                    key: key.to_string(),
                    value: value.to_string(),
                    line: i + 1,
                    span: Span::new(line.span.start, line.span.start + content.len()),
                    value_span: Span::new(
                        line.span.start + value_span.start,
                        line.span.start + value_span.start + value.len(),
                    ),
                });
            } else if i == 0 {
                return Metadata::default();
            } else if content.starts_with("    ") || content.starts_with('\t') {
                // A continuation line of the previous value (Python-Markdown's meta allows it).
                if let Some(last) = meta.fields.last_mut() {
                    last.value.push(' ');
                    last.value.push_str(content.trim());
                }
            } else {
                meta.malformed.push((
                    i + 1,
                    Span::new(line.span.start, line.span.start + content.len()),
                ));
            }
            end = line.span.end;
        }
        meta.span = Span::new(0, end);
        meta
    }

    /// The first field named `key` (case-insensitive).
    pub fn field(&self, key: &str) -> Option<&MetaField> {
        self.fields.iter().find(|f| f.key.eq_ignore_ascii_case(key))
    }

    /// The value of the first field named `key` (case-insensitive).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.field(key).map(|f| f.value.as_str())
    }

    /// The `Title`.
    pub fn title(&self) -> Option<&str> {
        self.get("title")
    }

    /// The `Number`, when it is an integer.
    pub fn number(&self) -> Option<u32> {
        self.get("number").and_then(|n| n.trim().parse().ok())
    }

    /// The `Date`, parsed leniently (`2020-12-2` and `2013-06-07 18:46` are accepted).
    pub fn date(&self) -> Option<jiff::civil::Date> {
        self.get("date").and_then(parse_date_lenient)
    }

    /// The `Date` with its time of day when given (`Date: 2013-06-07 18:46`).
    pub fn datetime(&self) -> Option<jiff::civil::DateTime> {
        let raw = self.get("date")?;
        let date = parse_date_lenient(raw)?;
        let time = raw
            .split_whitespace()
            .nth(1)
            .and_then(|t| {
                let (h, m) = t.split_once(':')?;
                jiff::civil::Time::new(h.parse().ok()?, m.get(..2)?.parse().ok()?, 0, 0).ok()
            })
            .unwrap_or(jiff::civil::Time::midnight());
        Some(date.to_datetime(time))
    }

    /// The `Category`.
    pub fn category(&self) -> Option<&str> {
        self.get("category")
    }

    /// The `Tags`, split on commas.
    pub fn tags(&self) -> Vec<&str> {
        self.get("tags")
            .map(|t| {
                t.split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Splits `Key: value`; returns the key and the span of the value within `line`.
pub fn split_field(line: &str) -> Option<(&str, Span)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    if key.is_empty()
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return None;
    }
    let rest = &line[colon + 1..];
    let skip = rest.len() - rest.trim_start().len();
    Some((key, Span::new(colon + 1 + skip, line.len())))
}

/// Parses `YYYY-MM-DD` (digits may be unpadded) optionally followed by a time.
pub fn parse_date_lenient(raw: &str) -> Option<jiff::civil::Date> {
    let day = raw.split_whitespace().next()?;
    let mut parts = day.split('-');
    let y: i16 = parts.next()?.parse().ok()?;
    let m: i8 = parts.next()?.parse().ok()?;
    let d: i8 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    jiff::civil::Date::new(y, m, d).ok()
}

/// Parses a strict `YYYY-MM-DD`.
pub fn parse_date_strict(raw: &str) -> Option<jiff::civil::Date> {
    let b = raw.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    parse_date_lenient(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_ends_at_first_blank_line() {
        let src = "Title: This Week in Rust 1\nNumber: 1\nDate: 2020-12-2\n\nCategory: x\n";
        let m = Metadata::parse(src);
        assert_eq!(m.title(), Some("This Week in Rust 1"));
        assert_eq!(m.number(), Some(1));
        assert_eq!(m.date(), jiff::civil::Date::new(2020, 12, 2).ok());
        assert_eq!(m.category(), None);
        assert_eq!(m.span, Span::new(0, 54));
        assert_eq!(m.fields[2].value_span.text(src), "2020-12-2");
    }

    #[test]
    fn no_header_when_first_line_is_not_a_field() {
        let m = Metadata::parse("Hello world\nTitle: x\n\n");
        assert!(m.fields.is_empty());
        assert!(m.span.is_empty());
    }

    #[test]
    fn malformed_lines_are_recorded() {
        let m = Metadata::parse("Title: a\nnot a field\nDate: 2020-01-01 10:30\n\nbody");
        assert_eq!(m.malformed.len(), 1);
        assert_eq!(m.malformed[0].0, 2);
        let dt = m.datetime().unwrap();
        assert_eq!((dt.hour(), dt.minute()), (10, 30));
    }

    #[test]
    fn repeated_keys_are_recorded_and_the_first_wins() {
        let m = Metadata::parse("Title: a\nNumber: 1\nDate: 2020-01-01\nnumber: 2\n\nbody");
        assert_eq!(m.number(), Some(1));
        assert_eq!(m.repeated.len(), 1);
        let r = &m.repeated[0];
        assert_eq!((r.key.as_str(), r.first_line, r.line), ("number", 2, 4));
    }

    #[test]
    fn strict_dates() {
        assert!(parse_date_strict("2020-12-02").is_some());
        assert!(parse_date_strict("2020-12-2").is_none());
        assert!(parse_date_strict("2020-13-02").is_none());
    }
}
