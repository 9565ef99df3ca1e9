//! List hygiene: `list-marker`, `missing-bullet`, `glued-items`, `blank-line-in-list`, and the
//! `dialect` cases about lists (mixed bullets, nested items indented less than 4 spaces).

use twir_content::entry::classify;
use twir_content::text::QuickTrim;
use twir_content::{Block, BlockKind, Entry, List, ListItem, Span};

use crate::check::Ctx;
use crate::diagnostic::Fix;

pub(super) fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let community = crate::sections::section_span(doc, &ctx.opts.community_section);
    for (i, block) in doc.blocks.iter().enumerate() {
        match &block.kind {
            BlockKind::List(list) => {
                markers(ctx, list);
                nesting(ctx, list);
                if is_link_list(list) {
                    dash_list(ctx, list, block.span);
                    glued(ctx, list);
                    missing_bullets(ctx, list);
                    blank_line_after(ctx, i, list);
                }
            }
            // Only the community section is all link lists; elsewhere a bare link line can be
            // a label (`[Cargo](url)` above the Calls for Testing items).
            BlockKind::Paragraph if community.is_some_and(|c| c.contains(block.span)) => {
                bare_link_paragraph(ctx, i, block)
            }
            _ => {}
        }
    }
}

/// `list-marker` for a list of links written with `-` (or `+`) throughout: TWiR writes `*`.
/// Reported once per list, at its first bullet; the fix rewrites every top-level bullet.
/// Nested lists keep their bullets (`  - [Testing steps](...)` is house style).
fn dash_list(ctx: &mut Ctx, list: &List, span: Span) {
    let Some(first) = list.items.iter().find(|it| it.parent.is_none()) else {
        return;
    };
    if !matches!(first.marker, '-' | '+') {
        return;
    }
    let top: Vec<&ListItem> = list.items.iter().filter(|it| it.parent.is_none()).collect();
    if top.iter().any(|it| it.marker != first.marker) {
        return;
    }
    let mut fixed = String::with_capacity(span.len());
    let mut pos = span.start;
    for item in &top {
        fixed.push_str(&ctx.doc.source[pos..item.marker_span.start]);
        fixed.push('*');
        pos = item.marker_span.end;
    }
    fixed.push_str(&ctx.doc.source[pos..span.end]);
    let n = top.len();
    let d = ctx
        .diag(
            "list-marker",
            first.marker_span,
            format!(
                "a list written with `{}` ({n} item{}): TWiR writes `*` bullets",
                first.marker,
                if n == 1 { "" } else { "s" }
            ),
        )
        .with_fix(Fix::safe(span, fixed))
        .with_help("use `*` for every item");
    ctx.push(d);
}

/// A list whose top-level items are links or events: the community, project and events lists.
pub fn is_link_list(list: &List) -> bool {
    let mut top = list.items.iter().filter(|it| it.depth == 0).peekable();
    top.peek().is_some() && top.all(|it| matches!(it.entry, Entry::Link(_) | Entry::Event(_)))
}

fn is_bullet(c: char) -> bool {
    matches!(c, '*' | '-' | '+')
}

fn markers(ctx: &mut Ctx, list: &List) {
    // Nearly every list uses one bullet throughout: no group can be mixed.
    let mut bullets = list
        .items
        .iter()
        .map(|it| it.marker)
        .filter(|&c| is_bullet(c));
    if let Some(first) = bullets.next()
        && bullets.all(|c| c == first)
    {
        return;
    }
    // Sibling groups: items with the same parent.
    let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    for (k, item) in list.items.iter().enumerate() {
        if !is_bullet(item.marker) {
            continue;
        }
        match groups.iter_mut().find(|(p, _)| *p == item.parent) {
            Some((_, g)) => g.push(k),
            None => groups.push((item.parent, vec![k])),
        }
    }
    for (_, group) in groups {
        let first = list.items[group[0]].marker;
        if group.iter().all(|&k| list.items[k].marker == first) {
            continue;
        }
        // A mixed list: every item that is not `*` becomes `*`, TWiR's bullet.
        for &k in &group {
            let item = &list.items[k];
            if item.marker == '*' {
                continue;
            }
            let d = if first == '*' {
                ctx.diag(
                    "list-marker",
                    item.marker_span,
                    format!("`{}` item in a `*` list", item.marker),
                )
                .with_help("use `*` like the rest of the list")
            } else {
                ctx.diag(
                    "dialect",
                    item.marker_span,
                    format!(
                        "`{}` item in a list of mixed bullets: CommonMark starts a new list at each change, Python-Markdown does not",
                        item.marker
                    ),
                )
                .with_help("use `*` for every item")
            };
            ctx.push(d.with_fix(Fix::safe(item.marker_span, "*")));
        }
    }
}

