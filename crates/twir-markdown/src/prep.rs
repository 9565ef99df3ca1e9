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
    if memchr::memchr2(2, 3, src.as_bytes()).is_some() {
        // Rare: drop the reserved bytes first (they take no column either).
        let cleaned: String = src
            .chars()
            .filter(|&c| c != '\u{2}' && c != '\u{3}')
            .collect();
        return normalize(&cleaned);
    }
    let mut out = String::with_capacity(src.len() + src.len() / 16 + 2);
    let b = src.as_bytes();
    if memchr::memchr2(b'\t', b'\r', b).is_none() {
        // Usual case: only lines of spaces (after the first) change.
        let mut copied = 0;
        // Only lines starting with a space can be blank.
        for nl in memchr::memmem::find_iter(b, b"\n ") {
            let s = nl + 1;
            if s < copied {
                continue;
            }
            let k = b[s..]
                .iter()
                .position(|&c| c != b' ')
                .map_or(b.len(), |n| s + n);
            if k == b.len() || b[k] == b'\n' {
                out.push_str(&src[copied..s]);
                copied = k;
            }
        }
        out.push_str(&src[copied..]);
        out.push_str("\n\n");
        return out;
    }
    let mut pos = 0;
    loop {
        let end = memchr::memchr2(b'\n', b'\r', &b[pos..]).map_or(b.len(), |e| pos + e);
        let line = &src[pos..end];
        let line_start = out.len();
        if memchr::memchr(b'\t', line.as_bytes()).is_none() {
            out.push_str(line);
        } else {
            expand_tabs(line, &mut out);
        }
        end_line(&mut out, line_start);
        if end == b.len() {
            break;
        }
        out.push('\n');
        pos = end + 1;
        if b[end] == b'\r' && b.get(pos) == Some(&b'\n') {
            pos += 1;
        }
    }
    out.push_str("\n\n");
    out
}

/// Appends `line` with each tab replaced by spaces up to the next tab stop
/// (columns count characters).
fn expand_tabs(line: &str, out: &mut String) {
    let mut col = 0;
    for (i, chunk) in line.split('\t').enumerate() {
        if i > 0 {
            let n = TAB - col % TAB;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        }
        out.push_str(chunk);
        col += if chunk.is_ascii() {
            chunk.len()
        } else {
            chunk.chars().count()
        };
    }
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
/// highlighted HTML. Only lines starting with a backtick or tilde can open or
/// close a fence, so only those are looked at; each closing line is found
/// through an index of bare fence lines instead of rescanning the text.
pub(crate) fn fenced_code(text: String, stash: &mut Stash) -> String {
    let b = text.as_bytes();
    let lines: Vec<Line> = memchr::memchr2_iter(b'`', b'~', b)
        .filter(|&i| i == 0 || b[i - 1] == b'\n')
        .map(|start| Line {
            start,
            end: memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |n| start + n),
        })
        .collect();
    // For each fence kind, the indices (in `lines`) of its bare fence lines.
    let mut closers: std::collections::HashMap<(u8, usize), Vec<usize>> = Default::default();
    for (i, l) in lines.iter().enumerate() {
        if let Some(k) = bare_fence(&b[l.start..l.end]) {
            closers.entry(k).or_default().push(i);
        }
    }
    if closers.is_empty() {
        return text;
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
        // The closing line comes after the opening one, so a line follows it.
        let code = &text[l.end + 1..lines[j].start];
        out.push_str(&text[copied..l.start]);
        out.push('\n');
        stash.store_into(highlight::block(code, lang.as_deref()), &mut out);
        out.push('\n');
        copied = lines[j].end;
        i = j + 1;
    }
    if copied == 0 {
        return text;
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
        assert_eq!(normalize("é\tx\ry\r\r\nz"), "é   x\ny\n\nz\n\n");
        assert_eq!(normalize("a\u{2}\tb\u{3}\n \t "), "a   b\n\n\n");
        // Python strips STX/ETX before unifying line ends: CR, ETX, LF is
        // one line end.
        assert_eq!(normalize("a\r\u{3}\nb"), "a\nb\n\n");
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
