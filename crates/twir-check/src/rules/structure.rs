//! Block-level rules: `empty-section`, and the `dialect` case of a list glued to the paragraph
//! before it. (Two quotes split by a blank line render as one quote in Python-Markdown and two
//! in CommonMark, and both read as meant: not reported.)

use twir_content::text::QuickTrim;
use twir_content::{BlockKind, Span};

use crate::check::Ctx;
use crate::diagnostic::Fix;

pub(super) fn check(ctx: &mut Ctx) {
    empty_sections(ctx);
    list_after_paragraph(ctx);
}

fn empty_sections(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for s in doc.sections.walk() {
        let Some(h) = s.heading else {
            continue;
        };
        if !s.children.is_empty() {
            continue;
        }
        let empty = doc.blocks[s.own_blocks()]
            .iter()
            .all(|b| matches!(b.kind, BlockKind::Blank | BlockKind::Comment));
        if empty {
            let heading = &doc.blocks[h];
            let text = doc.text(heading.span).trim_end();
            let span = Span::new(heading.span.start, heading.span.start + text.len());
            let d = ctx
                .diag(
                    "empty-section",
                    span,
                    format!("`{text}` has nothing under it"),
                )
                .with_help("fill the section in, or remove its heading");
            ctx.push(d);
        }
    }
}

fn list_after_paragraph(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for pair in doc.blocks.windows(2) {
        let (prev, list) = (&pair[0], &pair[1]);
        let BlockKind::List(l) = &list.kind else {
            continue;
        };
        if prev.kind != BlockKind::Paragraph {
            continue;
        }
        let ptext = doc.text(prev.span);
        if ptext.quick_trim_start().starts_with('<') || twir_content::text::indent_width(ptext) > 0
        {
            continue;
        }
        let Some(first) = l.items.first() else {
            continue;
        };
        if first.indent >= 4 {
            continue;
        }
        let at = Span::new(list.span.start, list.span.start);
        let line = doc.line_text(first.line);
        let span = Span::new(list.span.start, list.span.start + line.len());
        let d = ctx
            .diag(
                "dialect",
                span,
                "list right after a paragraph: Python-Markdown reads it as part of the paragraph, CommonMark as a list",
            )
            .with_fix(Fix::safe(at, "\n"))
            .with_help("put a blank line before the list");
        ctx.push(d);
    }
}
