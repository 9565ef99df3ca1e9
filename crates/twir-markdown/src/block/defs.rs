//! Definitions that are removed from the flow: link references
//! (`[id]: url "title"`) and footnotes (`[^id]: text`).

use std::collections::HashMap;
use std::rc::Rc;

use super::lines::{lines, marked_lines};
use super::{Blocks, Parser, neg, shape};
use crate::tree::NodeId;

/// Footnote definitions in the order they were defined.
#[derive(Default)]
pub(crate) struct Footnotes {
    pub entries: Vec<(String, Rc<String>)>,
    /// Position in `entries` of each id (thousands of footnotes must not
    /// make each lookup a scan).
    index: HashMap<String, usize>,
}

impl Footnotes {
    /// Index of footnote `id`, if defined.
    pub(crate) fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    fn set(&mut self, id: String, text: String) {
        match self.index.get(&id) {
            Some(&i) => self.entries[i].1 = text.into(),
            None => {
                self.index.insert(id.clone(), self.entries.len());
                self.entries.push((id, text.into()));
            }
        }
    }
}

impl Parser {
    /// Extracts the first reference definition of the block; the text
    /// around it goes back as separate blocks.
    pub(super) fn reference(&mut self, blocks: &mut Blocks) -> bool {
        let Some(b) = blocks.last_mut() else {
            return false;
        };
        if b.neg & neg::REFERENCE != 0 {
            return false;
        }
        let found = if b.shape & shape::ONE_LINE != 0 {
            parse_reference(b.text(), 0)
        } else {
            find_reference(b.text())
        };
        let Some(d) = found else {
            b.neg |= neg::REFERENCE;
            return false;
        };
        let Some(b) = blocks.pop() else { return false };
        self.refs.insert(d.id, (d.url, d.title));
        let inherit = b.neg;
        let after = &b.text()[d.end..];
        if !after.trim().is_empty() {
            blocks.push(b.sub(after.trim_start_matches('\n'), inherit));
        }
        let before = &b.text()[..d.start];
        if !before.trim().is_empty() {
            blocks.push(b.sub(before.trim_end_matches('\n'), inherit | neg::REFERENCE));
        }
        true
    }

    /// Extracts a footnote definition with its continuation lines and the
    /// indented blocks that follow it.
    pub(super) fn footnote_def(&mut self, _parent: NodeId, blocks: &mut Blocks) -> bool {
        let Some(b) = blocks.last_mut() else {
            return false;
        };
        if b.neg & neg::FOOTNOTE != 0 {
            return false;
        }
        let Some((start, id_end, text_start, line_end)) = find_footnote(b.text()) else {
            b.neg |= neg::FOOTNOTE;
            return false;
        };
        let Some(b) = blocks.pop() else { return false };
        let bt = b.text();
        let id = bt[start..id_end].trim_start_matches(' ')[2..]
            .trim_end_matches("]:")
            .to_string();
        let first = &bt[text_start..line_end];
        let rest = bt[line_end..].trim_start_matches('\n');
        let mut text;
        let before = bt[..start].trim_end_matches('\n');
        let has_before = !bt[..start].trim().is_empty();
        if let Some((next, ..)) = find_footnote(rest) {
            let cont = rest[..next].trim_end_matches('\n');
            text = format!("{first}\n{}", detab4(cont))
                .trim_start_matches('\n')
                .to_string();
            if has_before {
                blocks.push(b.sub(before, b.neg | neg::FOOTNOTE));
            }
            blocks.push(b.sub(&rest[next..], b.neg));
        } else {
            text = format!("{first}\n{}", detab4(rest))
                .trim_matches('\n')
                .to_string();
            while blocks.last().is_some_and(|n| n.text().starts_with("    ")) {
                if let Some(n) = blocks.pop() {
                    text.push_str("\n\n");
                    text.push_str(&detab4(n.text()));
                }
            }
            if has_before {
                blocks.push(b.sub(before, b.neg | neg::FOOTNOTE));
            }
        }
        let keep = text.trim_end().len();
        text.truncate(keep);
        self.footnotes.set(id, text);
        true
    }
}

/// Removes one 4-space indent from the lines that have it.
fn detab4(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, (_, l)) in lines(s).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(l.strip_prefix("    ").unwrap_or(l));
    }
    out
}

