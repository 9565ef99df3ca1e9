//! The issue body as a Pelican email theme receives it (`article.content`): the site's HTML as
//! written, made fit for a message. Nesting is bounded ([`crate::nesting`]); every link and
//! image is absolute, except anchors within the message (`#id`: the theme's heading
//! self-links) and the mailing service's merge tags; scripts, event-handler attributes and
//! comments (but Outlook's conditional ones) go. Nothing else changes: no tree is built, so
//! the markup stays exactly as the site has it.

use crate::nesting::{MAX_DEPTH, Nesting};
use crate::tokens::{self, Event};
use crate::urls::SiteUrls;
use html5ever::local_name;
use std::borrow::Cow;

/// Attributes holding one URL.
const URL_ATTRS: &[&str] = &["href", "src", "poster", "cite", "background", "action"];

/// `html` made fit for a message, as described in the module documentation.
pub fn message_body(html: &str, urls: &SiteUrls) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut nesting = Nesting::new(MAX_DEPTH);
    let mut in_script = false;
    tokens::for_each(html, |event| match event {
        Event::Start(tag) => {
            if !nesting.start(tag) {
                return;
            }
            if tag.name == local_name!("script") {
                in_script = true;
                return;
            }
            tokens::write_start(
                &mut out,
                tag,
                |name, value| {
                    // `get`: an attribute name can start with a multi-byte character (fuzz: email_html).
                    if name.len() > 2 && name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on"))
                    {
                        None
                    } else if URL_ATTRS.contains(&name) {
                        Some(Cow::Owned(urls.resolve_in_message(value)))
                    } else if name == "srcset" {
                        Some(Cow::Owned(srcset(value, urls)))
                    } else {
                        Some(Cow::Borrowed(value))
                    }
                },
                &[],
            );
        }
        Event::End(tag) => {
            let keep = nesting.end(tag);
            if tag.name == local_name!("script") && in_script {
                in_script = false;
                return;
            }
            if keep {
                tokens::write_end(&mut out, &tag.name);
            }
        }
        Event::Text(text, content) => {
            if nesting.keeps_text() && !in_script {
                tokens::write_text(&mut out, text, content);
            }
        }
        Event::Comment(text) => {
            // `<!--[if mso]>...<![endif]-->` steers Outlook; other comments are editors' notes.
            if text.starts_with("[if") || text.ends_with("<![endif]") {
                tokens::write_comment(&mut out, text);
            }
        }
        Event::Doctype(_) => {}
    });
    out
}

/// Each candidate URL of a `srcset` made absolute.
fn srcset(value: &str, urls: &SiteUrls) -> String {
    value
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            match candidate.split_once(char::is_whitespace) {
                Some((url, descriptor)) => {
                    format!("{} {}", urls.resolve_in_message(url), descriptor.trim())
                }
                None => urls.resolve_in_message(candidate),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> SiteUrls {
        SiteUrls::pelican("https://ex.org", "blog/2026/08/19/t-665/").unwrap()
    }

    #[test]
    fn keeps_markup_and_makes_links_absolute() {
        let html = "<h2 id=\"a\"><a class=\"toclink\" href=\"#a\"><a href=\"/x\">X</a></a></h2>\n\
                    <!-- editors' note --><p><img src=\"images/a.png\" alt=\"A\" onerror=\"x()\"> \
                    <a href=\"*|UNSUB|*\">u</a> <a href=\"https://r.org/?a=1&amp;b=2\">r</a></p>\
                    <script>alert(1)</script><div class=\"highlight\"><pre><span></span><code>&lt;T&gt;</code></pre></div>\
                    <img srcset=\"a.png 1x, /b.png 2x\" src=\"a.png\">";
        assert_eq!(
            message_body(html, &urls()),
            "<h2 id=\"a\"><a class=\"toclink\" href=\"#a\"><a href=\"https://ex.org/x\">X</a></a></h2>\n\
             <p><img src=\"https://ex.org/images/a.png\" alt=\"A\"> \
             <a href=\"*|UNSUB|*\">u</a> <a href=\"https://r.org/?a=1&amp;b=2\">r</a></p>\
             <div class=\"highlight\"><pre><span></span><code>&lt;T&gt;</code></pre></div>\
             <img srcset=\"https://ex.org/a.png 1x, https://ex.org/b.png 2x\" src=\"https://ex.org/a.png\">"
        );
    }

    #[test]
    fn attribute_names_starting_with_a_multi_byte_character() {
        // Found by the email_html fuzz target: the `on...` test sliced inside `\u{fffd}`.
        let out = message_body("<p \u{fffd}x=1 onclick=y()>t</p>", &urls());
        assert!(out.contains(">t</p>") && !out.contains("onclick"), "{out}");
    }

    #[test]
    fn conditional_comments_stay_and_nesting_is_bounded() {
        let html = "<!--[if mso]><table><![endif]--><p>x</p>";
        assert!(message_body(html, &urls()).starts_with("<!--[if mso]><table><![endif]-->"));
        let deep = format!("{}x", "<div>".repeat(10_000));
        assert_eq!(
            message_body(&deep, &urls()).matches("<div>").count(),
            MAX_DEPTH
        );
    }
}
