//! The tree of sections that headings make.

use crate::block::{Block, BlockKind};
use crate::span::Span;
use std::ops::Range;

/// A section: a heading and everything up to the next heading of the same or higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading level (1-6); 0 for the root.
    pub level: u8,
    /// Heading text as written; empty for the root.
    pub title: String,
    /// Index of the heading block; `None` for the root.
    pub heading: Option<usize>,
    /// Blocks of the section, its heading and subsections included.
    pub blocks: Range<usize>,
    /// Bytes of the section, heading included.
    pub span: Span,
    /// Subsections.
    pub children: Vec<Section>,
}

impl Section {
    /// Builds the section tree of `blocks`; the root covers `body`.
    pub fn build(blocks: &[Block], body: Span) -> Section {
        let mut root = Section {
            level: 0,
            title: String::new(),
            heading: None,
            blocks: 0..blocks.len(),
            span: body,
            children: Vec::new(),
        };
        let mut stack: Vec<Section> = vec![];
        for (i, b) in blocks.iter().enumerate() {
            let BlockKind::Heading(h) = &b.kind else {
                continue;
            };
            while let Some(open) = stack.pop_if(|s| s.level >= h.level) {
                let done = close(open, i, b.span.start);
                attach(&mut stack, &mut root, done);
            }
            stack.push(Section {
                level: h.level,
                title: h.text.clone(),
                heading: Some(i),
                blocks: i..i,
                span: Span::new(b.span.start, b.span.start),
                children: Vec::new(),
            });
        }
        while let Some(s) = stack.pop() {
            let done = close(s, blocks.len(), body.end);
            attach(&mut stack, &mut root, done);
        }
        root
    }

    /// Depth-first iteration over this section and all below it.
    pub fn walk(&self) -> Vec<&Section> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }

    /// The first section (depth-first) whose title matches `title`, ignoring case and
    /// surrounding Markdown link syntax (`### [Approved RFCs](...)`).
    pub fn find(&self, title: &str) -> Option<&Section> {
        // The order of [`Section::walk`], without collecting it (rules look sections up often).
        if self.heading.is_some() && plain_title(&self.title).eq_ignore_ascii_case(title) {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(title))
    }

    /// Blocks of this section before its first subsection (heading excluded).
    pub fn own_blocks(&self) -> Range<usize> {
        let start = self.heading.map(|h| h + 1).unwrap_or(self.blocks.start);
        let end = self
            .children
            .first()
            .and_then(|c| c.heading)
            .unwrap_or(self.blocks.end);
        start..end.max(start)
    }
}

/// A heading's text without link syntax: `[Approved RFCs](url)` -> `Approved RFCs`.
pub fn plain_title(title: &str) -> &str {
    let t = title.trim();
    if t.starts_with('[')
        && let Some(close) = crate::inline::matching_bracket(t)
    {
        return &t[1..close];
    }
    t
}

fn close(mut s: Section, end_block: usize, end_byte: usize) -> Section {
    s.blocks.end = end_block;
    s.span.end = end_byte;
    s
}

fn attach(stack: &mut [Section], root: &mut Section, s: Section) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(s),
        None => root.children.push(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::parse_blocks;

    #[test]
    fn builds_nested_sections() {
        let src = "intro\n## A\ntext\n### A1\n* x\n## B\n#### B1\n# Q\n";
        let blocks = parse_blocks(src, 0, 1);
        let root = Section::build(&blocks, Span::new(0, src.len()));
        let titles: Vec<_> = root.children.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["A", "B", "Q"]);
        assert_eq!(root.children[0].children[0].title, "A1");
        assert_eq!(root.children[0].span.text(src), "## A\ntext\n### A1\n* x\n");
        assert_eq!(root.children[1].children[0].title, "B1");
        assert_eq!(root.find("a1").unwrap().level, 3);
        let a = &root.children[0];
        assert_eq!(a.own_blocks().len(), 1);
    }

    #[test]
    fn plain_title_strips_link() {
        assert_eq!(plain_title("[Approved RFCs](https://x)"), "Approved RFCs");
        assert_eq!(plain_title("Jobs"), "Jobs");
    }
}