/// First `[^id]: text` line at or after `from`: (line start, end of `]:`,
/// start of text, end of line).
fn find_footnote(block: &str) -> Option<(usize, usize, usize, usize)> {
    for (pos, end) in marked_lines(block, b"[") {
        let line = &block[pos..end];
        let indent = line.bytes().take_while(|&c| c == b' ').count();
        if indent <= 3
            && let Some(r) = line[indent..].strip_prefix("[^")
            && let Some(close) = r.find(']')
            && r[close + 1..].starts_with(':')
        {
            let id_end = pos + indent + 2 + close + 2;
            let text_start = id_end
                + (line.len()
                    - (id_end - pos)
                    - line[id_end - pos..].trim_start_matches(' ').len());
            return Some((pos, id_end, text_start, pos + line.len()));
        }
    }
    None
}

pub(super) struct RefDef {
    start: usize,
    end: usize,
    id: String,
    url: String,
    title: Option<String>,
}

/// The first line of the form `   [id]: url "title"` (the URL or the title
/// may sit on the next line).
fn find_reference(block: &str) -> Option<RefDef> {
    marked_lines(block, b"[").find_map(|(pos, _)| parse_reference(block, pos))
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

pub(super) fn parse_reference(block: &str, start: usize) -> Option<RefDef> {
    let b = block.as_bytes();
    let mut i = start;
    let indent = b[i..].iter().take_while(|&&c| c == b' ').count();
    if indent > 3 {
        return None;
    }
    i += indent;
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let id_start = i + 1;
    let id_len = memchr::memchr2(b']', b'[', &b[id_start..])?;
    if b[id_start + id_len] != b']' || b.get(id_start + id_len + 1) != Some(&b':') {
        return None;
    }
    let id = block[id_start..id_start + id_len].trim().to_lowercase();
    i = skip_spaces(b, id_start + id_len + 2);
    if b.get(i) == Some(&b'\n') {
        i = skip_spaces(b, i + 1);
    }
    let url_start = i;
    let url_len = block[i..]
        .find(char::is_whitespace)
        .unwrap_or(block.len() - i);
    if url_len == 0 {
        return None;
    }
    let url_end = i + url_len;
    let url = block[url_start..url_end]
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    let after_url = skip_spaces(b, url_end);
    let line_end = |p: usize| p >= b.len() || b[p] == b'\n';
    // Title on the same line, or on the next one.
    let mut title_at = vec![after_url];
    if b.get(after_url) == Some(&b'\n') {
        title_at.push(skip_spaces(b, after_url + 1));
    }
    for &t in title_at.iter().rev() {
        if let Some((title, end)) = parse_title(block, t) {
            return Some(RefDef {
                start,
                end,
                id,
                url,
                title: Some(title),
            });
        }
    }
    line_end(after_url).then_some(RefDef {
        start,
        end: after_url,
        id,
        url,
        title: None,
    })
}

/// A quoted (`"…"`, `'…'`) or parenthesised title ending its line; quotes
/// match greedily up to the last closing quote of the line.
fn parse_title(block: &str, t: usize) -> Option<(String, usize)> {
    let b = block.as_bytes();
    let open = *b.get(t)?;
    let close = match open {
        b'"' | b'\'' => open,
        b'(' => b')',
        _ => return None,
    };
    let eol = memchr::memchr(b'\n', &b[t..]).map_or(b.len(), |p| t + p);
    let line = &block[t + 1..eol];
    let trimmed = line.trim_end_matches(' ');
    let inner = trimmed.strip_suffix(close as char)?;
    Some((inner.to_string(), eol))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        let d = find_reference("text\n  [Foo Bar]: <http://x> \"T\"\nmore")
            .map(|d| (d.id, d.url, d.title, d.start));
        assert_eq!(
            d,
            Some(("foo bar".into(), "http://x".into(), Some("T".into()), 5))
        );
        let d = find_reference("[a]:\n   http://y\n   (paren)").map(|d| (d.url, d.title));
        assert_eq!(d, Some(("http://y".into(), Some("paren".into()))));
        assert!(find_reference("[a]: http://x trailing words").is_none());
        assert!(find_reference("[a] http://x").is_none());
    }

    #[test]
    fn footnote_lines() {
        let f = find_footnote("x\n[^1]: note");
        assert_eq!(f, Some((2, 7, 8, 12)));
    }
}
