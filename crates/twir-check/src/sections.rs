//! Finding the sections rules care about and the links inside them.

use twir_content::{Document, Link, Section, Span};

/// The span of the section titled `title` (and its subsections), if present.
pub fn section_span(doc: &Document, title: &str) -> Option<Span> {
    doc.section(title).map(|s| s.span)
}

/// The links of the community section (all of its subsections).
pub fn community_links<'d>(doc: &'d Document, title: &str) -> impl Iterator<Item = &'d Link> {
    links_in(doc, section_span(doc, title))
}

/// The links whose span lies within `span` (none when `span` is `None`).
pub fn links_in(doc: &Document, span: Option<Span>) -> impl Iterator<Item = &Link> {
    let range = match span {
        Some(s) => {
            // Links are in source order: binary search for the first one in the span.
            let start = doc.links.partition_point(|l| l.span.start < s.start);
            let end = doc.links.partition_point(|l| l.span.start < s.end);
            start..end.max(start)
        }
        None => 0..0,
    };
    doc.links[range].iter()
}

/// The subsections of the section titled `title`, with the region-like title of each.
pub fn subsections<'d>(doc: &'d Document, title: &str) -> Vec<&'d Section> {
    doc.section(title)
        .map(|s| s.children.iter().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn community_links_stay_in_their_section() {
        let d = Document::parse(
            "Title: x\n\n[a](https://a)\n## Updates from Rust Community\n### O\n* [b](https://b)\n## Jobs\n[c](https://c)\n",
        );
        let urls: Vec<_> = community_links(&d, "Updates from Rust Community")
            .map(|l| l.url(&d.source))
            .collect();
        assert_eq!(urls, ["https://b"]);
        assert_eq!(community_links(&d, "Nope").count(), 0);
        assert_eq!(subsections(&d, "Updates from Rust Community").len(), 1);
    }
}
