//! Finds the links of one stretch of inline text the way CommonMark does: code spans,
//! autolinks and raw HTML bind tighter than brackets; the innermost brackets close first; a
//! link cannot contain another link; references only resolve through a definition.

use super::blocks::{Definition, normalize_label};
use super::entity::unescape;
use super::html::TagScanner;
use super::{Destination, Link, LinkKind};
use crate::byte_set::byte_set;
use crate::span::Span;

/// A `[` or `![` not closed yet. [`scan`] takes the stack from its caller, so that one
/// allocation serves every stretch of a body (callgrind: a fresh vector per stretch was 1.4%
/// of a whole-archive check).
pub(super) struct Opener {
    at: usize,
    image: bool,
    active: bool,
}

/// A link found in a stretch, before its text is flattened.
pub(super) struct Found {
    pub link: Link,
    /// Where its text is written (between the brackets), for flattening.
    pub text: Span,
}

/// Appends the links of `body[unit]` to `out`, in the order their closing bracket is found.
pub(super) fn scan(
    body: &str,
    unit: Span,
    defs: &[Definition],
    out: &mut Vec<Found>,
    openers: &mut Vec<Opener>,
) {
    let s = &body[..unit.end];
    let b = s.as_bytes();
    openers.clear();
    let mut tags = TagScanner::new();
    let mut i = unit.start;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                i += if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
                    2
                } else {
                    1
                }
            }
            b'`' => i = skip_code_span(s, i),
            b'<' => {
                if let Some((end, url)) = autolink(s, i) {
                    // The URL is the text between the brackets.
                    debug_assert_eq!(url.len(), end - i - 2);
                    let inner = Span::new(i + 1, end - 1);
                    out.push(Found {
                        link: Link::new(
                            LinkKind::Autolink,
                            Span::new(i, end),
                            Destination::Written(inner),
                        ),
                        text: inner,
                    });
                    i = end;
                } else {
                    i = tags.tag_end(s, i).unwrap_or(i + 1);
                }
            }
            b'!' if b.get(i + 1) == Some(&b'[') => {
                openers.push(Opener {
                    at: i,
                    image: true,
                    active: true,
                });
                i += 2;
            }
            b'[' => {
                openers.push(Opener {
                    at: i,
                    image: false,
                    active: true,
                });
                i += 1;
            }
            b']' => {
                let Some(op) = openers.pop() else {
                    i += 1;
                    continue;
                };
                if !op.active {
                    i += 1;
                    continue;
                }
                let text_start = op.at + if op.image { 2 } else { 1 };
                match close_link(s, text_start, i, defs) {
                    Some((end, url, reference)) => {
                        let kind = match (op.image, reference) {
                            (true, _) => LinkKind::Image,
                            (false, true) => LinkKind::Reference,
                            (false, false) => LinkKind::Inline,
                        };
                        out.push(Found {
                            link: Link::new(kind, Span::new(op.at, end), url),
                            text: Span::new(text_start, i),
                        });
                        if !op.image {
                            for o in openers.iter_mut().filter(|o| !o.image) {
                                o.active = false;
                            }
                        }
                        i = end;
                    }
                    None => i += 1,
                }
            }
            _ => {
                i += 1 + b[i + 1..]
                    .iter()
                    .position(|&c| SPECIAL[c as usize])
                    .unwrap_or(b.len() - i - 1);
            }
        }
    }
}

/// Bytes where inline link syntax may start.
const SPECIAL: [bool; 256] = byte_set(b"\\`<![]", false);

/// The destination of a reference definition.
fn defined(d: &Definition) -> Destination {
    match (&d.resolved, d.url_span) {
        (None, Some(span)) => Destination::Written(span),
        (resolved, _) => Destination::Resolved(resolved.clone().unwrap_or_default()),
    }
}

/// After the `]` at `close` of a bracket whose text starts at `text_start`: the link's end,
/// destination and whether it is a reference link.
fn close_link(
    s: &str,
    text_start: usize,
    close: usize,
    defs: &[Definition],
) -> Option<(usize, Destination, bool)> {
    let after = close + 1;
    let text = &s[text_start..close];
    if text.starts_with('^') && s.as_bytes().get(after) != Some(&b'(') {
        // A footnote reference.
        return None;
    }
    match s.as_bytes().get(after) {
        Some(b'(') => {
            if let Some((end, raw, plain)) = inline_destination(s, after) {
                // A plain destination has nothing to resolve: no search for escapes.
                let resolved = if plain { None } else { unescape(raw.text(s)) };
                let url = match resolved {
                    None => Destination::Written(raw),
                    Some(resolved) => Destination::Resolved(resolved),
                };
                return Some((end, url, false));
            }
        }
        Some(b'[') => {
            if let Some(label_end) = label_end(s, after) {
                let label = &s[after + 1..label_end];
                let end = label_end + 1;
                let key = if label.is_empty() { text } else { label };
                return lookup(defs, key).map(|d| (end, defined(d), true));
            }
        }
        _ => {}
    }
    lookup(defs, text).map(|d| (after, defined(d), true))
}

fn lookup<'d>(defs: &'d [Definition], label: &str) -> Option<&'d Definition> {
    if defs.is_empty() || label.trim().is_empty() || label.len() > 999 {
        return None;
    }
    let key = normalize_label(label);
    defs.iter().find(|d| d.label == key)
}

