//! Line-based block segmentation of an issue body. Blocks tile the body: concatenating
//! their spans gives the body back byte for byte.

use crate::entry::{Entry, classify, parse_event_title};
use crate::span::Span;
use crate::text::QuickTrim;
use crate::text::{Line, indent_width, is_blank};

/// A block of the body, with its span (terminators included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The lines it covers, line terminators included.
    pub span: Span,
    /// 1-based line of its first line.
    pub line: usize,
}

/// The kinds of block editors care about; the rest is opaque.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// One or more blank lines.
    Blank,
    /// An ATX (`## x`) or setext heading.
    Heading(Heading),
    /// An HTML comment, possibly over several lines.
    Comment,
    /// Fenced or indented code.
    Code,
    /// A link reference definition `[label]: url`.
    LinkDef(LinkDef),
    /// A block quote.
    Quote,
    /// A thematic break (`---`, `***`).
    Rule,
    /// A list: consecutive item lines and their continuations.
    List(List),
    /// Any other text (paragraphs, HTML).
    Paragraph,
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading text as written (Markdown), trimmed.
    pub text: String,
    /// Span of that text.
    pub text_span: Span,
    /// True for `Title\n=====` style headings.
    pub setext: bool,
}

/// A link reference definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkDef {
    /// The label, as written.
    pub label: String,
    /// The destination.
    pub url: String,
    /// Span of the destination.
    pub url_span: Span,
}

/// A list: its items in order, nesting given by `depth`/`parent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// Items in source order.
    pub items: Vec<ListItem>,
}

/// One list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The item's lines (first line and continuations), terminators included.
    pub span: Span,
    /// 1-based line of the marker.
    pub line: usize,
    /// Columns of indentation before the marker.
    pub indent: usize,
    /// `*`, `-`, `+`, or `1` for an ordered item.
    pub marker: char,
    /// Span of the marker character(s).
    pub marker_span: Span,
    /// Text after the marker and its spaces, up to the end of the item (terminator excluded).
    pub content_span: Span,
    /// Nesting depth, 0 for top-level items.
    pub depth: usize,
    /// Index of the parent item in `List::items`.
    pub parent: Option<usize>,
    /// What the item holds.
    pub entry: Entry,
}

/// Splits `body` (which starts at byte `base` of the file, on 1-based line `first_line`) into blocks.
pub fn parse_blocks(source: &str, base: usize, first_line: usize) -> Vec<Block> {
    parse_blocks_indexed(
        source,
        base,
        first_line,
        &crate::span::LineIndex::new(source),
    )
}

/// [`parse_blocks`] with the lines taken from the document's line index instead of a second
/// search for every newline.
pub(crate) fn parse_blocks_indexed(
    source: &str,
    base: usize,
    first_line: usize,
    index: &crate::span::LineIndex,
) -> Vec<Block> {
    let all = body_lines(source, base, index);
    // Reserved from the size: blank lines are blocks of their own, so a block for every two
    // lines covers nearly every issue, and growing the vector block by block (copying every
    // block each time) was 0.5% of a whole-archive check at a quarter (callgrind).
    let mut p = BlockParser {
        src: source,
        lines: &all,
        blocks: Vec::with_capacity(all.len() / 2 + 1),
        first_line,
        items: Vec::new(),
    };
    p.run();
    p.blocks
}

/// The lines of `source` from byte `base`, terminators included, from the line index.
fn body_lines(source: &str, base: usize, index: &crate::span::LineIndex) -> Vec<Line> {
    let starts = index.starts();
    let after = starts.partition_point(|&s| s <= base);
    let mut all: Vec<Line> = Vec::with_capacity(starts.len() - after + 1);
    let mut prev = base;
    for &s in starts[after..].iter().take_while(|&&s| s < source.len()) {
        all.push(Line {
            span: Span::new(prev, s),
        });
        prev = s;
    }
    if prev < source.len() {
        all.push(Line {
            span: Span::new(prev, source.len()),
        });
    }
    all
}

struct BlockParser<'a> {
    src: &'a str,
    lines: &'a [Line],
    blocks: Vec<Block>,
    first_line: usize,
    /// Where a list's items are gathered before the list takes an exact-size copy: items are
    /// large (a link item holds its parsed link) and lists long, so growing each list's own
    /// vector allocated 40 MB per whole-archive check (dhat).
    items: Vec<ListItem>,
}

