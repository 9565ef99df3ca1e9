//! A parsed issue file: metadata, blocks, sections and links, all with spans.

use crate::block::{Block, BlockKind, ListItem, parse_blocks_indexed};
use crate::error::ContentError;
use crate::links::Link;
use crate::metadata::Metadata;
use crate::section::Section;
use crate::span::{LineIndex, Position, Span};
use std::path::{Path, PathBuf};

/// A parsed issue (or page) file. Parsing never fails: whatever is not understood is kept
/// as opaque blocks, and printing gives back the input byte for byte.
#[derive(Debug, Clone)]
pub struct Document {
    /// Where it was read from, if from a file.
    pub path: Option<PathBuf>,
    /// The full source text.
    pub source: String,
    /// The metadata header.
    pub meta: Metadata,
    /// The body's blocks, in order; with the header they tile the source.
    pub blocks: Vec<Block>,
    /// The section tree (root covers the body).
    pub sections: Section,
    /// Every link of the body.
    pub links: Vec<Link>,
    lines: LineIndex,
}

impl Document {
    /// Parses `source`.
    pub fn parse(source: impl Into<String>) -> Document {
        let source = source.into();
        let meta = Metadata::parse(&source);
        let lines = LineIndex::new(&source);
        let body_start = meta.span.end;
        let first_line = lines.line_of(body_start);
        let blocks = parse_blocks_indexed(&source, body_start, first_line, &lines);
        let sections = Section::build(&blocks, Span::new(body_start, source.len()));
        let links = crate::links::extract_body_links(&source, body_start, &lines);
        Document {
            path: None,
            source,
            meta,
            blocks,
            sections,
            links,
            lines,
        }
    }

    /// Reads and parses a file, rejecting what is not Markdown text.
    pub fn load(path: &Path) -> Result<Document, ContentError> {
        let source = crate::load::read_text(path)?;
        let mut doc = Document::parse(source);
        doc.path = Some(path.to_path_buf());
        Ok(doc)
    }

    /// Prints the document from its parts; for an unmodified parse this equals the input.
    pub fn print(&self) -> String {
        let mut out = String::with_capacity(self.source.len());
        out.push_str(self.meta.span.text(&self.source));
        for b in &self.blocks {
            out.push_str(b.span.text(&self.source));
        }
        out
    }

    /// The Markdown body (everything after the header).
    pub fn body(&self) -> &str {
        &self.source[self.body_start()..]
    }

    /// Byte offset where the body starts.
    #[inline]
    pub fn body_start(&self) -> usize {
        self.meta.span.end
    }

    /// The text a span covers.
    #[inline]
    pub fn text(&self, span: Span) -> &str {
        span.text(&self.source)
    }

