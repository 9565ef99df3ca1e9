//! Raw HTML block extraction (the `html_block` preprocessor).
//!
//! Python-Markdown tokenises the whole document as HTML. A block-level start
//! tag at the start of a line (up to three spaces in) opens a raw block that
//! runs until its matching end tag; comments and other standalone tags at the
//! start of a line become raw blocks of their own. Raw blocks are stashed and
//! replaced by placeholders; everything else passes through unchanged.

use std::collections::HashMap;

use crate::stash::Stash;
use crate::tree::is_block_level;

struct Extractor<'a> {
    text: &'a str,
    out: String,
    cache: String,
    inraw: bool,
    intail: bool,
    stack: Vec<String>,
    open_counts: HashMap<String, usize>,
    scanned: usize,
    line_start: usize,
}

/// Replaces raw HTML blocks in `text` by stash placeholders.
pub(crate) fn extract(source: String, stash: &mut Stash) -> String {
    if memchr::memchr(b'<', source.as_bytes()).is_none() {
        return source;
    }
    let text = source.as_str();
    let mut x = Extractor {
        text,
        out: String::with_capacity(text.len() + 64),
        cache: String::new(),
        inraw: false,
        intail: false,
        stack: Vec::new(),
        open_counts: HashMap::new(),
        scanned: 0,
        line_start: 0,
    };
    let b = text.as_bytes();
    let mut memo = Memo {
        no_comment_end_from: usize::MAX,
        no_gt_from: usize::MAX,
        no_quote_from: [usize::MAX; 2],
    };
    let mut pos = 0;
    while pos < b.len() {
        let Some(off) = memchr::memchr(b'<', &b[pos..]) else {
            break;
        };
        let i = pos + off;
        x.data(&text[pos..i]);
        match tokenize(text, i, &mut memo) {
            Some((Token::Empty(block), end)) => {
                x.empty_tag(i, end, block, stash);
                pos = end;
            }
            Some((Token::Start { name, self_closing }, end)) => {
                if self_closing || name == "hr" {
                    x.empty_tag(i, end, is_block_level(&name), stash);
                    pos = end;
                } else {
                    let cdata = name == "script" || name == "style";
                    x.start_tag(i, end, name.clone());
                    pos = end;
                    if cdata && x.inraw {
                        // Script and style content is not parsed as HTML.
                        if let Some(close) = find_ci(text, pos, &format!("</{name}")) {
                            x.data(&text[pos..close]);
                            pos = close;
                        }
                    }
                }
            }
            Some((Token::End(name), end)) => {
                x.end_tag(i, end, &name, stash);
                pos = end;
            }
            None => {
                x.data("<");
                pos = i + 1;
            }
        }
    }
    if pos < b.len() {
        x.data(&text[pos..]);
    }
    if !x.cache.is_empty() {
        let cache = std::mem::take(&mut x.cache);
        stash.store_into(cache, &mut x.out);
    }
    x.out
}

enum Token {
    /// Comment, declaration or processing instruction; `true` = block-level.
    Empty(bool),
    Start {
        name: String,
        self_closing: bool,
    },
    End(String),
}

/// Recognises the HTML construct starting at `text[i] == '<'` and its end.
fn tokenize(text: &str, i: usize, memo: &mut Memo) -> Option<(Token, usize)> {
    let b = text.as_bytes();
    let rest = &text[i..];
    if rest.starts_with("<!--") {
        if i >= memo.no_comment_end_from {
            return None;
        }
        let Some(p) = memchr::memmem::find(&b[i + 4..], b"-->") else {
            memo.no_comment_end_from = i;
            return None;
        };
        return Some((Token::Empty(true), i + 4 + p + 3));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        if i >= memo.no_gt_from {
            return None;
        }
        let Some(p) = memchr::memchr(b'>', &b[i..]) else {
            memo.no_gt_from = i;
            return None;
        };
        return Some((Token::Empty(true), i + p + 1));
    }
    let (closing, name_at) = if rest.starts_with("</") {
        (true, i + 2)
    } else {
        (false, i + 1)
    };
    if !b.get(name_at)?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = b[name_at..]
        .iter()
        .position(|c| matches!(c, b'\t' | b'\n' | b'\r' | b'\x0c' | b' ' | b'/' | b'>' | 0))
        .map_or(b.len(), |p| name_at + p);
    let name = text[name_at..name_end].to_ascii_lowercase();
    let end = tag_end(b, name_end, memo)?;
    if closing {
        return Some((Token::End(name), end));
    }
    let self_closing = b[end - 2] == b'/';
    Some((Token::Start { name, self_closing }, end))
}

/// Failed searches remembered so that many unterminated constructs do not
/// rescan the rest of the document each time.
struct Memo {
    no_comment_end_from: usize,
    no_gt_from: usize,
    no_quote_from: [usize; 2],
}

