//! Removing sections left empty at publication time.

use twir_content::{BlockKind, Document, Section, Span};

/// True when a section holds nothing but blank lines and HTML comments (its subsections
/// being empty too).
pub fn is_empty_section(doc: &Document, s: &Section) -> bool {
    let own_empty = doc.blocks[s.own_blocks()]
        .iter()
        .all(|b| matches!(b.kind, BlockKind::Blank | BlockKind::Comment));
    own_empty && s.children.iter().all(|c| is_empty_section(doc, c))
}

/// The spans of the empty sections to remove (outermost first; nested ones are covered).
pub fn empty_section_spans(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    collect(doc, &doc.sections, &mut out);
    out
}

fn collect(doc: &Document, s: &Section, out: &mut Vec<Span>) {
    for c in &s.children {
        if is_empty_section(doc, c) {
            out.push(c.span);
        } else {
            collect(doc, c, out);
        }
    }
}

/// `doc`'s source without its empty sections.
pub fn remove_empty_sections(doc: &Document) -> String {
    let spans = empty_section_spans(doc);
    let mut out = String::with_capacity(doc.source.len());
    let mut pos = 0;
    for s in spans {
        out.push_str(&doc.source[pos..s.start]);
        pos = s.end;
    }
    out.push_str(&doc.source[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_empty_subsections_and_keeps_filled_ones() {
        let src = "Title: t\n\n## Community\n\n<!-- help -->\n\n### Official\n\n### Observations\n* [A](https://a)\n\n### Research\n\n## Calls\n\n### X\n<!-- none -->\n\n## Jobs\ntext\n";
        let doc = Document::parse(src);
        let out = remove_empty_sections(&doc);
        assert_eq!(
            out,
            "Title: t\n\n## Community\n\n<!-- help -->\n\n### Observations\n* [A](https://a)\n\n## Jobs\ntext\n"
        );
    }
}
