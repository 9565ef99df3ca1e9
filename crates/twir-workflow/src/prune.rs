//! What publication removes, and says it removes: events that ended before the issue date,
//! and sections left empty. A section that still holds an editor's words (a prompt such as
//! `<!-- Perf results go here -->`, or a comment that is not the template's) is only removed
//! when the editor says so (`twir publish --drop-unfilled`); otherwise it stays, and the check
//! of the text as it ships refuses it.

use jiff::civil::Date;
use twir_content::placeholder::{Boilerplate, is_prompt};
use twir_content::{BlockKind, Document, Entry, Section, Span};

use crate::finalize::ATTRIBUTION_OPEN;
use twir_events::SECTION_TITLE;

/// How to prune.
#[derive(Debug, Clone, Copy)]
pub struct PruneOptions<'a> {
    /// The publication date: events whose last day is before it are stale.
    pub date: Option<Date>,
    /// The draft template's boilerplate, to tell its comments from an editor's.
    pub boilerplate: Option<&'a Boilerplate>,
    /// Also remove empty sections that hold a prompt or an editor's comment.
    pub drop_unfilled: bool,
    /// Keep stale events (they are listed either way).
    pub keep_stale_events: bool,
}

/// What an empty section holds besides blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holds {
    /// Nothing, or only the template's own comments.
    Nothing,
    /// A prompt of the template, never filled in (`<!-- Perf results go here -->`).
    Prompt(String),
    /// A comment an editor wrote (its first line).
    EditorText(String),
}

/// An empty section publication met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmptySection {
    /// Its heading as written (`### Foundation`).
    pub heading: String,
    /// The heading's line in the draft.
    pub line: usize,
    /// The section's last line in the draft.
    pub end_line: usize,
    /// How many subsections it has (all empty).
    pub subsections: usize,
    /// What it holds.
    pub holds: Holds,
    /// True when it was removed; false when it stays for an editor to decide.
    pub removed: bool,
}

/// An event that ended before the publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleEvent {
    /// Its line in the draft.
    pub line: usize,
    /// Its first line, as written.
    pub entry: String,
    /// Its last day.
    pub last_day: Date,
    /// True when it was removed.
    pub dropped: bool,
}

/// The pruned text and what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pruned {
    /// The text.
    pub text: String,
    /// Every empty section met, removed or not, in draft order.
    pub sections: Vec<EmptySection>,
    /// Every stale event, dropped or kept, in draft order.
    pub stale: Vec<StaleEvent>,
}

/// Prunes `doc` (a draft whose lines are the draft's: placeholders filled in place).
pub fn prune(doc: &Document, opts: &PruneOptions) -> Pruned {
    let mut removals: Vec<Span> = Vec::new();
    let mut gone_blocks: Vec<bool> = vec![false; doc.blocks.len()];
    let stale = stale_events(doc, opts, &mut removals, &mut gone_blocks);
    let mut sections = Vec::new();
    visit(
        doc,
        &doc.sections,
        opts,
        &gone_blocks,
        &mut removals,
        &mut sections,
    );
    sections.sort_by_key(|s| s.line);
    removals.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut text = String::with_capacity(doc.source.len());
    let mut pos = 0;
    for r in removals {
        if r.start < pos {
            continue; // inside a removal already made
        }
        text.push_str(&doc.source[pos..r.start]);
        pos = r.end;
    }
    text.push_str(&doc.source[pos..]);
    Pruned {
        text,
        sections,
        stale,
    }
}

fn line_text(doc: &Document, offset: usize) -> String {
    doc.line_text(doc.line_of(offset)).trim_end().to_string()
}

