//! Single-construct block processors: blank blocks, indented code, headers,
//! rules, block quotes and paragraphs.

use super::lines::{lines, marked_lines};
use super::{Block, Blocks, Parser, neg, shape};
use crate::prep::TAB;
use crate::tree::NodeId;

const INDENT: &str = "    ";

impl Parser {
    /// A blank block: separates code block lines inside an open code block.
    pub(super) fn empty(&mut self, parent: NodeId, blocks: &mut Blocks) -> bool {
        let Some(b) = blocks.last() else { return false };
        if !(b.text().is_empty() || b.text().starts_with('\n')) {
            return false;
        }
        let Some(b) = blocks.pop() else { return false };
        let mut filler = "\n\n";
        let len = b.text().len();
        if len > 0 {
            filler = "\n";
            if len > 1 {
                blocks.push(b.slice(1, len, b.neg));
            }
        }
        if let Some(code) = self.code_sibling(parent) {
            self.tree.nodes[code].text.push_str(filler);
        }
        true
    }

    /// An indented code block (or more lines of the previous one).
    pub(super) fn code(&mut self, parent: NodeId, blocks: &mut Blocks) -> bool {
        if !blocks.last().is_some_and(|b| b.text().starts_with(INDENT)) {
            return false;
        }
        let Some(b) = blocks.pop() else { return false };
        let (code_text, consumed) = detab(b.text(), TAB);
        let code = match self.code_sibling(parent) {
            Some(code) => {
                self.tree.nodes[code].text.push('\n');
                code
            }
            None => {
                let pre = self.tree.sub(parent, "pre");
                let code = self.tree.sub(pre, "code");
                self.tree.nodes[code].atomic = true;
                code
            }
        };
        let t = &mut self.tree.nodes[code].text;
        twir_escape::push_html_text(t, code_text.trim_end());
        t.push('\n');
        let len = b.text().len();
        if consumed < len {
            blocks.push(b.slice(consumed, len, b.neg));
        }
        true
    }

    /// `# Header` on any line of the block.
    pub(super) fn hash_header(&mut self, parent: NodeId, blocks: &mut Blocks) -> bool {
        let Some(b) = blocks.last_mut() else {
            return false;
        };
        if b.neg & neg::HASH != 0 {
            return false;
        }
        let Some(h) =
            find_hash_header(b.text()).map(|h| (h.start, h.end, h.level, h.text.to_string()))
        else {
            b.neg |= neg::HASH;
            return false;
        };
        let (start, end, level, text) = h;
        let Some(b) = blocks.pop() else { return false };
        if start > 0 {
            self.parse_blocks(parent, b.slice(0, start, b.neg | neg::HASH));
        }
        let node = self.tree.sub(parent, HEADINGS[level - 1]);
        self.tree.nodes[node].text = text;
        let len = b.text().len();
        if end < len {
            blocks.push(b.slice(end, len, b.neg));
        }
        true
    }

    /// `Header\n======` at the start of the block.
    pub(super) fn setext_header(&mut self, parent: NodeId, blocks: &mut Blocks) -> bool {
        let Some(b) = blocks.last() else { return false };
        if b.shape & shape::ONE_LINE != 0 {
            return false;
        }
        let t = b.text();
        let Some(nl) = memchr::memchr(b'\n', t.as_bytes()) else {
            return false;
        };
        let second_end = memchr::memchr(b'\n', &t.as_bytes()[nl + 1..]).map(|p| nl + 1 + p);
        let second = &t[nl + 1..second_end.unwrap_or(t.len())];
        let marks = second.trim_end_matches(' ');
        if marks.is_empty() || !marks.bytes().all(|c| c == b'=' || c == b'-') {
            return false;
        }
        let level = if second.starts_with('=') { 1 } else { 2 };
        let text = t[..nl].trim().to_string();
        let Some(b) = blocks.pop() else { return false };
        let node = self.tree.sub(parent, HEADINGS[level - 1]);
        self.tree.nodes[node].text = text;
        if let Some(e) = second_end {
            blocks.push(b.slice(e + 1, b.text().len(), b.neg));
        }
        true
    }

