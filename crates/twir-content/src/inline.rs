//! Small scanners for inline links as TWiR entries write them: `[text](url)`.

use crate::byte_set::byte_set;
use crate::span::Span;
use crate::text::close_on_line;

/// An inline `[text](url)` link found in an entry, as spans into the source. Its text and URL
/// are read from the source on demand: every list item of every issue holds one, and owning
/// copies made two allocations each (150 thousand in a whole-archive check, dhat).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlineLink {
    /// The whole `[text](url)`.
    pub span: Span,
    /// The text between the brackets.
    pub text_span: Span,
    /// The destination between the parentheses (or angle brackets).
    pub url_span: Span,
}

impl InlineLink {
    /// The link text as written (Markdown, without the brackets); `src` is the text the spans
    /// point into (the document's source).
    #[inline]
    pub fn text<'s>(&self, src: &'s str) -> &'s str {
        self.text_span.text(src)
    }

    /// The destination as written (without the parentheses or angle brackets).
    #[inline]
    pub fn url<'s>(&self, src: &'s str) -> &'s str {
        self.url_span.text(src)
    }
}

/// Parses an inline link starting exactly at `s[0] == '['`; `base` is the offset of `s` in the
/// source. Returns the link and the number of bytes consumed.
pub fn parse_inline_link(s: &str, base: usize) -> Option<(InlineLink, usize)> {
    let text_end = matching_bracket(s)?;
    let rest = &s[text_end + 1..];
    if !rest.starts_with('(') {
        return None;
    }
    let dest = &rest[1..];
    let dest_start = text_end + 2;
    let (url_rel, consumed_rel) = if let Some(inner) = dest.strip_prefix('<') {
        let close = inner.find('>')?;
        let after = inner[close + 1..].find(')')?;
        (
            Span::new(dest_start + 1, dest_start + 1 + close),
            dest_start + 1 + close + 1 + after + 1,
        )
    } else if let Some(end) = plain_destination_end(dest.as_bytes()) {
        // Nearly every destination: printable ASCII up to the first `)`, nothing to balance,
        // unescape or trim (callgrind: the general scans below were 6% of a whole-archive
        // check when run on every link).
        (
            Span::new(dest_start, dest_start + end),
            dest_start + end + 1,
        )
    } else {
        let mut depth = 0usize;
        let mut end = None;
        // Every byte that matters is ASCII, so a byte scan finds the same positions; runs of
        // other bytes are skipped through a table (callgrind: this scan and the bracket scan
        // were 6% of a whole-archive check byte by byte).
        let d = dest.as_bytes();
        let mut i = 0;
        while let Some(k) = d
            .get(i..)
            .and_then(|r| r.iter().position(|&c| DEST_SPECIAL[c as usize]))
        {
            i += k;
            match d[i] {
                b'\\' => i += 1,
                b'(' => depth += 1,
                b')' if depth == 0 => {
                    end = Some(i);
                    break;
                }
                b')' => depth -= 1,
                _ => return None,
            }
            i += 1;
        }
        let end = end?;
        // A title (`(url "title")`) follows the first whitespace.
        let url_len =
            first_whitespace(dest[..end].trim_start()).unwrap_or(dest[..end].trim_start().len());
        let lead = dest[..end].len() - dest[..end].trim_start().len();
        (
            Span::new(dest_start + lead, dest_start + lead + url_len),
            dest_start + end + 1,
        )
    };
    let text_span = Span::new(1, text_end);
    Some((
        InlineLink {
            span: Span::new(base, base + consumed_rel),
            text_span: text_span.shift(base),
            url_span: url_rel.shift(base),
        },
        consumed_rel,
    ))
}

/// Where a destination written as printable ASCII without `(` or `\\` ends: the first `)`,
/// when every byte before it is such a character. `None` sends the caller to the general scan.
fn plain_destination_end(d: &[u8]) -> Option<usize> {
    // Within the line: a search to the end of the text for each item would be quadratic.
    let end = close_on_line(d, b')')?;
    // No early exit: the compiler checks many bytes at once.
    let plain = d[..end].iter().fold(end > 0, |ok, &c| {
        ok & (c.wrapping_sub(0x21) < 0x5E) & (c != b'(') & (c != b'\\')
    });
    plain.then_some(end)
}

