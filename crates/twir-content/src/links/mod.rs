//! Every link of a body as a Markdown renderer sees it (inline, reference, autolink),
//! with spans, so checks can point at them.

mod blocks;
mod entity;
mod flatten;
mod html;
mod scan;

use crate::span::{LineIndex, Span};
use std::borrow::Cow;

/// How a link is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](url)`.
    Inline,
    /// `[text][label]`, `[text][]` or `[text]`, resolved through a definition.
    Reference,
    /// `<https://...>`.
    Autolink,
    /// `![alt](src)`.
    Image,
}

/// A link found in the body. Its URL and text are read from the source ([`Link::url`],
/// [`Link::text`]) where the source writes them as they are, which is nearly always: owned
/// copies of both were 170 thousand allocations in a whole-archive check (dhat).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// How it is written.
    pub kind: LinkKind,
    /// The whole link as written in the source.
    pub span: Span,
    /// Where the URL is written (in the link, or in its reference definition), when it is
    /// written as is (no escape or character reference to resolve).
    pub url_span: Option<Span>,
    /// The URL when it is not written as is.
    resolved_url: Option<Box<str>>,
    /// Where the text is written, when the source says it as is.
    text_span: Option<Span>,
    /// The text when markup, escapes or references had to be resolved.
    resolved_text: Option<Box<str>>,
}

/// Where a link's destination comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Destination {
    /// Written as is at this span (of the link, or of its reference definition).
    Written(Span),
    /// Resolved from what is written (escapes, character references).
    Resolved(String),
}

impl Link {
    /// A link of `kind` at `span` with its destination; its text is set by [`extract_links`].
    fn new(kind: LinkKind, span: Span, url: Destination) -> Link {
        let (url_span, resolved_url) = match url {
            Destination::Written(s) => (Some(s), None),
            Destination::Resolved(u) => (None, Some(u.into_boxed_str())),
        };
        Link {
            kind,
            span,
            url_span,
            resolved_url,
            text_span: None,
            resolved_text: None,
        }
    }

    /// The destination URL, escapes and character references resolved. `src` is the text the
    /// spans point into: the document's source, or the `body` given to [`extract_links`] with
    /// a `base` of 0.
    #[inline]
    pub fn url<'a>(&'a self, src: &'a str) -> &'a str {
        resolved_or_written(self.resolved_url.as_deref(), self.url_span, src)
    }

    /// The link text, flattened to plain text (as [`Link::url`], from `src`).
    #[inline]
    pub fn text<'a>(&'a self, src: &'a str) -> &'a str {
        resolved_or_written(self.resolved_text.as_deref(), self.text_span, src)
    }
}

/// A link's own copy when it has one, else what `src` says at `span`.
#[inline]
fn resolved_or_written<'a>(resolved: Option<&'a str>, span: Option<Span>, src: &'a str) -> &'a str {
    resolved.unwrap_or_else(|| span.map_or("", |s| s.text(src)))
}

/// Extracts the links of `body`, which starts at byte `base` of the file.
///
/// One line pass finds the stretches of inline text and the reference definitions, then a
/// byte scan of each stretch finds the links; both follow CommonMark, and the corpus test
/// compares the result with pulldown-cmark's on every archived issue.
pub fn extract_links(body: &str, base: usize) -> Vec<Link> {
    let seg = blocks::segment_lines(crate::text::split_lines_inclusive(body));
    with_texts(body, base, find_all(body, &seg))
}

/// [`extract_links`] of the body of a parsed document, `source[base..]`, with its lines taken
/// from the document's line index instead of a second search for every newline (callgrind:
/// that search was 1.3% of a whole-archive check).
pub(crate) fn extract_body_links(source: &str, base: usize, index: &LineIndex) -> Vec<Link> {
    let body = &source[base..];
    let starts = index.starts();
    let after = starts.partition_point(|&s| s <= base);
    let mut prev = base;
    let lines = starts[after..]
        .iter()
        .copied()
        .chain(std::iter::once(source.len()))
        .filter_map(move |end| {
            let end = end.min(source.len());
            if end <= prev {
                return None;
            }
            let line = &source[prev..end];
            prev = end;
            Some(line)
        });
    let seg = blocks::segment_lines(lines);
    with_texts(body, base, find_all(body, &seg))
}

/// The links found, with their texts flattened and their spans moved by `base`.
fn with_texts(body: &str, base: usize, found: Vec<scan::Found>) -> Vec<Link> {
    let spans: Vec<Span> = found.iter().map(|f| f.link.span).collect();
    found
        .into_iter()
        .enumerate()
        .map(|(k, f)| {
            let mut link = f.link;
            if link.kind == LinkKind::Autolink {
                // The text of an autolink is its URL, written between the angle brackets.
                link.text_span = Some(f.text);
            } else {
                // The links nested in this one's text follow it in start order.
                let after = &spans[k + 1..];
                let n = after.iter().take_while(|s| s.start < f.text.end).count();
                match flatten::flatten(body, f.text, &after[..n]) {
                    flatten::Flat::Written(s) => link.text_span = Some(s),
                    flatten::Flat::Resolved(t) => link.resolved_text = Some(t.into_boxed_str()),
                }
            }
            link.span = link.span.shift(base);
            link.url_span = link.url_span.map(|s| s.shift(base));
            link.text_span = link.text_span.map(|s| s.shift(base));
            link
        })
        .collect()
}