impl<'a> BlockParser<'a> {
    fn text(&self, i: usize) -> &'a str {
        self.lines[i].content(self.src)
    }

    fn push(&mut self, kind: BlockKind, from: usize, to: usize) {
        let span = Span::new(self.lines[from].span.start, self.lines[to - 1].span.end);
        self.blocks.push(Block {
            kind,
            span,
            line: self.first_line + from,
        });
    }

    fn prev_is_list(&self) -> bool {
        self.blocks
            .iter()
            .rev()
            .find(|b| b.kind != BlockKind::Blank)
            .is_some_and(|b| matches!(b.kind, BlockKind::List(_)))
    }

    fn run(&mut self) {
        let n = self.lines.len();
        let mut i = 0;
        while i < n {
            let t = self.text(i);
            let end = if is_blank(t) {
                let j = (i..n).find(|&j| !is_blank(self.text(j))).unwrap_or(n);
                self.push(BlockKind::Blank, i, j);
                j
            } else if let Some(fence) = fence_open(t) {
                let j = (i + 1..n)
                    .find(|&j| fence_closes(self.text(j), fence))
                    .map(|j| j + 1)
                    .unwrap_or(n);
                self.push(BlockKind::Code, i, j);
                j
            } else if t.quick_trim_start().starts_with("<!--") && indent_width(t) < 4 {
                let j = (i..n)
                    .find(|&j| {
                        let s = self.text(j);
                        let from = if j == i {
                            s.find("<!--").unwrap_or(0) + 4
                        } else {
                            0
                        };
                        s.get(from..).is_some_and(|r| r.contains("-->"))
                    })
                    .map(|j| j + 1)
                    .unwrap_or(n);
                self.push(BlockKind::Comment, i, j);
                j
            } else if let Some(h) = self.atx(i) {
                self.push(BlockKind::Heading(h), i, i + 1);
                i + 1
            } else if is_rule(t) {
                self.push(BlockKind::Rule, i, i + 1);
                i + 1
            } else if list_marker(t).is_some() && (indent_width(t) < 4 || self.prev_is_list()) {
                self.list(i)
            } else if let Some(def) = self.link_def(i) {
                self.push(BlockKind::LinkDef(def), i, i + 1);
                i + 1
            } else if t.quick_trim_start().starts_with('>') && indent_width(t) < 4 {
                let j = (i + 1..n)
                    .find(|&j| is_blank(self.text(j)) || self.interrupts(j))
                    .unwrap_or(n);
                self.push(BlockKind::Quote, i, j);
                j
            } else if indent_width(t) >= 4 && !self.prev_is_list() {
                let j = (i + 1..n)
                    .find(|&j| {
                        let s = self.text(j);
                        !is_blank(s) && indent_width(s) < 4
                    })
                    .unwrap_or(n);
                // Trailing blank lines belong to the next Blank block.
                let mut j2 = j;
                while j2 > i + 1 && is_blank(self.text(j2 - 1)) {
                    j2 -= 1;
                }
                self.push(BlockKind::Code, i, j2);
                j2
            } else {
                self.paragraph(i)
            };
            i = end;
        }
    }

    /// True when line `j` starts a block that ends a paragraph or quote.
    fn interrupts(&self, j: usize) -> bool {
        let t = self.text(j);
        indent_width(t) < 4
            && (fence_open(t).is_some()
                || self.atx_parts(j).is_some()
                || is_rule(t)
                || list_marker(t).is_some()
                || t.quick_trim_start().starts_with("<!--"))
    }

    fn paragraph(&mut self, i: usize) -> usize {
        let n = self.lines.len();
        let mut j = i + 1;
        while j < n {
            let t = self.text(j);
            if is_blank(t) {
                break;
            }
            if let Some(level) = setext_level(t) {
                // Python-Markdown makes only the line right above the underline a heading.
                if j - 1 > i {
                    self.push(BlockKind::Paragraph, i, j - 1);
                }
                let raw = self.text(j - 1);
                let text = raw.quick_trim();
                let start =
                    self.lines[j - 1].span.start + (raw.len() - raw.quick_trim_start().len());
                self.push(
                    BlockKind::Heading(Heading {
                        level,
                        text: text.to_string(),
                        text_span: Span::new(start, start + text.len()),
                        setext: true,
                    }),
                    j - 1,
                    j + 1,
                );
                return j + 1;
            }
            // Python-Markdown extracts reference definitions wherever they stand.
            if self.interrupts(j)
                || self.link_def_parts(j).is_some()
                || (t.quick_trim_start().starts_with('>') && indent_width(t) < 4)
            {
                break;
            }
            j += 1;
        }
        self.push(BlockKind::Paragraph, i, j);
        j
    }

    /// The ATX heading on line `i`, if any.
    fn atx(&self, i: usize) -> Option<Heading> {
        let (level, text_span) = self.atx_parts(i)?;
        Some(Heading {
            level,
            text: text_span.text(self.src).to_string(),
            text_span,
            setext: false,
        })
    }

    /// Level and text span of an ATX heading on line `i`; allocation-free because paragraph
    /// and list scanning probe every line with it.
    fn atx_parts(&self, i: usize) -> Option<(u8, Span)> {
        let t = self.text(i);
        if indent_width(t) >= 4 {
            return None;
        }
        let lead = t.len() - t.quick_trim_start().len();
        let s = &t[lead..];
        let level = s.bytes().take_while(|&b| b == b'#').count();
        if level == 0 || level > 6 {
            return None;
        }
        let after = &s[level..];
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            return None;
        }
        let mut inner = after.quick_trim();
        if inner.ends_with('#') {
            let stripped = inner.trim_end_matches('#');
            // `## C#` keeps its `#`: closing hashes need a space before them.
            if stripped.is_empty() || stripped.ends_with([' ', '\t']) {
                inner = stripped.trim_end();
            }
        }
        let start_in_line = lead + level + (after.len() - after.quick_trim_start().len());
        let start = self.lines[i].span.start + start_in_line;
        Some((level as u8, Span::new(start, start + inner.len())))
    }

    /// The link reference definition on line `i`, if any.
    fn link_def(&self, i: usize) -> Option<LinkDef> {
        let (label, url_span) = self.link_def_parts(i)?;
        Some(LinkDef {
            label: label.text(self.src).to_string(),
            url: url_span.text(self.src).to_string(),
            url_span,
        })
    }

    /// Label and destination spans of a definition on line `i`, without allocating (every
    /// paragraph line is probed).
    fn link_def_parts(&self, i: usize) -> Option<(Span, Span)> {
        let t = self.text(i);
        if indent_width(t) >= 4 {
            return None;
        }
        let lead = t.len() - t.quick_trim_start().len();
        let s = &t[lead..];
        let close = crate::inline::matching_bracket(s)?;
        let rest = s[close + 1..].strip_prefix(':')?;
        let label = &s[1..close];
        if label.quick_trim().is_empty() {
            return None;
        }
        let url_lead = rest.len() - rest.quick_trim_start().len();
        let url_text = rest.quick_trim_start();
        let (url, off) = match url_text.strip_prefix('<') {
            Some(inner) => (&inner[..inner.find('>').unwrap_or(inner.len())], 1),
            None => (url_text.split_whitespace().next().unwrap_or(""), 0),
        };
        let line_start = self.lines[i].span.start;
        let url_start = line_start + lead + close + 2 + url_lead + off;
        let label_start = line_start + lead + 1;
        Some((
            Span::new(label_start, label_start + label.len()),
            Span::new(url_start, url_start + url.len()),
        ))
    }

    fn list(&mut self, i: usize) -> usize {
        let n = self.lines.len();
        let mut items = std::mem::take(&mut self.items);
        items.clear();
        let mut stack: Vec<usize> = Vec::new();
        let mut j = i;
        while j < n {
            let t = self.text(j);
            if is_blank(t) {
                break;
            }
            if let Some((marker, mlen)) = list_marker(t).filter(|_| !is_rule(t)) {
                let indent = indent_width(t);
                while let Some(&top) = stack.last() {
                    if items[top].indent >= indent {
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let lead = t.len() - t.quick_trim_start().len();
                let line_start = self.lines[j].span.start;
                let after = &t[lead + mlen..];
                let pad = after.len() - after.quick_trim_start().len();
                let content_start = line_start + lead + mlen + pad;
                items.push(ListItem {
                    span: self.lines[j].span,
                    line: self.first_line + j,
                    indent,
                    marker,
                    marker_span: Span::new(line_start + lead, line_start + lead + mlen),
                    content_span: Span::new(content_start, line_start + t.len()),
                    depth: stack.len(),
                    parent: stack.last().copied(),
                    entry: Entry::Other,
                });
                stack.push(items.len() - 1);
            } else if j > i
                && indent_width(t) < 4
                && (self.interrupts(j) || self.atx_parts(j).is_some())
            {
                break;
            } else if let Some(last) = items.last_mut() {
                // Continuation (indented or lazy) of the current item.
                last.span.end = self.lines[j].span.end;
                last.content_span.end = self.lines[j].span.start + t.len();
            }
            j += 1;
        }
        for item in &mut items {
            let c = item.content_span;
            item.entry = classify(c.text(self.src), c.start);
        }
        attach_event_titles(self.src, &mut items);
        // An exact-size vector for the list; the gathering buffer keeps its capacity.
        let mut exact = Vec::with_capacity(items.len());
        exact.append(&mut items);
        self.items = items;
        let list = List { items: exact };
        self.push(BlockKind::List(list), i, j);
        j
    }
}

fn attach_event_titles(src: &str, items: &mut [ListItem]) {
    for k in 0..items.len() {
        if !matches!(items[k].entry, Entry::Event(_)) {
            continue;
        }
        let child = items
            .iter()
            .enumerate()
            .skip(k + 1)
            .find(|(_, it)| it.parent == Some(k))
            .map(|(_, it)| (it.content_span, it.span));
        if let (Some((c, span)), Entry::Event(ev)) = (child, &mut items[k].entry) {
            ev.title = parse_event_title(c.text(src), c.start);
            ev.title_item = Some(span);
        }
    }
}

/// The marker of a list item line and its byte length, if the line starts an item.
pub fn list_marker(line: &str) -> Option<(char, usize)> {
    let s = line.quick_trim_start();
    let b = s.as_bytes();
    match b.first()? {
        c @ (b'*' | b'-' | b'+') => {
            (b.len() == 1 || b[1] == b' ' || b[1] == b'\t').then_some((*c as char, 1))
        }
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            let punct = *b.get(digits)?;
            let next = b.get(digits + 1);
            (digits <= 9
                && (punct == b'.' || punct == b')')
                && (next.is_none() || next == Some(&b' ') || next == Some(&b'\t')))
            .then_some(('1', digits + 1))
        }
        _ => None,
    }
}