/// Index just past the `>` closing a tag whose attributes start at `p`;
/// quoted attribute values may contain `>` and `<`, an unquoted `<` means
/// this is not a tag (which also keeps every scan short).
fn tag_end(b: &[u8], mut p: usize, memo: &mut Memo) -> Option<usize> {
    while p < b.len() {
        match b[p] {
            b'>' => return Some(p + 1),
            b'<' => return None,
            b'=' => {
                p += 1;
                while p < b.len() && b[p].is_ascii_whitespace() {
                    p += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = b.get(p) {
                    let slot = usize::from(q == b'\'');
                    if p >= memo.no_quote_from[slot] {
                        return None;
                    }
                    let Some(len) = memchr::memchr(q, &b[p + 1..]) else {
                        memo.no_quote_from[slot] = p;
                        return None;
                    };
                    p += len + 2;
                    continue;
                }
            }
            _ => p += 1,
        }
    }
    None
}

fn find_ci(text: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = &text.as_bytes()[from..];
    let n = needle.as_bytes();
    memchr::memchr_iter(b'<', hay)
        .find(|&p| hay.len() - p >= n.len() && hay[p..p + n.len()].eq_ignore_ascii_case(n))
        .map(|p| from + p)
}

impl Extractor<'_> {
    /// Positions are visited in increasing order, so the current line start
    /// is tracked incrementally (a rescan per tag would be quadratic).
    fn at_line_start(&mut self, i: usize) -> bool {
        if let Some(p) = memchr::memrchr(b'\n', &self.text.as_bytes()[self.scanned..i]) {
            self.line_start = self.scanned + p + 1;
        }
        self.scanned = i;
        let line_start = self.line_start;
        let off = i - line_start;
        off == 0 || (off <= 3 && self.text[line_start..i].trim().is_empty())
    }

    /// Two (possibly space-only) line ends follow position `end`.
    fn blank_line_follows(&self, end: usize) -> bool {
        let mut rest = &self.text[end..];
        for _ in 0..2 {
            rest = rest.trim_start_matches(' ');
            match rest.strip_prefix('\n') {
                Some(r) => rest = r,
                None => return false,
            }
        }
        true
    }

    fn data(&mut self, d: &str) {
        if d.is_empty() {
            return;
        }
        if self.intail && d.contains('\n') {
            self.intail = false;
        }
        if self.inraw {
            self.cache.push_str(d)
        } else {
            self.out.push_str(d)
        }
    }

    fn empty_tag(&mut self, i: usize, end: usize, block: bool, stash: &mut Stash) {
        let raw = &self.text[i..end];
        if self.inraw || self.intail {
            self.cache.push_str(raw);
        } else if block && self.at_line_start(i) {
            let mut html = raw.to_string();
            if self.blank_line_follows(end) {
                html.push('\n');
            } else {
                self.intail = true;
            }
            if !self.out.ends_with("\n\n") && self.out.ends_with('\n') {
                self.out.push('\n');
            }
            stash.store_into(html, &mut self.out);
            self.out.push_str("\n\n");
        } else {
            self.out.push_str(raw);
        }
    }

    fn start_tag(&mut self, i: usize, end: usize, name: String) {
        if is_block_level(&name) && (self.intail || (!self.inraw && self.at_line_start(i))) {
            self.inraw = true;
            self.intail = false;
            self.out.push('\n');
        }
        let raw = &self.text[i..end];
        if self.inraw {
            self.cache.push_str(raw);
            *self.open_counts.entry(name.clone()).or_default() += 1;
            self.stack.push(name);
        } else {
            self.out.push_str(raw);
        }
    }

    fn end_tag(&mut self, i: usize, end: usize, name: &str, stash: &mut Stash) {
        let raw = &self.text[i..end];
        if !self.inraw {
            self.out.push_str(raw);
            return;
        }
        self.cache.push_str(raw);
        if self.open_counts.get(name).copied().unwrap_or(0) > 0 {
            while let Some(top) = self.stack.pop() {
                if let Some(c) = self.open_counts.get_mut(&top) {
                    *c -= 1;
                }
                if top == name {
                    break;
                }
            }
        }
        if self.stack.is_empty() {
            if self.blank_line_follows(end) {
                self.cache.push('\n');
            } else {
                self.intail = true;
            }
            self.inraw = false;
            let html = std::mem::take(&mut self.cache);
            stash.store_into(html, &mut self.out);
            self.out.push_str("\n\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (String, Vec<String>) {
        let mut st = Stash::default();
        let out = extract(s.to_string(), &mut st);
        let items = (0..st.len())
            .map(|i| st.get(i).unwrap_or_default().to_string())
            .collect();
        (out, items)
    }

    #[test]
    fn block_tag_at_line_start_is_raw() {
        let (out, items) = run("a\n<div>\n*x*\n</div>\nb\n");
        assert_eq!(items, vec!["<div>\n*x*\n</div>"]);
        assert_eq!(out, "a\n\n\u{2}h0\u{3}\n\n\nb\n");
    }

    #[test]
    fn inline_and_indented_tags_pass_through() {
        let (out, items) = run("x <div>y</div>\n    <div>z</div>\n<small>s</small>");
        assert!(items.is_empty());
        assert_eq!(out, "x <div>y</div>\n    <div>z</div>\n<small>s</small>");
    }

    #[test]
    fn comments_and_unclosed() {
        let (_, items) = run("<!-- c -->\n\nq\n<!-- open\n");
        assert_eq!(items, vec!["<!-- c -->\n"]);
        let (_, items) = run("<div><p>never closed\n\nrest");
        assert_eq!(items, vec!["<div><p>never closed\n\nrest"]);
    }
}