/// The destination URLs of the links of `body`, in order: [`extract_links`] without flattening
/// the link texts, for callers that only compare URLs (the recent-issue index of `twir check`,
/// where the texts were a fifth of the cost).
pub fn extract_link_urls(body: &str) -> Vec<Cow<'_, str>> {
    let seg = blocks::segment_lines(crate::text::split_lines_inclusive(body));
    find_all(body, &seg)
        .into_iter()
        .map(|f| match f.link.resolved_url {
            Some(u) => Cow::Owned(u.into_string()),
            None => Cow::Borrowed(resolved_or_written(None, f.link.url_span, body)),
        })
        .collect()
}

/// Every link of `body`, ordered by start, before its text is flattened.
fn find_all(body: &str, seg: &blocks::Segments) -> Vec<scan::Found> {
    // About one link per 200 bytes in TWiR's issues, up to one per 70 in link-dense ones:
    // reserving up front saves the copies of growing a vector of large items (callgrind: 1.3%
    // of a whole-archive check at a reserve of one per 128 bytes).
    let mut found = Vec::with_capacity(body.len() / 64);
    let mut openers = Vec::new();
    for &unit in &seg.units {
        scan::scan(body, unit, &seg.definitions, &mut found, &mut openers);
    }
    // Outer links close after the images nested in them: order by start.
    found.sort_by_key(|f| f.link.span.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_reference_and_autolinks() {
        let body = "See [A](https://a.org/x) and [B][b] and <https://c.org>.\n\n<!-- [C](https://hidden) -->\n\n[b]: https://b.org\n";
        let links = extract_links(body, 10);
        let src = format!("{}{body}", " ".repeat(10));
        let urls: Vec<_> = links.iter().map(|l| l.url(&src)).collect();
        assert_eq!(urls, ["https://a.org/x", "https://b.org", "https://c.org"]);
        assert_eq!(links[0].text(&src), "A");
        assert_eq!(links[2].text(&src), "https://c.org");
        let s = links[0].url_span.unwrap();
        assert_eq!(&body[s.start - 10..s.end - 10], "https://a.org/x");
        let s = links[1].url_span.unwrap();
        assert_eq!(&body[s.start - 10..s.end - 10], "https://b.org");
        assert_eq!(links[1].kind, LinkKind::Reference);
        assert_eq!(links[2].kind, LinkKind::Autolink);
    }

    #[test]
    fn urls_alone_match_the_links() {
        let body = "[a ![i](https://i.org/x.png)](https://a.org) <https://c.org> [b][r]\n\n[r]: https://b.org\n";
        let links = extract_links(body, 0);
        let urls: Vec<&str> = links.iter().map(|l| l.url(body)).collect();
        assert_eq!(extract_link_urls(body), urls);
    }

    #[test]
    fn references_in_plain_destinations_are_resolved_and_the_rest_points_at_the_source() {
        let body =
            "[a](https://x.org/?a=1&amp;b=2) [b](https://x.org/?a=1&b=2) [c](https://x.org/\\_)";
        let links = extract_links(body, 0);
        let urls: Vec<&str> = links.iter().map(|l| l.url(body)).collect();
        assert_eq!(
            urls,
            [
                "https://x.org/?a=1&b=2",
                "https://x.org/?a=1&b=2",
                "https://x.org/_"
            ]
        );
        // Only the one with nothing to resolve is read from the source.
        let written: Vec<bool> = links.iter().map(|l| l.url_span.is_some()).collect();
        assert_eq!(written, [false, true, false]);
    }

    #[test]
    fn a_document_finds_the_links_its_body_has() {
        for src in [
            "Title: T\n\n[a](https://a.org)\n\n[b][r]\n\n[r]: https://b.org",
            "Title: T\r\n\r\n* [a](https://a.org)\r\n```\n[no](x)\n```\n<https://c.org>\n",
            "Title: T\n",
            "Title: T",
            "no header [a](b)\n\n    [code](x)\n",
            "",
        ] {
            let doc = crate::Document::parse(src);
            let base = doc.body_start();
            assert_eq!(doc.links, extract_links(&src[base..], base), "{src:?}");
        }
    }

    #[test]
    fn code_spans_hold_no_links() {
        let links = extract_links("`[a](b)` and\n\n    [c](d)\n", 0);
        assert!(links.is_empty());
    }
}