/// True for a thematic break (`---`, `* * *`) indented less than 4 columns.
pub(crate) fn is_rule(line: &str) -> bool {
    if indent_width(line) >= 4 {
        return false;
    }
    // Called for nearly every line, so it walks the bytes without collecting them.
    let mut marks = line.bytes().filter(|b| !b.is_ascii_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    if !matches!(first, b'*' | b'-' | b'_') {
        return false;
    }
    let mut count = 1;
    for b in marks {
        if b != first {
            return false;
        }
        count += 1;
    }
    count >= 3
}

fn setext_level(line: &str) -> Option<u8> {
    if indent_width(line) >= 4 {
        return None;
    }
    let s = line.quick_trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b == b'=') {
        Some(1)
    } else if s.bytes().all(|b| b == b'-') {
        Some(2)
    } else {
        None
    }
}

/// An opening code fence: its character and length.
#[derive(Clone, Copy)]
pub(crate) struct Fence {
    ch: u8,
    len: usize,
}

/// The fence a line opens, if it opens one.
///
/// Only spaces and tabs indent a fence (CommonMark; Python-Markdown allows no indentation at
/// all): a form feed or a no-break space before the backticks makes a paragraph line.
pub(crate) fn fence_open(line: &str) -> Option<Fence> {
    if indent_width(line) >= 4 {
        return None;
    }
    let s = crate::text::strip_blanks_start(line).as_bytes();
    let ch = *s.first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = s.iter().take_while(|&&b| b == ch).count();
    if len < 3 || (ch == b'`' && s[len..].contains(&b'`')) {
        return None;
    }
    Some(Fence { ch, len })
}