fn stale_events(
    doc: &Document,
    opts: &PruneOptions,
    removals: &mut Vec<Span>,
    gone: &mut [bool],
) -> Vec<StaleEvent> {
    let mut out = Vec::new();
    let (Some(date), Some(section)) = (opts.date, doc.section(SECTION_TITLE)) else {
        return out;
    };
    for b in section.blocks.clone() {
        let block = &doc.blocks[b];
        let BlockKind::List(list) = &block.kind else {
            continue;
        };
        let tops: Vec<usize> = (0..list.items.len())
            .filter(|&i| list.items[i].depth == 0)
            .collect();
        let mut dropped_all = !tops.is_empty();
        for (n, &i) in tops.iter().enumerate() {
            let item = &list.items[i];
            let last_day = match &item.entry {
                Entry::Event(_) => {
                    let line1 = doc.line_text(item.line);
                    let line2 = list
                        .items
                        .get(i + 1)
                        .filter(|c| c.parent == Some(i))
                        .map(|c| doc.line_text(c.line))
                        .unwrap_or("");
                    twir_events::parse_entry(line1, line2)
                        .ok()
                        .map(|e| e.last_day())
                }
                _ => None,
            };
            let Some(last_day) = last_day.filter(|d| *d < date) else {
                dropped_all = false;
                continue;
            };
            let end = tops
                .get(n + 1)
                .map(|&j| list.items[j].span.start)
                .unwrap_or(block.span.end);
            let dropped = !opts.keep_stale_events;
            if dropped {
                removals.push(Span::new(item.span.start, end));
            } else {
                dropped_all = false;
            }
            out.push(StaleEvent {
                line: item.line,
                entry: line_text(doc, item.span.start).trim().to_string(),
                last_day,
                dropped,
            });
        }
        if dropped_all {
            gone[b] = true;
        }
    }
    out
}

/// True when a section has nothing but blank lines, comments and removed blocks, and its
/// subsections are empty too.
fn is_empty(doc: &Document, s: &Section, gone: &[bool]) -> bool {
    let own = s.own_blocks();
    own.clone()
        .all(|b| gone[b] || matches!(doc.blocks[b].kind, BlockKind::Blank | BlockKind::Comment))
        && s.children.iter().all(|c| is_empty(doc, c, gone))
}

/// What the comments of blocks `range` hold.
fn holds(doc: &Document, range: std::ops::Range<usize>, opts: &PruneOptions) -> Holds {
    let mut editor = None;
    for b in range {
        let block = &doc.blocks[b];
        if block.kind != BlockKind::Comment {
            continue;
        }
        let text = doc.text(block.span);
        if is_prompt(text) {
            return Holds::Prompt(text.trim().to_string());
        }
        let template = opts.boilerplate.is_some_and(|t| t.contains(text));
        if !template && !text.trim_start().starts_with(ATTRIBUTION_OPEN) && editor.is_none() {
            let first = text.lines().next().unwrap_or("").trim().to_string();
            editor = Some(first);
        }
    }
    editor.map_or(Holds::Nothing, Holds::EditorText)
}

