//! Line splitting that keeps every byte, and small text helpers.

use crate::span::Span;

/// One line of a source: its span includes the line terminator.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// The line with its terminator (`\n` or `\r\n`, absent on the last line).
    pub span: Span,
}

impl Line {
    /// The line without its terminator.
    pub fn content<'a>(&self, source: &'a str) -> &'a str {
        strip_line_end(self.span.text(source))
    }
}

/// Iterates the lines of `source`, terminators included, so that the spans tile the text.
pub fn lines(source: &str) -> impl Iterator<Item = Line> + '_ {
    let bytes = source.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let end = memchr::memchr(b'\n', &bytes[start..])
            .map(|i| start + i + 1)
            .unwrap_or(bytes.len());
        pos = end;
        Some(Line {
            span: Span::new(start, end),
        })
    })
}

/// The lines of `s` with their `\n`, as `s.split_inclusive('\n')` gives them, found with the
/// memchr crate: the standard library's byte search was 5% of a whole-archive check, run on
/// every line of every issue.
pub fn split_lines_inclusive(s: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// How far the fast paths of the link scanners look for the `]` or `)` that ends a link text
/// or destination; past it the general scan decides. Bounded so that a long line of unclosed
/// `[a](` stays linear: each would otherwise search to the end of its line, where the general
/// scan stops at the first space or after 32 nested parentheses.
pub const FAST_PATH_WINDOW: usize = 512;

/// Where a scanner's fast path may end a link text or destination: the first `close` of `b`
/// within [`FAST_PATH_WINDOW`] bytes and before any newline. The caller then checks that the
/// bytes before it are ones its general scan would pass over; `None` sends it to that scan.
pub fn close_on_line(b: &[u8], close: u8) -> Option<usize> {
    let window = &b[..b.len().min(FAST_PATH_WINDOW)];
    memchr::memchr2(close, b'\n', window).filter(|&i| b[i] == close)
}

/// The first line of `s`, without its `\n` (as `s.split('\n').next()`).
pub fn first_line(s: &str) -> &str {
    memchr::memchr(b'\n', s.as_bytes()).map_or(s, |i| &s[..i])
}

/// Width of the leading whitespace, tabs counting as 4 columns.
pub fn indent_width(line: &str) -> usize {
    let mut w = 0;
    for b in line.bytes() {
        match b {
            b' ' => w += 1,
            b'\t' => w += 4 - (w % 4),
            _ => break,
        }
    }
    w
}

/// `str::trim` and `str::trim_start` with a shortcut for the usual text, which starts (and
/// ends) with an ASCII character other than whitespace: the standard library first decodes a
/// character at each end to ask Unicode, which over every line and link of the archive was 3%
/// of a whole-archive check (callgrind). Same results for every text (a unit test compares).
pub trait QuickTrim {
    /// `str::trim`.
    fn quick_trim(&self) -> &str;
    /// `str::trim_start`.
    fn quick_trim_start(&self) -> &str;
}

/// An ASCII byte that is not whitespace to `char::is_whitespace` (space, `\t` to `\r`).
#[inline]
fn solid_ascii(b: Option<&u8>) -> bool {
    b.is_some_and(|&b| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r'))
}

impl QuickTrim for str {
    #[inline]
    fn quick_trim(&self) -> &str {
        let b = self.as_bytes();
        if solid_ascii(b.first()) && solid_ascii(b.last()) {
            self
        } else {
            self.trim()
        }
    }

    #[inline]
    fn quick_trim_start(&self) -> &str {
        if solid_ascii(self.as_bytes().first()) {
            self
        } else {
            self.trim_start()
        }
    }
}

/// `s.trim_end_matches(['\n', '\r'])`, byte by byte: the standard library decodes each
/// character to compare it with a set of characters, which on every line of every issue was
/// 1.5% of a whole-archive check (callgrind).
#[inline]
pub fn strip_line_end(s: &str) -> &str {
    strip_ascii_end(s, |b| matches!(b, b'\n' | b'\r'))
}

/// `s` without the bytes `drop` accepts at its end; `drop` accepts only ASCII bytes.
#[inline]
fn strip_ascii_end(s: &str, drop: impl Fn(u8) -> bool) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    while end > 0 && drop(b[end - 1]) {
        end -= 1;
    }
    // Only ASCII bytes were dropped: `end` is a character boundary.
    &s[..end]
}

/// `s.trim_start_matches([' ', '\t'])`, byte by byte (as [`strip_line_end`]).
#[inline]
pub fn strip_blanks_start(s: &str) -> &str {
    let n = s.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    &s[n..]
}

/// `s.trim_end_matches([' ', '\t'])`, byte by byte (as [`strip_line_end`]).
#[inline]
pub fn strip_blanks_end(s: &str) -> &str {
    strip_ascii_end(s, |b| b == b' ' || b == b'\t')
}

/// True when the line holds only whitespace.
pub fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ' || b == b'\t' || b == b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_trims_are_the_standard_trims() {
        let mut texts: Vec<String> = [
            "",
            " ",
            "a",
            " a",
            "a ",
            " a ",
            "\u{b}a\u{b}",
            "\u{c}a",
            "a\r",
            "\u{85}a\u{85}",
            "\u{a0}a",
            "a\u{3000}",
            "é",
            " é ",
            "*",
            "* x",
            "\tx\n",
            "\u{1f}a\u{7f}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every pair of ends from a set of ASCII and other characters.
        let ends = [
            ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', 'a', '#', '\u{85}', '\u{a0}', 'é', '\u{2028}',
        ];
        for a in ends {
            for z in ends {
                texts.push(format!("{a}mid{z}"));
                texts.push(format!("{a}{z}"));
            }
        }
        for t in &texts {
            assert_eq!(t.quick_trim(), t.trim(), "{t:?}");
            assert_eq!(t.quick_trim_start(), t.trim_start(), "{t:?}");
        }
    }

    #[test]
    fn byte_strips_match_the_character_trims() {
        for s in [
            "",
            "a",
            "a\n",
            "a\r\n",
            "a\r\r\n\n",
            "\n\r",
            " \t a \t",
            "\t\t",
            "é \t",
            " é",
            "a\u{a0}",
            "\u{a0} a",
            "x \r\n",
        ] {
            assert_eq!(strip_line_end(s), s.trim_end_matches(['\n', '\r']), "{s:?}");
            assert_eq!(
                strip_blanks_start(s),
                s.trim_start_matches([' ', '\t']),
                "{s:?}"
            );
            assert_eq!(
                strip_blanks_end(s),
                s.trim_end_matches([' ', '\t']),
                "{s:?}"
            );
        }
    }

    #[test]
    fn lines_tile_the_source() {
        let src = "a\r\nb\n\nc";
        let ls: Vec<_> = lines(src).collect();
        assert_eq!(ls.len(), 4);
        assert_eq!(ls[0].content(src), "a");
        assert_eq!(ls[3].content(src), "c");
        let joined: String = ls.iter().map(|l| l.span.text(src)).collect();
        assert_eq!(joined, src);
    }

    #[test]
    fn split_lines_agrees_with_the_standard_library() {
        for s in ["", "a", "a\n", "\n\n", "a\r\nb\n\nc", "é\nü\n\n", "x\ny"] {
            let ours: Vec<&str> = split_lines_inclusive(s).collect();
            let std: Vec<&str> = s.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{s:?}");
            assert_eq!(first_line(s), s.split('\n').next().unwrap_or(""), "{s:?}");
        }
    }

    #[test]
    fn tabs_count_to_next_stop() {
        assert_eq!(indent_width("\t* x"), 4);
        assert_eq!(indent_width("  \t* x"), 4);
        assert_eq!(indent_width("     x"), 5);
    }
}