/// True when `line` closes the code opened by `f`: indented as [`fence_open`], followed only by
/// spaces (pulldown-cmark and Python-Markdown: a tab after it leaves the code open).
pub(crate) fn fence_closes(line: &str, f: Fence) -> bool {
    let s = crate::text::strip_blanks_start(line).trim_end_matches(' ');
    s.len() >= f.len && s.bytes().all(|b| b == f.ch)
}

#[cfg(test)]
mod tests {
    #[test]
    fn indexed_lines_are_the_lines_of_the_body() {
        for src in [
            "",
            "Title: x\n\n* a\n* b\n",
            "Title: x\n\npara\r\nmore\n\n## H\n```\ncode\n```",
            "T: x\nno newline at the end",
            "\n\n\n",
        ] {
            let index = crate::span::LineIndex::new(src);
            for base in 0..=src.len() {
                let spans: Vec<Span> = body_lines(src, base, &index)
                    .iter()
                    .map(|l| l.span)
                    .collect();
                let direct: Vec<Span> = crate::text::lines(&src[base..])
                    .map(|l| l.span.shift(base))
                    .collect();
                assert_eq!(spans, direct, "{src:?} from {base}");
            }
        }
    }

    use super::*;

    fn kinds(src: &str) -> Vec<&'static str> {
        parse_blocks(src, 0, 1)
            .iter()
            .map(|b| match b.kind {
                BlockKind::Blank => "blank",
                BlockKind::Heading(_) => "heading",
                BlockKind::Comment => "comment",
                BlockKind::Code => "code",
                BlockKind::LinkDef(_) => "linkdef",
                BlockKind::Quote => "quote",
                BlockKind::Rule => "rule",
                BlockKind::List(_) => "list",
                BlockKind::Paragraph => "para",
            })
            .collect()
    }

    #[test]
    fn segments_typical_issue_parts() {
        let src = "## Updates\n<!--\n* [x](y)\n-->\n\n### Official\n* [A](https://a)\n* [B](https://b)\n\npara\ntext\n[x]: https://x\n```\n# not heading\n```\n";
        assert_eq!(
            kinds(src),
            [
                "heading", "comment", "blank", "heading", "list", "blank", "para", "linkdef",
                "code"
            ]
        );
        let blocks = parse_blocks(src, 0, 1);
        let joined: String = blocks.iter().map(|b| b.span.text(src)).collect();
        assert_eq!(joined, src);
    }

    #[test]
    fn setext_heading_takes_only_last_line() {
        let src = "a\nTitle\n-----\nrest\n";
        assert_eq!(kinds(src), ["para", "heading", "para"]);
        let b = parse_blocks(src, 0, 1);
        let BlockKind::Heading(h) = &b[1].kind else {
            panic!()
        };
        assert_eq!((h.level, h.text.as_str()), (2, "Title"));
    }

    #[test]
    fn event_entry_gets_its_title() {
        let src = "* 2026-08-20 | Berlin, DE | [Rust Berlin](https://m/rb)\n    * [**Party**](https://m/rb/1)\n";
        let b = parse_blocks(src, 0, 1);
        let BlockKind::List(l) = &b[0].kind else {
            panic!()
        };
        assert_eq!(l.items.len(), 2);
        assert_eq!(l.items[1].depth, 1);
        let Entry::Event(ev) = &l.items[0].entry else {
            panic!()
        };
        assert_eq!(ev.title.as_ref().unwrap().text(src), "**Party**");
        assert_eq!(ev.location.text(src), "Berlin, DE");
    }

    #[test]
    fn list_continuations_and_nesting() {
        let src = "* one\n  continued\n  * nested\n- dash\n";
        let b = parse_blocks(src, 0, 1);
        let BlockKind::List(l) = &b[0].kind else {
            panic!()
        };
        assert_eq!(l.items.len(), 3);
        assert_eq!(l.items[0].content_span.text(src), "one\n  continued");
        assert_eq!(l.items[1].parent, Some(0));
        assert_eq!(l.items[2].marker, '-');
        assert_eq!(l.items[2].depth, 0);
    }

    #[test]
    fn atx_heading_variants() {
        let b = parse_blocks("## C# ##\n#nospace\n###\n", 0, 1);
        let BlockKind::Heading(h) = &b[0].kind else {
            panic!()
        };
        assert_eq!(h.text, "C#");
        assert!(matches!(b[1].kind, BlockKind::Paragraph));
    }

    #[test]
    fn rule_is_not_a_list() {
        assert_eq!(kinds("* * *\n"), ["rule"]);
        assert_eq!(kinds("para\n\n---\n"), ["para", "blank", "rule"]);
    }
}