/// Columns from the start of an item's line to its content.
fn content_offset(ctx: &Ctx, item: &ListItem) -> usize {
    let line_start = ctx.doc.line_start(item.line);
    if item.content_span.is_empty() {
        return item.indent + (item.marker_span.len()) + 1;
    }
    // Columns, as `indent` counts them: a tab advances to the next multiple of 4.
    let prefix = ctx
        .doc
        .source
        .get(line_start..item.content_span.start)
        .unwrap_or("");
    prefix.chars().fold(0, |col, c| {
        if c == '\t' {
            col + 4 - col % 4
        } else {
            col + 1
        }
    })
}

fn nesting(ctx: &mut Ctx, list: &List) {
    let mut new_indent: Vec<usize> = Vec::with_capacity(list.items.len());
    for item in &list.items {
        let Some(p) = item.parent else {
            new_indent.push(item.indent);
            continue;
        };
        let parent = &list.items[p];
        let rel = item.indent.saturating_sub(parent.indent);
        let parent_content = content_offset(ctx, parent);
        let target = new_indent[p] + rel.max(4);
        new_indent.push(target);
        // Only items CommonMark nests (at or past the parent's content) are read differently
        // by Python-Markdown, which needs 4 columns.
        if rel >= 4 || item.indent < parent_content {
            continue;
        }
        let line_start = ctx.doc.line_start(item.line);
        let ws = Span::new(line_start, item.marker_span.start);
        let new_parent_content = new_indent[p] + parent_content.saturating_sub(parent.indent);
        let keeps_commonmark = target >= new_parent_content && target < new_parent_content + 4;
        let replacement = " ".repeat(target);
        let fix = if keeps_commonmark {
            Fix::safe(ws, replacement)
        } else {
            Fix::suggest(ws, replacement)
        };
        let d = ctx
            .diag(
                "dialect",
                Span::new(line_start, item.marker_span.end),
                format!("nested item indented {rel} spaces: Python-Markdown needs 4 to nest it, CommonMark nests it"),
            )
            .with_fix(fix)
            .with_help("indent nested items by 4 spaces");
        ctx.push(d);
    }
}

fn glued(ctx: &mut Ctx, list: &List) {
    for item in &list.items {
        let Entry::Link(li) = &item.entry else {
            continue;
        };
        let trailing = ctx.doc.text(li.trailing);
        // Nearly every link item ends with its link: nothing can be glued to it.
        if trailing.is_empty() {
            continue;
        }
        let first_line = trailing.lines().next().unwrap_or("");
        // `- [` is also prose (`[Talk](..) - [Slides](..)`); only `* [` right after the link,
        // or after a later link on the line (`[A](..), [B](..)* [C](..)`), is a glued item.
        let at = if twir_content::text::strip_blanks_start(first_line).starts_with("* [") {
            Some(0)
        } else if memchr::memchr(b'*', first_line.as_bytes()).is_some() {
            // Most lines have no `*`: a byte search first, the two substring searches (each
            // with its searcher to set up) only then.
            first_line
                .find(")* [")
                .or_else(|| first_line.find(") * ["))
                .map(|i| i + 1)
        } else {
            None
        };
        let Some(at) = at else {
            continue;
        };
        let after = &trailing[at..];
        let rest = twir_content::text::strip_blanks_start(after);
        let ws = Span::new(
            li.trailing.start + at,
            li.trailing.start + at + (after.len() - rest.len()),
        );
        let marker_at = ws.end;
        let indent = " ".repeat(item.indent);
        let d = ctx
            .diag(
                "glued-items",
                Span::new(marker_at, marker_at + 1),
                "two list items on one line",
            )
            .with_fix(Fix::safe(ws, format!("\n{indent}")))
            .with_help("start the second item on its own line");
        ctx.push(d);
    }
}

