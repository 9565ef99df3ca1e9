//! One formatting pass: parse, collect edits, apply them.

use twir_content::text::{is_blank, lines};
use twir_content::{Block, BlockKind, Document, Entry, List, Span};

use crate::event_sort::{EVENTS_SECTION, sorted_list_text};
use crate::events_model::Region;
use crate::rules::lists::is_link_list;

struct Edits {
    list: Vec<(Span, String)>,
}

impl Edits {
    fn push(&mut self, span: Span, text: impl Into<String>) {
        self.list.push((span, text.into()));
    }

    fn apply(mut self, source: &str) -> String {
        self.list.sort_by_key(|(s, _)| (s.start, s.end));
        let mut out = String::with_capacity(source.len());
        let mut pos = 0;
        for (span, text) in self.list {
            if span.start < pos {
                continue;
            }
            out.push_str(&source[pos..span.start]);
            out.push_str(&text);
            pos = span.end;
        }
        out.push_str(&source[pos..]);
        out
    }
}

/// Runs one pass over `source`.
pub fn run(source: &str) -> String {
    let doc = Document::parse(source);
    let mut edits = Edits { list: Vec::new() };
    trim_lines(&doc, doc.meta.span, false, &mut edits);
    let sorted = event_lists(&doc);
    let n = doc.blocks.len();
    for (i, block) in doc.blocks.iter().enumerate() {
        match &block.kind {
            BlockKind::Code | BlockKind::Comment => {}
            BlockKind::Blank => blank(&doc, i, block, &mut edits),
            BlockKind::List(list) => {
                if let Some(text) = sorted.iter().find(|(b, _)| *b == i).map(|(_, t)| t) {
                    edits.push(block.span, text.clone());
                    continue;
                }
                list_edits(&doc, list, &mut edits);
                trim_lines(&doc, block.span, true, &mut edits);
                if i > 0
                    && doc.blocks[i - 1].kind == BlockKind::Paragraph
                    && needs_blank_before(&doc, &doc.blocks[i - 1], list)
                {
                    edits.push(Span::new(block.span.start, block.span.start), "\n");
                }
            }
            BlockKind::Heading(_) | BlockKind::LinkDef(_) | BlockKind::Rule => {
                trim_lines(&doc, block.span, false, &mut edits)
            }
            BlockKind::Paragraph | BlockKind::Quote => {
                trim_lines(&doc, block.span, true, &mut edits)
            }
        }
        if i + 1 == n && !matches!(block.kind, BlockKind::Blank) && !source.ends_with('\n') {
            edits.push(Span::new(source.len(), source.len()), "\n");
        }
    }
    if doc.blocks.is_empty() && !source.is_empty() && !source.ends_with('\n') {
        edits.push(Span::new(source.len(), source.len()), "\n");
    }
    edits.apply(source)
}

/// Mirrors the `dialect` rule: a list right after a plain paragraph gets a blank line.
fn needs_blank_before(doc: &Document, para: &Block, list: &List) -> bool {
    let text = doc.text(para.span);
    !text.trim_start().starts_with('<')
        && twir_content::text::indent_width(text) == 0
        && list.items.first().is_some_and(|it| it.indent < 4)
}

fn blank(doc: &Document, i: usize, block: &Block, edits: &mut Edits) {
    let at_start = i == 0;
    let at_end = i + 1 == doc.blocks.len();
    let between_link_lists = i > 0
        && matches!((&doc.blocks[i - 1].kind, doc.blocks.get(i + 1).map(|b| &b.kind)),
            (BlockKind::List(a), Some(BlockKind::List(b))) if joinable(a, b));
    let text = doc.text(block.span);
    if at_start || at_end || between_link_lists {
        edits.push(block.span, "");
    } else {
        let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
        if text != nl {
            edits.push(block.span, nl);
        }
    }
}

fn joinable(a: &List, b: &List) -> bool {
    let bullet = |c: char| matches!(c, '*' | '-' | '+');
    match (a.items.first(), b.items.first()) {
        (Some(x), Some(y)) => {
            is_link_list(a)
                && is_link_list(b)
                && x.indent == y.indent
                && bullet(x.marker) == bullet(y.marker)
        }
        _ => false,
    }
}

fn list_edits(doc: &Document, list: &List, edits: &mut Edits) {
    for item in &list.items {
        if matches!(item.marker, '-' | '+') {
            edits.push(item.marker_span, "*");
        }
        if let Entry::Link(li) = &item.entry {
            let trailing = doc.text(li.trailing);
            let rest = trailing.trim_start_matches([' ', '\t']);
            if rest.starts_with("* [") {
                let ws = Span::new(
                    li.trailing.start,
                    li.trailing.start + (trailing.len() - rest.len()),
                );
                edits.push(ws, format!("\n{}", " ".repeat(item.indent)));
            }
        }
    }
}

/// Removes trailing whitespace from the lines of `span`. With `hard_breaks`, a line ending in
/// two or more spaces followed by another line of the block keeps them (a Markdown line
/// break). Lines inside a fence nested in the block are left alone.
fn trim_lines(doc: &Document, span: Span, hard_breaks: bool, edits: &mut Edits) {
    let text = doc.text(span);
    let all: Vec<_> = lines(text).collect();
    let mut fence: Option<String> = None;
    for (k, line) in all.iter().enumerate() {
        let content = line.content(text);
        let trimmed_start = content.trim_start();
        if let Some(f) = &fence {
            if trimmed_start.starts_with(f.as_str()) {
                fence = None;
            }
            continue;
        }
        if trimmed_start.starts_with("```") || trimmed_start.starts_with("~~~") {
            let ch = &trimmed_start[..1];
            let n = trimmed_start.len() - trimmed_start.trim_start_matches(ch).len();
            fence = Some(ch.repeat(n));
            continue;
        }
        let body = content.trim_end_matches('\r');
        let kept = body.trim_end_matches([' ', '\t']);
        if kept.len() == body.len() {
            continue;
        }
        let next = all.get(k + 1).map(|l| l.content(text));
        let next_continues =
            next.is_some_and(|n| !is_blank(n) && twir_content::block::list_marker(n).is_none());
        if hard_breaks && body.ends_with("  ") && next_continues && !is_blank(kept) {
            continue;
        }
        let start = span.start + line.span.start + kept.len();
        edits.push(
            Span::new(start, span.start + line.span.start + body.len()),
            "",
        );
    }
}

/// Event lists that are out of order, with their sorted text, by block index.
fn event_lists(doc: &Document) -> Vec<(usize, String)> {
    let Some(section) = doc.section(EVENTS_SECTION) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sub in &section.children {
        if Region::from_heading(twir_content::section::plain_title(&sub.title)).is_none() {
            continue;
        }
        for b in sub.blocks.clone() {
            let block = &doc.blocks[b];
            if let BlockKind::List(list) = &block.kind
                && let Some(text) = sorted_list_text(doc, list, block.span)
            {
                out.push((b, text));
            }
        }
    }
    out
}