    /// A horizontal rule line anywhere in the block.
    pub(super) fn hr(&mut self, parent: NodeId, blocks: &mut Blocks) -> bool {
        let Some(b) = blocks.last_mut() else {
            return false;
        };
        if b.neg & neg::HR != 0 {
            return false;
        }
        let Some((start, end)) = find_line(b.text(), b"-_*", is_hr_line) else {
            b.neg |= neg::HR;
            return false;
        };
        let Some(b) = blocks.pop() else { return false };
        let before = b.text()[..start].trim_end_matches('\n');
        if !before.is_empty() {
            self.parse_blocks(parent, b.sub(before, b.neg | neg::HR));
        }
        self.tree.sub(parent, "hr");
        let after = b.text()[end..].trim_start_matches('\n');
        if !after.is_empty() {
            blocks.push(b.sub(after, b.neg));
        }
        true
    }

    /// Lines starting with `>`; earlier lines of the block are parsed first.
    pub(super) fn quote(&mut self, parent: NodeId, blocks: &mut Blocks) -> bool {
        let Some(b) = blocks.last_mut() else {
            return false;
        };
        if b.neg & neg::QUOTE != 0 {
            return false;
        }
        let Some((start, _)) = find_line(b.text(), b">", |l| quote_content(l).is_some()) else {
            b.neg |= neg::QUOTE;
            return false;
        };
        let Some(b) = blocks.pop() else { return false };
        // Python passes the text before the first quoted line, *including*
        // the separating newline's absence, even when empty.
        self.parse_blocks(
            parent,
            b.slice(0, start.saturating_sub(1), b.neg | neg::QUOTE),
        );
        let text = b.text();
        let mut cleaned = String::with_capacity(text.len() - start);
        for (i, (_, line)) in lines(&text[start..]).enumerate() {
            if i > 0 {
                cleaned.push('\n');
            }
            if line.trim() == ">" {
                continue;
            }
            cleaned.push_str(quote_content(line).unwrap_or(line));
        }
        let quote = match self.last_child_tagged(parent, &["blockquote"]) {
            Some(q) => q,
            None => self.tree.sub(parent, "blockquote"),
        };
        self.set_state("blockquote");
        self.parse_chunk(quote, &Block::owned(cleaned));
        self.reset_state();
        true
    }

    /// Anything else: a paragraph, or more text of a tight list item.
    pub(super) fn paragraph(&mut self, parent: NodeId, b: Block) {
        let text = b.text();
        if text.trim().is_empty() {
            return;
        }
        if self.is_state("list") {
            match self.tree.last_child(parent) {
                Some(sib) => {
                    let tail = &mut self.tree.nodes[sib].tail;
                    tail.push('\n');
                    tail.push_str(text);
                }
                None => {
                    let node = &mut self.tree.nodes[parent];
                    if !node.has_text() {
                        node.text_src = Some(b.sub(text.trim_start(), 0));
                    } else {
                        node.own_text();
                        node.text.push('\n');
                        node.text.push_str(text);
                    }
                }
            }
        } else {
            let p = self.tree.sub(parent, "p");
            self.tree.nodes[p].text_src = Some(b.sub(text.trim_start(), 0));
        }
    }
}

pub(crate) const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// Removes `width` leading spaces from the leading lines that have them
/// (blank lines allowed); returns those lines and the length of `text` they
/// took (the unindented rest starts there).
pub(super) fn detab(text: &str, width: usize) -> (String, usize) {
    let prefix = &INDENT[..width.min(INDENT.len())];
    let mut out = String::with_capacity(text.len());
    let mut consumed = 0;
    let mut first = true;
    for (_, line) in lines(text) {
        let kept = if let Some(l) = line.strip_prefix(prefix) {
            l
        } else if line.trim().is_empty() {
            ""
        } else {
            break;
        };
        if !first {
            out.push('\n');
        }
        out.push_str(kept);
        first = false;
        consumed += line.len() + 1;
    }
    (out, consumed.min(text.len()))
}