fn is_link_line(text: &str) -> bool {
    let t = text.quick_trim();
    t.starts_with('[') && matches!(classify(t, 0), Entry::Link(_))
}

fn missing_bullets(ctx: &mut Ctx, list: &List) {
    let doc = ctx.doc;
    for item in &list.items {
        // Only a second line can lack its bullet; the line index tells a one-line item without
        // searching its text for a newline (one search per item was 0.8% of a whole-archive
        // check, callgrind).
        if item.content_span.end <= doc.line_start(item.line + 1) {
            continue;
        }
        let content = doc.text(item.content_span);
        let mut offset = 0;
        let mut prev_ends_link = false;
        for (n, line) in twir_content::text::split_lines_inclusive(content).enumerate() {
            let line_start = item.content_span.start + offset;
            offset += line.len();
            let ends_link = line.trim_end().trim_end_matches('.').ends_with(')');
            // `..., also\n  [Another](url)` continues a sentence; a line after a finished link
            // is a new entry that lost its bullet.
            let continues = !prev_ends_link;
            prev_ends_link = ends_link;
            if n == 0 || continues || !is_link_line(line) {
                continue;
            }
            let lead = line.len() - line.quick_trim_start().len();
            let ws = Span::new(line_start, line_start + lead);
            let indent = " ".repeat(item.indent);
            let body = twir_content::text::strip_line_end(line);
            let d = ctx
                .diag(
                    "missing-bullet",
                    Span::new(line_start, line_start + body.len()),
                    "link line without a bullet: it joins the item above",
                )
                .with_fix(Fix::safe(ws, format!("{indent}* ")))
                .with_help("start the line with `* `");
            ctx.push(d);
        }
    }
}

/// A paragraph of link lines in the community section: entries that lost their bullet (a
/// lone `[Title](url)` under a heading, or before a list of links).
fn bare_link_paragraph(ctx: &mut Ctx, i: usize, block: &Block) {
    let doc = ctx.doc;
    let text = doc.text(block.span);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.quick_trim().is_empty())
        .collect();
    if lines.is_empty() || !lines.iter().all(|l| is_link_line(l)) {
        return;
    }
    let next_is_link_list = doc
        .blocks
        .get(i + 1)
        .is_some_and(|b| matches!(&b.kind, BlockKind::List(l) if is_link_list(l)));
    let message = if next_is_link_list {
        "link line without a bullet before a list of links"
    } else {
        "link line without a bullet: it renders as a paragraph, not a list entry"
    };
    let mut offset = block.span.start;
    for line in twir_content::text::split_lines_inclusive(text) {
        let start = offset;
        offset += line.len();
        let body = twir_content::text::strip_line_end(line);
        if body.quick_trim().is_empty() {
            continue;
        }
        let lead = body.len() - body.quick_trim_start().len();
        let d = ctx
            .diag(
                "missing-bullet",
                Span::new(start + lead, start + body.len()),
                message,
            )
            .with_fix(Fix::safe(Span::new(start, start + lead), "* "))
            .with_help("start the line with `* `");
        ctx.push(d);
    }
}

fn blank_line_after(ctx: &mut Ctx, i: usize, list: &List) {
    let doc = ctx.doc;
    let (Some(blank), Some(next)) = (doc.blocks.get(i + 1), doc.blocks.get(i + 2)) else {
        return;
    };
    if blank.kind != BlockKind::Blank {
        return;
    }
    let BlockKind::List(next_list) = &next.kind else {
        return;
    };
    let (Some(a), Some(b)) = (list.items.first(), next_list.items.first()) else {
        return;
    };
    if !is_link_list(next_list)
        || a.indent != b.indent
        || is_bullet(a.marker) != is_bullet(b.marker)
    {
        return;
    }
    let d = ctx
        .diag(
            "blank-line-in-list",
            blank.span,
            "blank line inside a list of links: it renders as a loose list with extra spacing",
        )
        .with_fix(Fix::safe(blank.span, ""))
        .with_help("remove the blank line");
    ctx.push(d);
}