    /// Line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.source, offset)
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(offset)
    }

    /// The text of a 1-based line, without terminator.
    pub fn line_text(&self, line: usize) -> &str {
        self.lines.line_text(&self.source, line)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.lines.line_start(line)
    }

    /// A display name: the path, or `<input>`.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<input>".to_string())
    }

    /// The section titled `title` (case-insensitive, link syntax ignored).
    pub fn section(&self, title: &str) -> Option<&Section> {
        self.sections.find(title)
    }

    /// The innermost section containing byte `offset`.
    pub fn section_at(&self, offset: usize) -> &Section {
        let mut cur = &self.sections;
        while let Some(c) = cur
            .children
            .iter()
            .find(|c| c.span.start <= offset && offset < c.span.end)
        {
            cur = c;
        }
        cur
    }

    /// The titles from the top section down to the one containing `offset`.
    pub fn section_path(&self, offset: usize) -> Vec<&str> {
        let mut out = Vec::new();
        let mut cur = &self.sections;
        while let Some(c) = cur
            .children
            .iter()
            .find(|c| c.span.start <= offset && offset < c.span.end)
        {
            out.push(c.title.as_str());
            cur = c;
        }
        out
    }

    /// Every list item of the body with the index of its block.
    pub fn list_items(&self) -> impl Iterator<Item = (usize, &ListItem)> {
        self.blocks.iter().enumerate().flat_map(|(i, b)| {
            let items: &[ListItem] = match &b.kind {
                BlockKind::List(l) => &l.items,
                _ => &[],
            };
            items.iter().map(move |it| (i, it))
        })
    }

    /// Replaces what stands between the heading of the section titled `title` and its first
    /// subsection (or its end), keeping the subsections; returns the new source.
    pub fn replace_section_intro(&self, title: &str, new_body: &str) -> Option<String> {
        let s = self.section(title)?;
        let start = self.blocks[s.heading?].span.end;
        let end = s
            .children
            .first()
            .map(|c| c.span.start)
            .unwrap_or(s.span.end);
        let mut out = String::with_capacity(self.source.len() + new_body.len());
        out.push_str(&self.source[..start]);
        out.push('\n');
        out.push_str(new_body.trim_matches('\n'));
        out.push_str("\n\n");
        out.push_str(&self.source[end..]);
        Some(out)
    }

    /// Replaces the whole section titled `title`, heading included, by `text` (which should
    /// start with its own heading) and returns the new source; the rest is untouched.
    pub fn replace_section(&self, title: &str, text: &str) -> Option<String> {
        let s = self.section(title)?;
        let mut out = String::with_capacity(self.source.len() + text.len());
        out.push_str(&self.source[..s.span.start]);
        out.push_str(text.trim_end_matches('\n'));
        out.push('\n');
        if s.span.end < self.source.len() {
            out.push('\n');
        }
        out.push_str(&self.source[s.span.end..]);
        Some(out)
    }

    /// Replaces the content of the section titled `title` (keeping its heading and its
    /// subsections' headings only if `new_body` contains them) and returns the new source.
    /// The rest of the file is untouched byte for byte.
    pub fn replace_section_body(&self, title: &str, new_body: &str) -> Option<String> {
        let s = self.section(title)?;
        let heading = &self.blocks[s.heading?];
        let start = heading.span.end;
        let end = s.span.end;
        let mut out = String::with_capacity(self.source.len() + new_body.len());
        out.push_str(&self.source[..start]);
        out.push_str(new_body);
        if !new_body.is_empty() && !new_body.ends_with('\n') {
            out.push('\n');
        }
        if end < self.source.len() && !new_body.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(&self.source[end..]);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "Title: T 1\nNumber: 1\nDate: 2024-01-03\nCategory: C\n\nHello\n\n## Updates\n### Official\n* [A](https://a.org)\n\n## Jobs\nnone\n";

    #[test]
    fn parse_and_print_round_trip() {
        let d = Document::parse(SRC);
        assert_eq!(d.print(), SRC);
        assert_eq!(d.meta.number(), Some(1));
        assert_eq!(d.body(), &SRC[d.meta.span.end..]);
        assert_eq!(d.links.len(), 1);
        let pos = d.position(d.links[0].span.start);
        assert_eq!((pos.line, pos.column), (10, 3));
        assert_eq!(
            d.section_path(d.links[0].span.start),
            ["Updates", "Official"]
        );
        assert_eq!(d.list_items().count(), 1);
    }

    #[test]
    fn replace_section_keeps_the_rest() {
        let d = Document::parse(SRC);
        let out = d
            .replace_section_body("Official", "* [B](https://b.org)\n")
            .unwrap();
        assert!(out.contains("### Official\n* [B](https://b.org)\n\n## Jobs\nnone\n"));
        assert!(out.starts_with(&SRC[..SRC.find("### Official").unwrap()]));
        assert!(d.replace_section_body("Nope", "x").is_none());
        let intro = d.replace_section_intro("Updates", "New intro.").unwrap();
        assert!(
            intro.contains("## Updates\n\nNew intro.\n\n### Official\n* [A](https://a.org)\n"),
            "{intro}"
        );
        let out = d
            .replace_section("Official", "### Official\n* [C](https://c.org)\n")
            .unwrap();
        assert!(
            out.contains("## Updates\n### Official\n* [C](https://c.org)\n\n## Jobs\nnone\n"),
            "{out}"
        );
    }

    #[test]
    fn empty_and_headerless_inputs() {
        let d = Document::parse("");
        assert_eq!(d.print(), "");
        let d = Document::parse("# Hi\n\ntext");
        assert!(d.meta.fields.is_empty());
        assert_eq!(d.print(), "# Hi\n\ntext");
    }
}
