//! Every link of a body as a Markdown renderer sees it (inline, reference, autolink),
//! with spans, so checks can point at them.

mod blocks;
mod entity;
mod flatten;
mod html;
mod scan;

use crate::span::Span;

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

/// A link found in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination URL.
    pub url: String,
    /// The link text, flattened to plain text.
    pub text: String,
    /// How it is written.
    pub kind: LinkKind,
    /// The whole link as written in the source.
    pub span: Span,
    /// Where the URL is written (in the link, or in its reference definition), when found.
    pub url_span: Option<Span>,
}

/// Extracts the links of `body`, which starts at byte `base` of the file.
///
/// One line pass finds the stretches of inline text and the reference definitions, then a
/// byte scan of each stretch finds the links; both follow CommonMark, and the corpus test
/// compares the result with pulldown-cmark's on every archived issue.
pub fn extract_links(body: &str, base: usize) -> Vec<Link> {
    let found = find_all(body);
    let spans: Vec<Span> = found.iter().map(|f| f.link.span).collect();
    found
        .into_iter()
        .enumerate()
        .map(|(k, f)| {
            let mut link = f.link;
            link.text = if link.kind == LinkKind::Autolink {
                link.url.clone()
            } else {
                // The links nested in this one's text follow it in start order.
                let after = &spans[k + 1..];
                let n = after.iter().take_while(|s| s.start < f.text.end).count();
                flatten::flatten(body, f.text, &after[..n])
            };
            link.span = link.span.shift(base);
            link.url_span = link.url_span.map(|s| s.shift(base));
            link
        })
        .collect()
}

/// The destination URLs of the links of `body`, in order: [`extract_links`] without flattening
/// the link texts, for callers that only compare URLs (the recent-issue index of `twir check`,
/// where the texts were a fifth of the cost).
pub fn extract_link_urls(body: &str) -> Vec<String> {
    find_all(body).into_iter().map(|f| f.link.url).collect()
}

/// Every link of `body`, ordered by start, before its text is flattened.
fn find_all(body: &str) -> Vec<scan::Found> {
    let seg = blocks::segment(body);
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
        let urls: Vec<_> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["https://a.org/x", "https://b.org", "https://c.org"]);
        assert_eq!(links[0].text, "A");
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
        let urls: Vec<String> = extract_links(body, 0).into_iter().map(|l| l.url).collect();
        assert_eq!(extract_link_urls(body), urls);
    }

    #[test]
    fn code_spans_hold_no_links() {
        let links = extract_links("`[a](b)` and\n\n    [c](d)\n", 0);
        assert!(links.is_empty());
    }
}
