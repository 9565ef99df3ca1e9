//! Markdown to HTML, reproducing the output of Python-Markdown 3.4 as
//! configured by TWiR's Pelican site (extensions `extra`, `codehilite`,
//! `meta`, `toc` with `anchorlink`).
//!
//! The pipeline follows Python-Markdown's: whitespace normalisation, fenced
//! code and raw HTML blocks are stashed, a line-based block parser builds an
//! element tree, ordered inline patterns fill in inline content, headings get
//! ids, and the tree is serialised with the stashed HTML restored.

mod attrs;
mod block;
mod footnotes;
mod highlight;
mod htmlblock;
mod inline;
mod post;
mod prep;
mod slug;
mod stash;
mod toc;
mod tree;

pub use slug::toc_slugify;

use std::borrow::Cow;

use block::Parser;
use inline::Inliner;
use stash::Stash;
use tree::{Inline, Tree};

/// A heading of the rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `h1` … 6 for `h6`.
    pub level: u8,
    /// The `id` attribute (toc slug, made unique).
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// Rendered HTML with the document's headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML Pelican puts inside `<article>`.
    pub html: String,
    /// Every heading in document order.
    pub headings: Vec<Heading>,
}

/// Renders the Markdown body of an issue (the part after the metadata header)
/// to the HTML Pelican puts inside `<article>`.
pub fn render(markdown: &str) -> String {
    render_with_toc(markdown).html
}

/// Renders like [`render`] and also returns the headings (level, id, text)
/// for a table of contents or a search index.
pub fn render_with_toc(markdown: &str) -> Rendered {
    let mut stash = Stash::default();
    let text = prep::normalize(markdown);
    let text = prep::fenced_code(text, &mut stash);
    let text = htmlblock::extract(text, &mut stash);
    let mut parser = Parser::new(text.len());
    parser.parse_document(text);
    footnotes::append_div(&mut parser);
    let Parser {
        mut tree,
        refs,
        footnotes,
        ..
    } = parser;
    highlight_code_blocks(&mut tree, &mut stash);
    {
        let mut inliner = Inliner::new(&refs, &footnotes, &mut stash, markdown.len());
        // The inline HTML of all nodes, about as long as the source.
        let mut html = String::with_capacity(markdown.len() + markdown.len() / 4);
        for id in 0..tree.nodes.len() {
            let node = &mut tree.nodes[id];
            // Headings keep a tree: the toc reads their text.
            let heading = block::HEADINGS.contains(&node.tag);
            let src = node.text_src.take();
            let text = if let Some(src) = &src {
                Some(Cow::Borrowed(src.text()))
            } else if id != 0 && !node.atomic && !node.text.is_empty() {
                Some(Cow::Owned(std::mem::take(&mut node.text)))
            } else {
                None
            };
            if let Some(text) = text {
                let start = html.len();
                match inliner.process(text, heading, &mut html) {
                    Some(items) => node.text_inl = items,
                    None => node.text_html = start..html.len(),
                }
            }
            if !node.tail.is_empty() {
                let tail = std::mem::take(&mut node.tail);
                let start = html.len();
                match inliner.process(Cow::Owned(tail), false, &mut html) {
                    Some(items) => node.tail_inl = items,
                    None => node.tail_html = start..html.len(),
                }
            }
        }
        tree.html = html;
    }
    footnotes::add_backlinks(&mut tree, &footnotes);
    let headings = toc::apply(&mut tree, &stash);
    let mut html = String::with_capacity(markdown.len() + markdown.len() / 2);
    tree::serialize(&tree, &mut html);
    let html = post::restore_trimmed(html, &stash);
    Rendered { html, headings }
}

/// Replaces each indented code block (`pre > code`) by a paragraph holding a
/// placeholder for its highlighted markup, as codehilite does.
fn highlight_code_blocks(tree: &mut Tree, stash: &mut Stash) {
    for id in 0..tree.nodes.len() {
        if tree.nodes[id].tag != "pre" {
            continue;
        }
        let Some(&code) = tree.nodes[id].children.first() else {
            continue;
        };
        if tree.nodes[code].tag != "code" {
            continue;
        }
        let escaped = std::mem::take(&mut tree.nodes[code].text);
        let src = escaped
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let html = highlight::block(highlight::strip_header(&src), None);
        let pre = &mut tree.nodes[id];
        pre.tag = "p";
        pre.children.clear();
        pre.text_inl = vec![Inline::Text(stash.store(html))];
        pre.atomic = true;
    }
}
