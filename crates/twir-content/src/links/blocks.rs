//! The block structure a CommonMark renderer gives an issue body, reduced to what link
//! extraction needs: the stretches of inline text (paragraphs, list items, headings, quotes),
//! what holds no links (code, HTML blocks, comments), and the reference definitions.

use super::entity::unescape;
use super::html::{HtmlEnd, block_ends, block_start};
use crate::block::{Fence, fence_closes, fence_open, is_rule};
use crate::span::Span;
use crate::text::QuickTrim;
use crate::text::{indent_width, is_blank};

/// A reference definition `[label]: url`.
#[derive(Debug, Clone)]
pub(super) struct Definition {
    /// The label, normalised for matching (see [`normalize_label`]).
    pub label: String,
    /// The destination with escapes resolved, when that differs from what is written.
    pub resolved: Option<String>,
    /// Where the destination is written (relative to the body), when it is written as is.
    pub url_span: Option<Span>,
}

/// The result of segmenting a body.
#[derive(Debug, Default)]
pub(super) struct Segments {
    /// Stretches of inline text, in order, relative to the body.
    pub units: Vec<Span>,
    /// Reference definitions in order (the first of a label wins).
    pub definitions: Vec<Definition>,
}

/// Splits `body` into inline stretches and collects its reference definitions.
#[cfg(test)]
pub(super) fn segment(body: &str) -> Segments {
    segment_lines(crate::text::split_lines_inclusive(body))
}

/// [`segment`] of the body the `lines` tile, given in order with their terminators (a parsed
/// document has them in its line index already).
pub(super) fn segment_lines<'b>(lines: impl Iterator<Item = &'b str>) -> Segments {
    let mut seg = Segments::default();
    let mut cur: Option<Open> = None;
    let mut lists: Vec<usize> = Vec::new();
    let mut fence: Option<Fence> = None;
    let mut html: Option<HtmlEnd> = None;
    let mut pos = 0;
    for raw in lines {
        let start = pos;
        pos += raw.len();
        let line = crate::text::strip_line_end(raw);
        if let Some(f) = fence {
            if fence_closes(line, f) {
                fence = None;
            }
            continue;
        }
        if let Some(h) = html {
            if h == HtmlEnd::Blank {
                if is_blank(line) {
                    html = None;
                }
                continue;
            }
            if block_ends(line, h) {
                html = None;
            }
            continue;
        }
        if is_blank(line) {
            flush(&mut seg, &mut cur);
            continue;
        }
        let indent = indent_width(line);
        let lead = line.len() - crate::text::strip_blanks_start(line).len();
        let t = &line[lead..];
        // The innermost list item this line would belong to by its indentation.
        let base = lists
            .iter()
            .rev()
            .find(|&&c| c <= indent)
            .copied()
            .unwrap_or(0);
        let rel = indent - base;
        let close_deeper = |lists: &mut Vec<usize>| lists.retain(|&c| c <= indent);
        // Each block start below needs its own first character (a rule may also start with the
        // ASCII whitespace it skips): one look at the first byte spares most lines the calls
        // (callgrind: the chain was a quarter of this segmentation, run on every line).
        let first = t.as_bytes().first().copied().unwrap_or(b' ');
        if rel < 4 {
            if cur.is_some()
                && matches!(first, b'=' | b'-')
                && (lists.is_empty() || (indent >= base && base > 0))
                && let Some(_level) = setext_underline(t)
            {
                flush(&mut seg, &mut cur);
                continue;
            }
            if matches!(first, b'`' | b'~')
                && let Some(f) = fence_open(t)
            {
                flush(&mut seg, &mut cur);
                close_deeper(&mut lists);
                fence = Some(f);
                continue;
            }
            if first == b'#'
                && let Some(text) = atx_text(t)
            {
                flush(&mut seg, &mut cur);
                close_deeper(&mut lists);
                let s = start + lead + (text.as_ptr() as usize - t.as_ptr() as usize);
                seg.units.push(Span::new(s, s + text.len()));
                continue;
            }
            if (first.is_ascii_whitespace() || matches!(first, b'*' | b'-' | b'_')) && is_rule(t) {
                flush(&mut seg, &mut cur);
                close_deeper(&mut lists);
                continue;
            }
            if first == b'<'
                && let Some(h) = block_start(t, cur.is_some())
            {
                flush(&mut seg, &mut cur);
                close_deeper(&mut lists);
                if h == HtmlEnd::Blank || !block_ends(t, h) {
                    html = Some(h);
                }
                continue;
            }
            if matches!(first, b'*' | b'-' | b'+' | b'0'..=b'9')
                && let Some(content) = list_item(t, cur.is_some() && lists.is_empty())
            {
                flush(&mut seg, &mut cur);
                lists.retain(|&c| c <= indent);
                lists.push(indent + content);
                let s = start + lead + content.min(t.len());
                cur = Some(Open::new(s, start + line.len(), false));
                continue;
            }
            if let Some(quoted) = t.strip_prefix('>') {
                let quote_blank = is_blank(quoted.trim_start_matches('>'));
                if quote_blank {
                    flush(&mut seg, &mut cur);
                } else if let Some(open) = cur.as_mut().filter(|o| o.quote) {
                    open.end = start + line.len();
                } else {
                    flush(&mut seg, &mut cur);
                    close_deeper(&mut lists);
                    cur = Some(Open::new(start + lead, start + line.len(), true));
                }
                continue;
            }
        }
        if let Some(open) = cur.as_mut() {
            // Paragraph continuation, lazy or not.
            open.end = start + line.len();
            continue;
        }
        close_deeper(&mut lists);
        let base = lists.last().copied().unwrap_or(0);
        if indent >= base + 4 {
            // Indented code.
            continue;
        }
        if let Some(def) = definition(t, start + lead) {
            seg.definitions.push(def);
            continue;
        }
        cur = Some(Open::new(start + lead, start + line.len(), false));
    }
    flush(&mut seg, &mut cur);
    seg
}

