//! Source preparation: whitespace normalisation and fenced code extraction.
//!
//! Python-Markdown runs these as text preprocessors before any block parsing,
//! which is why fences are only recognised at column 0 and why a fence may cut
//! straight through what would otherwise be a list item.

use crate::highlight;
use crate::stash::Stash;

/// Tab stop width used by Python-Markdown (`tab_length`).
pub(crate) const TAB: usize = 4;

/// Removes the placeholder control characters, unifies line endings, expands
/// tabs, and empties lines that hold only spaces.
pub(crate) fn normalize(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + src.len() / 16 + 2);
    let b = src.as_bytes();
    let mut line_start = 0usize; // in `out`
    let mut col = 0usize; // characters since the line start, for tab stops
    let mut i = 0;
    while i < b.len() {
        // Copy the run of ordinary bytes in one go.
        let run = b[i..]
            .iter()
            .position(|&c| matches!(c, b'\t' | b'\r' | b'\n' | 2 | 3))
            .unwrap_or(b.len() - i);
        if run > 0 {
            let chunk = &src[i..i + run];
            out.push_str(chunk);
            col += if chunk.is_ascii() {
                run
            } else {
                chunk.chars().count()
            };
            i += run;
            continue;
        }
        match b[i] {
            b'\t' => {
                let n = TAB - col % TAB;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            c @ (b'\r' | b'\n') => {
                if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                end_line(&mut out, line_start);
                out.push('\n');
                line_start = out.len();
                col = 0;
            }
            _ => {} // STX / ETX are reserved for placeholders
        }
        i += 1;
    }
    end_line(&mut out, line_start);
    out.push_str("\n\n");
    out
}

/// A line made only of spaces becomes empty, except the very first line of
/// the document (Python-Markdown only looks behind a newline).
fn end_line(out: &mut String, line_start: usize) {
    if line_start > 0
        && out.len() > line_start
        && out.as_bytes()[line_start..].iter().all(|&b| b == b' ')
    {
        out.truncate(line_start);
    }
}

/// One line of the document as byte offsets: `start..end` excludes the newline.
struct Line {
    start: usize,
    end: usize,
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(Line { start, end: nl });
        start = nl + 1;
    }
    lines.push(Line {
        start,
        end: text.len(),
    });
    lines
}

/// If `line` is a bare fence (only fence characters then spaces), its
/// character and length.
fn bare_fence(line: &[u8]) -> Option<(u8, usize)> {
    let c = *line.first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = line.iter().take_while(|&&b| b == c).count();
    (n >= 3 && line[n..].iter().all(|&b| b == b' ')).then_some((c, n))
}

/// Parses an opening fence line; returns the fence (char, length) and the
/// language, if the whole line has the shape Python-Markdown accepts.
fn opening_fence(line: &str) -> Option<((u8, usize), Option<String>)> {
    let b = line.as_bytes();
    let c = *b.first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = b.iter().take_while(|&&x| x == c).count();
    if n < 3 {
        return None;
    }
    let rest = line[n..].trim_start_matches(' ');
    if let Some(inner) = rest.strip_prefix('{') {
        // `{attrs}` form: must close on this line and end it.
        if let Some(close) = inner.find('}')
            && close + 2 == rest.len()
        {
            return Some(((c, n), attr_lang(&inner[..close])));
        }
    }
    let mut r = rest.strip_prefix('.').unwrap_or(rest);
    let lang_len = r
        .find(|ch: char| !(is_word(ch) || "#.+-".contains(ch)))
        .unwrap_or(r.len());
    let lang = &r[..lang_len];
    r = r[lang_len..].trim_start_matches(' ');
    if let Some(h) = r.strip_prefix("hl_lines=") {
        let q = h.chars().next()?;
        if q != '"' && q != '\'' {
            return None;
        }
        let close = h[1..].find(q)?;
        r = h[1 + close + 1..].trim_start_matches(' ');
    }
    if !r.is_empty() {
        return None;
    }
    Some(((c, n), (!lang.is_empty()).then(|| lang.to_string())))
}

/// Language named by a `{.lang ...}` attribute list: the first class.
fn attr_lang(attrs: &str) -> Option<String> {
    attrs
        .split_whitespace()
        .find_map(|a| a.strip_prefix('.'))
        .filter(|l| !l.is_empty())
        .map(str::to_string)
}

/// Python's `\w` for a single character (Unicode-aware).
pub(crate) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Replaces every fenced code block by a placeholder paragraph holding the
/// highlighted HTML. Linear: each closing line is found through an index of
/// bare fence lines instead of rescanning the text.
pub(crate) fn fenced_code(text: String, stash: &mut Stash) -> String {
    if !text.contains("```") && !text.contains("~~~") {
        return text;
    }
    let lines = lines_of(&text);
    // For each fence kind, the indices of its bare fence lines, ascending.
    let mut closers: std::collections::HashMap<(u8, usize), Vec<usize>> = Default::default();
    for (i, l) in lines.iter().enumerate() {
        if let Some(k) = bare_fence(&text.as_bytes()[l.start..l.end]) {
            closers.entry(k).or_default().push(i);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0; // byte offset in `text` up to which `out` is filled
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let Some((kind, lang)) = opening_fence(&text[l.start..l.end]) else {
            i += 1;
            continue;
        };
        let close = closers.get(&kind).and_then(|v| {
            let p = v.partition_point(|&j| j <= i);
            v.get(p).copied()
        });
        let Some(j) = close else {
            i += 1;
            continue;
        };
        let code = &text[lines[i + 1].start.min(lines[j].start)..lines[j].start];
        out.push_str(&text[copied..l.start]);
        out.push('\n');
        stash.store_into(highlight::block(code, lang.as_deref()), &mut out);
        out.push('\n');
        copied = lines[j].end;
        i = j + 1;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_expands_tabs_and_blank_lines() {
        assert_eq!(normalize("a\tb\r\n  \n\tc"), "a   b\n\n    c\n\n");
        assert_eq!(normalize("  \nx"), "  \nx\n\n");
    }

    #[test]
    fn fence_shapes() {
        assert!(opening_fence("```rust").is_some());
        assert!(opening_fence("``` .rust  ").is_some());
        assert!(opening_fence("```{.rust}").is_some());
        assert!(opening_fence("```rust,ignore").is_none());
        assert!(opening_fence("``").is_none());
        assert_eq!(bare_fence(b"````  "), Some((b'`', 4)));
    }

    #[test]
    fn fences_are_replaced_and_unclosed_left() {
        let mut s = Stash::default();
        let out = fenced_code("a\n```rust\nx < y\n```\nb\n```\nopen\n".into(), &mut s);
        assert!(out.starts_with("a\n\n\u{2}"));
        assert!(out.contains("b\n```\nopen"));
        assert_eq!(s.len(), 1);
    }
}