/// The byte offset of the first whitespace character of `s`. URLs are ASCII nearly always:
/// a byte scan then, instead of decoding every character (callgrind: the char search was 4%
/// of a whole-archive check).
fn first_whitespace(s: &str) -> Option<usize> {
    let at = s
        .bytes()
        .position(|b| WHITESPACE_OR_NON_ASCII[b as usize])?;
    if s.as_bytes()[at].is_ascii() {
        return Some(at);
    }
    // The first non-ASCII byte starts a character: decode from there.
    s[at..].find(char::is_whitespace).map(|k| at + k)
}

/// Bytes the bracket scan of [`matching_bracket`] acts on.
const BRACKET_SPECIAL: [bool; 256] = byte_set(b"\\`[]\n", false);
/// Bytes the destination scan of [`parse_inline_link`] acts on.
const DEST_SPECIAL: [bool; 256] = byte_set(b"\\()\n", false);
/// ASCII whitespace as `char::is_whitespace` has it, and every byte of a non-ASCII character.
const WHITESPACE_OR_NON_ASCII: [bool; 256] = byte_set(b" \t\n\x0B\x0C\r", true);

/// Given `s` starting with `[`, the byte index of its matching `]` (escapes and code spans respected).
pub fn matching_bracket(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'[') {
        return None;
    }
    // Most texts hold none of the bytes the scan below acts on: the first `]` closes them.
    if let Some(close) = close_on_line(bytes, b']') {
        // No newline before `close`: the search stopped at the first.
        if memchr::memchr3(b'\\', b'`', b'[', &bytes[1..close]).is_none() {
            return Some(close);
        }
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next byte that matters.
        match bytes[i..].iter().position(|&c| BRACKET_SPECIAL[c as usize]) {
            Some(k) => i += k,
            None => return None,
        }
        match bytes[i] {
            b'\\' => i += 1,
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &s[i..i + run];
                // A single backtick (nearly every code span) by a byte search: a substring
                // searcher set up for each was 0.7% of a whole-archive check (callgrind).
                let close = if run == 1 {
                    memchr::memchr(b'`', &bytes[i + 1..])
                } else {
                    s[i + run..].find(fence)
                };
                match close {
                    Some(close) => i += run + close + run - 1,
                    None => i += run - 1,
                }
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'\n' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_hide_brackets_from_the_bracket_match() {
        for (s, want) in [
            ("[a `]` b](u)", Some(8)),
            ("[a ``x]`` b](u)", Some(11)),
            ("[a ``x]` b] c]", Some(6)),
            ("[a `x] b", Some(5)),
            ("[a `` x] b", Some(7)),
            ("[`]`]", Some(4)),
            ("[``]", Some(3)),
        ] {
            assert_eq!(matching_bracket(s), want, "{s:?}");
        }
    }

    #[test]
    fn parses_link_with_parens_in_url() {
        let s = "[A (b)](https://x.org/a_(b)) tail";
        let (l, n) = parse_inline_link(s, 10).unwrap();
        let src = format!("{}{s}", " ".repeat(10));
        assert_eq!(l.text(&src), "A (b)");
        assert_eq!(l.url(&src), "https://x.org/a_(b)");
        assert_eq!(&s[n..], " tail");
        assert_eq!(l.span, Span::new(10, 10 + n));
        assert_eq!(l.url_span.start - 10, 8);
    }

    #[test]
    fn parses_angle_destination_and_title() {
        let s = "[a](<b c>)";
        let (l, _) = parse_inline_link(s, 0).unwrap();
        assert_eq!(l.url(s), "b c");
        let s = "[a](http://x \"t\")";
        let (l, _) = parse_inline_link(s, 0).unwrap();
        assert_eq!(l.url(s), "http://x");
    }

    #[test]
    fn brackets_in_code_and_nested() {
        assert_eq!(matching_bracket("[`]` x](u)"), Some(6));
        assert_eq!(matching_bracket("[[a] b](u)"), Some(6));
        assert!(parse_inline_link("[a] (u)", 0).is_none());
        assert!(parse_inline_link("[a](u", 0).is_none());
    }
}