/// The paragraph-like stretch being read.
struct Open {
    start: usize,
    end: usize,
    /// Block quote text, which further `>` lines continue.
    quote: bool,
}

impl Open {
    fn new(start: usize, end: usize, quote: bool) -> Open {
        Open { start, end, quote }
    }
}

fn flush(seg: &mut Segments, cur: &mut Option<Open>) {
    if let Some(o) = cur.take() {
        seg.units.push(Span::new(o.start, o.end));
    }
}

/// Matching form of a label: trimmed, inner whitespace collapsed, case folded.
pub(super) fn normalize_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.to_lowercase()
}

fn setext_underline(t: &str) -> Option<u8> {
    let s = t.trim_end();
    let c = *s.as_bytes().first()?;
    (matches!(c, b'=' | b'-') && s.bytes().all(|b| b == c)).then_some(if c == b'=' { 1 } else { 2 })
}

/// The text of an ATX heading line (closing hashes removed).
fn atx_text(t: &str) -> Option<&str> {
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let after = &t[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let mut inner = after.quick_trim();
    let stripped = inner.trim_end_matches('#');
    if stripped.is_empty() || stripped.ends_with([' ', '\t']) {
        inner = stripped.trim_end();
    }
    Some(inner)
}

/// If `t` starts a list item, the width of its marker and following spaces (where the
/// content starts). `interrupting`: it would interrupt a paragraph outside any list, which
/// only a non-empty bullet or `1.` item may do.
fn list_item(t: &str, interrupting: bool) -> Option<usize> {
    let b = t.as_bytes();
    let (marker_len, ordered_start) = match b.first()? {
        b'*' | b'-' | b'+' => (1, None),
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            (digits + 1, Some(&t[..digits]))
        }
        _ => return None,
    };
    let rest = &t[marker_len..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let empty = rest.quick_trim().is_empty();
    if interrupting && (empty || ordered_start.is_some_and(|n| n.trim_start_matches('0') != "1")) {
        return None;
    }
    let spaces = rest.len() - crate::text::strip_blanks_start(rest).len();
    // Five or more spaces: the content is indented code one space after the marker.
    let pad = if empty || spaces > 4 { 1 } else { spaces };
    Some(marker_len + pad)
}

/// Parses `[label]: destination "optional title"` on one line starting at `at` of the body.
fn definition(t: &str, at: usize) -> Option<Definition> {
    if !t.starts_with('[') {
        return None;
    }
    let b = t.as_bytes();
    let mut i = 1;
    while i < b.len() && b[i] != b']' {
        match b[i] {
            b'\\' => i += 2,
            b'[' => return None,
            _ => i += 1,
        }
    }
    if i >= b.len() || b.get(i + 1) != Some(&b':') {
        return None;
    }
    let label = &t[1..i];
    if label.quick_trim().is_empty() || label.len() > 999 || label.starts_with('^') {
        return None;
    }
    let rest = &t[i + 2..];
    let dest_off = i + 2 + (rest.len() - rest.quick_trim_start().len());
    let d = &t[dest_off..];
    let (raw, raw_off, after) = if let Some(inner) = d.strip_prefix('<') {
        let close = inner.find(['>', '<'])?;
        if inner.as_bytes()[close] != b'>' {
            return None;
        }
        (&inner[..close], dest_off + 1, &inner[close + 1..])
    } else {
        let len = d
            .find(|c: char| c.is_whitespace() || c.is_control())
            .unwrap_or(d.len());
        if len == 0 {
            return None;
        }
        (&d[..len], dest_off, &d[len..])
    };
    let tail = after.quick_trim();
    let title_ok = tail.is_empty()
        || (after.starts_with([' ', '\t'])
            && tail.len() >= 2
            && matches!(
                (tail.as_bytes()[0], tail.as_bytes()[tail.len() - 1]),
                (b'"', b'"') | (b'\'', b'\'') | (b'(', b')')
            ));
    if !title_ok {
        return None;
    }
    let resolved = unescape(raw);
    let url_span = resolved
        .is_none()
        .then(|| Span::new(at + raw_off, at + raw_off + raw.len()));
    Some(Definition {
        label: normalize_label(label),
        resolved,
        url_span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(body: &str) -> Vec<&str> {
        segment(body).units.iter().map(|s| s.text(body)).collect()
    }

    #[test]
    fn skips_code_html_and_comments() {
        let body = "a [x](y)\n\n```\n[c](d)\n```\n\n    [e](f)\n\n<div>\n[g](h)\n</div>\n\n<!--\n[i](j)\n-->\n## T\n";
        assert_eq!(units(body), ["a [x](y)", "T"]);
    }

    #[test]
    fn list_items_are_separate_units() {
        let body = "* a `x\n* b` [c](d)\n    * nested\n  lazy\n\n  more\n";
        assert_eq!(units(body), ["a `x", "b` [c](d)", "nested\n  lazy", "more"]);
    }

    #[test]
    fn collects_definitions() {
        let body = "[Foo  Bar]: https://a.org/x \"t\"\n[b]: <https://b.org/y>\n\ntext [c]: no\n";
        let seg = segment(body);
        let labels: Vec<_> = seg.definitions.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(labels, ["foo bar", "b"]);
        assert_eq!(
            seg.definitions[1].url_span.unwrap().text(body),
            "https://b.org/y"
        );
        assert_eq!(seg.units.len(), 1);
    }

    #[test]
    fn setext_and_breaks() {
        assert_eq!(units("Title\n---\n* * *\ntext\n"), ["Title", "text"]);
    }
}
