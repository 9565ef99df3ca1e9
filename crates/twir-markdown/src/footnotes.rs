//! The footnote list appended to the document (the `footnotes` extension).

use crate::block::Footnotes;
use crate::block::{Block, Parser};
use crate::tree::{Inline, InlineElem, Tree};

/// Appends `<div class="footnote"><hr><ol><li id="fn:…">…` with each
/// footnote's text parsed as blocks.
pub(crate) fn append_div(parser: &mut Parser) {
    if parser.footnotes.entries.is_empty() {
        return;
    }
    let div = parser.tree.sub(0, "div");
    parser.tree.nodes[div]
        .attrs
        .push(("class", "footnote".into()));
    parser.tree.sub(div, "hr");
    let ol = parser.tree.sub(div, "ol");
    // Definitions met while parsing a footnote's text are dropped, as
    // Python-Markdown does once the footnote list is being built.
    let saved = std::mem::take(&mut parser.footnotes);
    for (id, text) in &saved.entries {
        let li = parser.tree.sub(ol, "li");
        parser.tree.nodes[li].attrs.push(("id", format!("fn:{id}")));
        parser.parse_chunk(li, &Block::owned(std::rc::Rc::clone(text)));
    }
    parser.footnotes = saved;
}

/// Adds the `↩` link back to the reference at the end of each footnote.
pub(crate) fn add_backlinks(tree: &mut Tree, footnotes: &Footnotes) {
    if footnotes.entries.is_empty() {
        return;
    }
    let Some(&div) = tree.nodes[0].children.last() else {
        return;
    };
    let Some(&ol) = tree.nodes[div].children.last() else {
        return;
    };
    let items = tree.nodes[ol].children.clone();
    for (n, (li, (id, _))) in items.into_iter().zip(&footnotes.entries).enumerate() {
        let link = Inline::Elem(Box::new(InlineElem {
            tag: "a",
            attrs: vec![
                ("class", "footnote-backref".into()),
                ("href", format!("#fnref:{id}")),
                (
                    "title",
                    format!("Jump back to footnote {} in the text", n + 1),
                ),
            ],
            children: vec![Inline::Text("&#8617;".into())],
        }));
        let p = match tree.nodes[li].children.last() {
            Some(&p) if tree.nodes[p].tag == "p" => p,
            _ => tree.sub(li, "p"),
        };
        let content = &mut tree.nodes[p].text_inl;
        content.push(Inline::Text("&#160;".into()));
        content.push(link);
    }
}
