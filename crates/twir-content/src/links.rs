//! Every link of a body as a Markdown renderer sees it (inline, reference, autolink),
//! with spans, so checks can point at them.

use crate::span::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

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
pub fn extract_links(body: &str, base: usize) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let parser = Parser::new_ext(body, opts);
    let defs: Vec<(String, Span)> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_lowercase(), Span::from(def.span.clone())))
        .collect();
    let mut open: Vec<usize> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                let is_image = body[range.clone()].starts_with('!');
                let kind = match link_type {
                    _ if is_image => LinkKind::Image,
                    LinkType::Inline => LinkKind::Inline,
                    LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
                    _ => LinkKind::Reference,
                };
                let raw = &body[range.clone()];
                let url_span = match kind {
                    LinkKind::Inline | LinkKind::Image => raw
                        .rfind("](")
                        .and_then(|p| raw[p + 2..].find(dest_url.as_ref()).map(|q| p + 2 + q))
                        .map(|s| Span::new(range.start + s, range.start + s + dest_url.len())),
                    LinkKind::Autolink => raw
                        .find(dest_url.as_ref())
                        .map(|s| Span::new(range.start + s, range.start + s + dest_url.len())),
                    LinkKind::Reference => definition_url_span(body, &defs, raw, &dest_url),
                };
                out.push(Link {
                    url: dest_url.to_string(),
                    text: String::new(),
                    kind,
                    span: Span::from(range).shift(base),
                    url_span: url_span.map(|s| s.shift(base)),
                });
                open.push(out.len() - 1);
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                open.pop();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(&i) = open.last() {
                    out[i].text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

fn definition_url_span(body: &str, defs: &[(String, Span)], raw: &str, url: &str) -> Option<Span> {
    let label = reference_label(raw)?.to_lowercase();
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let (_, span) = defs
        .iter()
        .find(|(l, _)| l.split_whitespace().collect::<Vec<_>>().join(" ") == label)?;
    let text = span.text(body);
    let colon = text.find("]:")?;
    let at = text[colon..].find(url)? + colon;
    Some(Span::new(span.start + at, span.start + at + url.len()))
}

/// The label a reference link points to: `[text][label]` -> label, `[text][]`/`[text]` -> text.
fn reference_label(raw: &str) -> Option<&str> {
    let close = crate::inline::matching_bracket(raw)?;
    let rest = &raw[close + 1..];
    match rest.strip_prefix('[') {
        Some(r) if r.starts_with(']') => Some(&raw[1..close]),
        Some(r) => r.find(']').map(|e| &r[..e]),
        None => Some(&raw[1..close]),
    }
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
    fn code_spans_hold_no_links() {
        let links = extract_links("`[a](b)` and\n\n    [c](d)\n", 0);
        assert!(links.is_empty());
    }
}