fn visit(
    doc: &Document,
    parent: &Section,
    opts: &PruneOptions,
    gone: &[bool],
    removals: &mut Vec<Span>,
    out: &mut Vec<EmptySection>,
) {
    for s in &parent.children {
        if !is_empty(doc, s, gone) {
            visit(doc, s, opts, gone, removals, out);
            continue;
        }
        let what = holds(doc, s.blocks.clone(), opts);
        let removed = what == Holds::Nothing || opts.drop_unfilled;
        let heading = s
            .heading
            .map(|h| doc.text(doc.blocks[h].span).trim_end().to_string())
            .unwrap_or_default();
        let line = s.heading.map(|h| doc.blocks[h].line).unwrap_or(1);
        let end_line = doc.line_of(s.span.end.saturating_sub(1).max(s.span.start));
        let subsections = s.walk().len() - 1;
        if removed {
            removals.push(s.span);
            out.push(EmptySection {
                heading,
                line,
                end_line,
                subsections,
                holds: what,
                removed,
            });
            continue;
        }
        // It stays for an editor, listed where the words are; what inside it holds nothing
        // can still go.
        let own = holds(doc, s.own_blocks(), opts);
        if own != Holds::Nothing {
            out.push(EmptySection {
                heading,
                line,
                end_line,
                subsections,
                holds: own,
                removed,
            });
        }
        visit(doc, s, opts, gone, removals, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "Title: T\n\n## Community\n\n<!-- contributors: one link per line -->\n\n### Official\n\n### Misc\n\n## Project\n\n### Perf\n\n<!-- Perf results go here -->\n";

    fn run(src: &str, drop_unfilled: bool, keep_stale_events: bool) -> Pruned {
        let t = Document::parse(TEMPLATE);
        let bp = Boilerplate::from_template(&t);
        let doc = Document::parse(src);
        prune(
            &doc,
            &PruneOptions {
                date: Some(Date::constant(2026, 8, 26)),
                boilerplate: Some(&bp),
                drop_unfilled,
                keep_stale_events,
            },
        )
    }

    #[test]
    fn removes_template_only_sections_and_lists_them() {
        let src = "Title: T\n\n## Community\n\n<!-- contributors: one link per line -->\n\n### Official\n\n### Misc\n* [A](https://a)\n\n## Project\n\n### Perf\n\n<!-- Perf results go here -->\n";
        let p = run(src, false, false);
        assert_eq!(
            p.text,
            "Title: T\n\n## Community\n\n<!-- contributors: one link per line -->\n\n### Misc\n* [A](https://a)\n\n## Project\n\n### Perf\n\n<!-- Perf results go here -->\n"
        );
        let got: Vec<(&str, usize, bool)> = p
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.line, s.removed))
            .collect();
        assert_eq!(got, [("### Official", 7, true), ("### Perf", 14, false)]);
        assert_eq!(
            p.sections[1].holds,
            Holds::Prompt("<!-- Perf results go here -->".into())
        );
        // Said so: the unfilled section goes too.
        let p = run(src, true, false);
        assert!(!p.text.contains("## Project"), "{}", p.text);
        assert!(p.sections.iter().all(|s| s.removed));
    }

    #[test]
    fn an_editors_comment_keeps_its_section_unless_told() {
        let src = "Title: T\n\n## Community\n\n### Official\n\n<!-- ask Ann for the link -->\n\n### Misc\n\n## Jobs\ntext\n";
        let p = run(src, false, false);
        assert!(
            p.text.contains("### Official\n\n<!-- ask Ann"),
            "{}",
            p.text
        );
        assert!(!p.text.contains("### Misc"), "{}", p.text);
        let got: Vec<(&str, bool)> = p
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.removed))
            .collect();
        assert_eq!(got, [("### Official", false), ("### Misc", true)]);
        assert_eq!(
            p.sections[0].holds,
            Holds::EditorText("<!-- ask Ann for the link -->".into())
        );
        let p = run(src, true, false);
        assert_eq!(p.text, "Title: T\n\n## Jobs\ntext\n");
    }

    #[test]
    fn stale_events_are_dropped_or_kept_and_listed() {
        let src = "Title: T\n\n## Upcoming Events\n\n### Virtual\n* 2026-08-20 | Virtual | [A](https://a)\n    * [**Past**](https://a/1)\n\n### Europe\n* 2026-08-25 & 2026-08-26 | Berlin, DE | [B](https://b)\n    * [**Ends today**](https://b/1)\n* 2026-08-19 | Paris, FR | [P](https://p)\n    * [**Past too**](https://p/1)\n\n## Jobs\ntext\n";
        let p = run(src, false, false);
        assert_eq!(
            p.text,
            "Title: T\n\n## Upcoming Events\n\n### Europe\n* 2026-08-25 & 2026-08-26 | Berlin, DE | [B](https://b)\n    * [**Ends today**](https://b/1)\n\n## Jobs\ntext\n"
        );
        let lines: Vec<(usize, bool)> = p.stale.iter().map(|s| (s.line, s.dropped)).collect();
        assert_eq!(lines, [(6, true), (12, true)]);
        assert_eq!(p.sections[0].heading, "### Virtual");
        let p = run(src, false, true);
        assert_eq!(p.text, src);
        assert!(p.stale.iter().all(|s| !s.dropped));
    }
}