struct HashHeader<'a> {
    start: usize,
    end: usize,
    level: usize,
    text: &'a str,
}

/// The first line starting with `#` that forms a header. `start` includes the
/// preceding newline, `end` the following one.
fn find_hash_header(block: &str) -> Option<HashHeader<'_>> {
    marked_lines(block, b"#").find_map(|(pos, line_end)| {
        let line = &block[pos..line_end];
        if !line.starts_with('#') {
            return None;
        }
        let (level, text) = parse_hash_line(line)?;
        Some(HashHeader {
            start: pos.saturating_sub(1),
            end: (line_end + 1).min(block.len()),
            level,
            text,
        })
    })
}

/// Level and stripped text of a `#` header line. A backslash escapes the next
/// character (so `\#` is kept); a backslash ending the line rejects it.
fn parse_hash_line(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&c| c == b'#').count().min(6);
    let body = &line[level..];
    let b = body.as_bytes();
    // End of the last escape unit: trailing `#`s after it may be stripped.
    let mut protected = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if i + 1 >= b.len() {
                return None;
            }
            let w = body[i + 1..].chars().next().map_or(1, char::len_utf8);
            i += 1 + w;
            protected = i;
        } else {
            i += 1;
        }
    }
    let text = body[protected..].trim_end_matches('#');
    let text = &body[..protected + text.len()];
    Some((level, text.trim()))
}

/// First line whose first non-space byte (at most three spaces in) is one
/// of `firsts` and that satisfies `pred`: its byte range within `block`.
fn find_line(
    block: &str,
    firsts: &'static [u8],
    pred: impl Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    marked_lines(block, firsts).find(|&(s, e)| pred(&block[s..e]))
}

/// A thematic break: up to 3 spaces, then at least three of one of `-_*`
/// with gaps of at most two spaces, then spaces.
fn is_hr_line(line: &str) -> bool {
    let indent = line.bytes().take_while(|&c| c == b' ').count();
    if indent > 3 {
        return false;
    }
    let body = line[indent..].trim_end_matches(' ').as_bytes();
    let Some(&c) = body.first() else { return false };
    if !matches!(c, b'-' | b'_' | b'*') {
        return false;
    }
    let mut count = 0;
    let mut gap = 0;
    for &x in body {
        if x == c {
            count += 1;
            gap = 0;
        } else if x == b' ' {
            gap += 1;
            if gap > 2 {
                return false;
            }
        } else {
            return false;
        }
    }
    count >= 3
}

/// For a line `   > text`, the text after `>` and one optional space.
pub(super) fn quote_content(line: &str) -> Option<&str> {
    let indent = line.bytes().take_while(|&c| c == b' ').count();
    if indent > 3 {
        return None;
    }
    let rest = line[indent..].strip_prefix('>')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_lines() {
        assert_eq!(parse_hash_line("## a ##"), Some((2, "a")));
        assert_eq!(parse_hash_line("#######x"), Some((6, "#x")));
        assert_eq!(parse_hash_line("# a \\#"), Some((1, "a \\#")));
        assert_eq!(parse_hash_line("# a\\"), None);
        let h = find_hash_header("p\n#b\nc").map(|h| (h.start, h.end, h.text));
        assert_eq!(h, Some((1, 5, "b")));
    }

    #[test]
    fn hr_lines() {
        assert!(is_hr_line("---"));
        assert!(is_hr_line(" * * *  "));
        assert!(!is_hr_line("- -   -"));
        assert!(!is_hr_line("    ---"));
        assert!(!is_hr_line("--"));
        assert!(!is_hr_line("-*-"));
    }

    #[test]
    fn detab_splits_at_unindented_line() {
        assert_eq!(
            detab("    a\n\n    b\nc\n    d", 4),
            ("a\n\nb".to_string(), 13)
        );
        assert_eq!(detab("    a", 4), ("a".to_string(), 5));
    }
}
