//! The issue body as the email shows it: the site's rendered HTML, parsed once, written back
//! with absolute URLs and without what has no place in a message (comments, scripts, heading
//! self-links, syntax-highlighting classes the email does not style).

use crate::urls::SiteUrls;
use ego_tree::NodeRef;
use scraper::{Html, Node};
use twir_escape::push_email;

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements dropped with their content: nothing a mail client would run or show.
const DROPPED: &[&str] = &[
    "script", "template", "object", "embed", "form", "button", "input",
];

/// Attributes holding a URL, made absolute.
const URL_ATTRS: &[&str] = &["href", "src", "poster", "cite", "background"];

/// Parses body HTML (a fragment) into a tree both the HTML and the text writers walk, its
/// nesting first bounded by [`crate::nesting::cap_nesting`] so that parsing stays linear and
/// the writers' recursion shallow.
pub fn parse(html: &str) -> Html {
    Html::parse_fragment(&crate::nesting::cap_nesting(html))
}

/// The top-level nodes of a parsed fragment (html5ever wraps them in an `<html>` element).
pub fn top_nodes(doc: &Html) -> impl Iterator<Item = NodeRef<'_, Node>> {
    let root = doc.tree.root();
    let wrapper = root
        .children()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "html"));
    wrapper.into_iter().flat_map(|w| w.children())
}

/// Writes the body back as email-safe HTML.
pub fn email_html(doc: &Html, urls: &SiteUrls) -> String {
    let mut out = String::with_capacity(doc.tree.nodes().count() * 24);
    for node in top_nodes(doc) {
        write_node(node, urls, false, &mut out);
    }
    out
}

fn write_node(node: NodeRef<'_, Node>, urls: &SiteUrls, in_pre: bool, out: &mut String) {
    match node.value() {
        Node::Text(t) => {
            if in_raw_text(node) {
                out.push_str(t);
            } else {
                push_email(out, t, false);
            }
        }
        Node::Element(e) => {
            let name = e.name();
            if DROPPED.contains(&name) {
                return;
            }
            if name == "iframe" {
                // Embedded players cannot play in mail; a link to them can.
                if let Some(src) = e.attr("src") {
                    let url = urls.resolve(src);
                    out.push_str("<a href=\"");
                    push_email(out, &url, true);
                    out.push_str("\">");
                    push_email(out, &url, false);
                    out.push_str("</a>");
                }
                return;
            }
            if is_unwrapped(node, e) {
                write_children(node, urls, in_pre, out);
                return;
            }
            out.push('<');
            out.push_str(name);
            let mut has_alt = false;
            for (attr, value) in e.attrs() {
                if attr == "class" || attr == "srcset" || attr.starts_with("on") {
                    continue;
                }
                has_alt |= attr == "alt";
                out.push(' ');
                out.push_str(attr);
                out.push_str("=\"");
                if URL_ATTRS.contains(&attr) {
                    push_email(out, &urls.resolve(value), true);
                } else {
                    push_email(out, value, true);
                }
                out.push('"');
            }
            if name == "img" && !has_alt {
                out.push_str(" alt=\"\"");
            }
            out.push('>');
            if VOID.contains(&name) {
                return;
            }
            let pre = in_pre || name == "pre" || name == "textarea";
            // The parser drops one newline right after `<pre>`; put it back when the text
            // itself started with one, or the first line would be lost.
            if (name == "pre" || name == "textarea")
                && node
                    .first_child()
                    .and_then(|c| c.value().as_text().map(|t| t.starts_with('\n')))
                    .unwrap_or(false)
            {
                out.push('\n');
            }
            write_children(node, urls, pre, out);
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        // Editors' notes in comments are not for readers, and cost bytes against Gmail's limit.
        _ => {}
    }
}

fn write_children(node: NodeRef<'_, Node>, urls: &SiteUrls, in_pre: bool, out: &mut String) {
    for child in node.children() {
        write_node(child, urls, in_pre, out);
    }
}

/// Whether a link is the toc extension's link of a heading to itself: pointless in a message.
pub fn is_heading_self_link(node: NodeRef<'_, Node>, e: &scraper::node::Element) -> bool {
    e.name() == "a"
        && e.has_class("toclink", scraper::CaseSensitivity::AsciiCaseInsensitive)
        && node
            .parent()
            .and_then(|p| p.value().as_element().map(|p| is_heading(p.name())))
            .unwrap_or(false)
}

/// Elements replaced by their content: heading self-links, and highlighting spans that carry
/// nothing once their class is gone.
fn is_unwrapped(node: NodeRef<'_, Node>, e: &scraper::node::Element) -> bool {
    match e.name() {
        "a" => is_heading_self_link(node, e),
        "span" | "font" => e.attrs().all(|(a, _)| a == "class"),
        "noscript" => true,
        _ => false,
    }
}

/// Whether an element is `h1`..`h6`.
pub fn is_heading(name: &str) -> bool {
    name.len() == 2 && name.starts_with('h') && matches!(name.as_bytes()[1], b'1'..=b'6')
}

fn in_raw_text(node: NodeRef<'_, Node>) -> bool {
    node.parent()
        .and_then(|p| {
            p.value()
                .as_element()
                .map(|e| matches!(e.name(), "style" | "xmp"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    fn urls() -> SiteUrls {
        SiteUrls::new("https://ex.org", Date::new(2024, 1, 3).unwrap(), "t-1").unwrap()
    }

    fn rewrite(html: &str) -> String {
        email_html(&parse(html), &urls())
    }

    #[test]
    fn links_become_absolute_and_toclinks_go() {
        let out = rewrite(
            "<h2 id=\"jobs\"><a class=\"toclink\" href=\"#jobs\">Jobs</a></h2>\n\
             <p><a href=\"#jobs\">see</a> <img src=\"images/a.png\"> <a href=\"https://r.org/?a=1&amp;b=2\">r</a></p>",
        );
        assert_eq!(
            out,
            "<h2 id=\"jobs\">Jobs</h2>\n<p><a href=\"https://ex.org/blog/2024/01/03/t-1/#jobs\">see</a> \
             <img src=\"https://ex.org/images/a.png\" alt=\"\"> <a href=\"https://r.org/?a=1&amp;b=2\">r</a></p>"
        );
    }

    #[test]
    fn drops_comments_scripts_and_highlight_spans() {
        let out = rewrite(
            "<!-- note --><script>x()</script><div class=\"highlight\"><pre><span></span><code><span class=\"k\">fn</span> &lt;T&gt;\n</code></pre></div>",
        );
        assert_eq!(out, "<div><pre><code>fn &lt;T&gt;\n</code></pre></div>");
    }

    #[test]
    fn keeps_leading_newline_of_pre_and_turns_iframes_into_links() {
        assert_eq!(rewrite("<pre>\n\nx</pre>"), "<pre>\n\nx</pre>");
        assert_eq!(
            rewrite("<iframe src=\"https://v.org/e/1\"></iframe>"),
            "<a href=\"https://v.org/e/1\">https://v.org/e/1</a>"
        );
    }
}