/// `s[at] == '['`: the index of the `]` closing a link label (no unescaped brackets inside).
fn label_end(s: &str, at: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = at + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'[' => return None,
            b']' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// `s[at] == '('`: parses `(destination "title")`; the index after `)` and the destination span.
fn inline_destination(s: &str, at: usize) -> Option<(usize, Span, bool)> {
    let b = s.as_bytes();
    let mut i = skip_ws(b, at + 1)?;
    if b.get(i) == Some(&b')') {
        return Some((i + 1, Span::new(i, i), true));
    }
    if let Some((end, plain)) = plain_destination(b, i) {
        return Some((end + 1, Span::new(i, end), plain));
    }
    let dest = if b.get(i) == Some(&b'<') {
        let start = i + 1;
        let mut j = start;
        loop {
            match b.get(j)? {
                b'>' => break,
                b'<' | b'\n' => return None,
                b'\\' => j += 2,
                _ => j += 1,
            }
        }
        i = j + 1;
        Span::new(start, j)
    } else {
        let start = i;
        let mut depth = 0usize;
        while let Some(&c) = b.get(i) {
            match c {
                b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 2,
                b'(' => {
                    depth += 1;
                    if depth > 32 {
                        return None;
                    }
                    i += 1;
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    i += 1;
                }
                c if c <= b' ' || c == 0x7f => break,
                _ => i += 1,
            }
        }
        if depth != 0 || i == start {
            return None;
        }
        Span::new(start, i)
    };
    let before_title = i;
    i = skip_ws(b, i)?;
    if i > before_title
        && let Some(&q) = b.get(i)
        && matches!(q, b'"' | b'\'' | b'(')
    {
        let close = if q == b'(' { b')' } else { q };
        let mut j = i + 1;
        loop {
            match *b.get(j)? {
                b'\\' => j += 2,
                c if c == close => break,
                b'(' if q == b'(' => return None,
                b'\n' if crate::text::strip_blanks_start(&s[j + 1..]).starts_with('\n') => {
                    return None;
                }
                _ => j += 1,
            }
        }
        i = skip_ws(b, j + 1)?;
    }
    (b.get(i) == Some(&b')')).then_some((i + 1, dest, false))
}

/// Nearly every destination: ordinary bytes (no space, control, `(`, `\\` or `<` first) up
/// to a `)` on the same line, which the general loop of [`inline_destination`] would reach with
/// nothing to balance and no title. Returns that `)`. A byte loop per link was 5% of a
/// whole-archive check (callgrind); this search and check run many bytes at once.
///
/// Also says whether the destination is written as it reads: with no `&` either, there is no
/// escape or character reference to resolve, and the caller skips that search (one per link).
fn plain_destination(b: &[u8], start: usize) -> Option<(usize, bool)> {
    let rest = b.get(start..)?;
    if rest.first() == Some(&b'<') {
        return None;
    }
    let end = crate::text::close_on_line(rest, b')')?;
    let (plain, no_reference) = rest[..end]
        .iter()
        .fold((end > 0, true), |(ok, no_ref), &c| {
            (
                ok & (c > b' ') & (c != 0x7f) & (c != b'(') & (c != b'\\'),
                no_ref & (c != b'&'),
            )
        });
    plain.then_some((start + end, no_reference))
}

/// Skips spaces and tabs and at most one line ending; `None` at a blank line.
fn skip_ws(b: &[u8], mut i: usize) -> Option<usize> {
    let mut newline = false;
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\n' if !newline => {
                newline = true;
                i += 1;
            }
            b'\n' => return None,
            _ => break,
        }
    }
    Some(i)
}

/// `s[at] == '`'`: the index after the code span starting there, or after the backtick run
/// when nothing closes it.
pub(super) fn skip_code_span(s: &str, at: usize) -> usize {
    code_span(s, at).map(|(_, end)| end).unwrap_or_else(|| {
        at + s.as_bytes()[at..]
            .iter()
            .take_while(|&&c| c == b'`')
            .count()
    })
}

/// `s[at] == '`'`: the span of the code span's content and the index after it.
pub(super) fn code_span(s: &str, at: usize) -> Option<(Span, usize)> {
    let b = s.as_bytes();
    let n = b[at..].iter().take_while(|&&c| c == b'`').count();
    let mut i = at + n;
    while i < b.len() {
        if b[i] == b'`' {
            let run = b[i..].iter().take_while(|&&c| c == b'`').count();
            if run == n {
                return Some((Span::new(at + n, i), i + run));
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// `s[at] == '<'`: an autolink `<scheme:...>` or `<user@host>`; its end and destination.
fn autolink(s: &str, at: usize) -> Option<(usize, &str)> {
    let rest = &s[at + 1..];
    let close = rest.find(['>', '<', ' ', '\t', '\n'])?;
    if rest.as_bytes()[close] != b'>' {
        return None;
    }
    let inner = &rest[..close];
    let end = at + 1 + close + 1;
    if let Some(colon) = inner.find(':') {
        let scheme = &inner[..colon];
        let ok = (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
            && !inner.bytes().any(|c| c.is_ascii_control());
        if ok {
            return Some((end, inner));
        }
    }
    let (user, host) = inner.split_once('@')?;
    let user_ok = !user.is_empty()
        && user
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&c));
    let host_ok = !host.is_empty()
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        });
    (user_ok && host_ok).then_some((end, inner))
}
