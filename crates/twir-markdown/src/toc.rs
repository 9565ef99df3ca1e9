//! Heading ids and self-links (the `toc` extension with `anchorlink`).

use crate::slug::{UniqueIds, toc_slugify};
use crate::stash::{Stash, parse_html_placeholder};
use crate::tree::{Inline, InlineElem, Tree, parse_escape};
use crate::{Heading, block};

/// Gives every heading an id and wraps its content in a `toclink` anchor.
pub(crate) fn apply(tree: &mut Tree, stash: &Stash) -> Vec<Heading> {
    let mut ids = UniqueIds::default();
    let mut headings = Vec::new();
    let mut order = Vec::new();
    if tree.nodes.iter().any(|n| is_heading(n.tag)) {
        walk(tree, 0, &mut order);
    }
    for id in order {
        let node = &mut tree.nodes[id];
        let Some(level) = block::HEADINGS.iter().position(|&h| h == node.tag) else {
            continue;
        };
        let mut raw = String::new();
        text_of(&node.text_inl, stash, &mut raw);
        let mut text = unescape_entities(raw);
        let slug = ids.unique(toc_slugify(&text));
        node.attrs.push(("id", slug.clone()));
        let content = std::mem::take(&mut node.text_inl);
        node.text_inl = vec![Inline::Elem(Box::new(InlineElem {
            tag: "a",
            attrs: vec![
                ("class", "toclink".into()),
                ("href", {
                    let mut href = String::with_capacity(slug.len() + 1);
                    href.push('#');
                    href.push_str(&slug);
                    href
                }),
            ],
            children: content,
        }))];
        headings.push(Heading {
            level: level as u8 + 1,
            id: slug,
            text: {
                let end = text.trim_end().len();
                text.truncate(end);
                let lead = text.len() - text.trim_start().len();
                text.drain(..lead);
                text
            },
        });
    }
    headings
}

fn is_heading(tag: &str) -> bool {
    block::HEADINGS.contains(&tag)
}

/// The headings under `id`, in document order.
fn walk(tree: &Tree, id: usize, order: &mut Vec<usize>) {
    if is_heading(tree.nodes[id].tag) {
        order.push(id);
    }
    for &c in &tree.nodes[id].children {
        walk(tree, c, order);
    }
}

/// Text content; raw HTML contributes its text without tags or entities.
fn text_of(items: &[Inline], stash: &Stash, out: &mut String) {
    for it in items {
        match it {
            Inline::Text(t) => plain_text(t, stash, out),
            Inline::Elem(e) => text_of(&e.children, stash, out),
        }
    }
}

fn plain_text(t: &str, stash: &Stash, out: &mut String) {
    let mut rest = t;
    while let Some(i) = rest.find('\u{2}') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some((n, len)) = parse_html_placeholder(tail) {
            if let Some(html) = stash.get(n) {
                strip_tags_entities(html, out);
            }
            rest = &tail[len..];
        } else if let Some((c, len)) = parse_escape(tail) {
            out.push(c);
            rest = &tail[len..];
        } else {
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
}

fn strip_tags_entities(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let skip = if let Some(t) = tail.strip_prefix('<') {
            t.find('>').filter(|&n| n > 0).map(|n| n + 2)
        } else {
            let n = tail[1..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
                .count();
            (n > 0 && tail.as_bytes().get(n + 1) == Some(&b';')).then_some(n + 2)
        };
        match skip {
            Some(n) => rest = &tail[n..],
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Decodes the entities code escaping produces, and numeric references.
fn unescape_entities(s: String) -> String {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let decoded = tail.find(';').filter(|&n| n <= 10).and_then(|n| {
            let name = &tail[1..n];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, n + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_decoding() {
        assert_eq!(
            unescape_entities("a &lt;T&gt; &amp; &#39; &bogus x".to_string()),
            "a <T> & ' &bogus x"
        );
        let mut o = String::new();
        strip_tags_entities("<b>x</b>&amp;y", &mut o);
        assert_eq!(o, "xy");
    }
}
