//! HTML as docutils' `html4css1` writer (Pelican's) writes it: `<div class="section">`
//! sections, `<tt class="docutils literal">` literals, compact ("simple") lists without
//! `<p>`, `&#64;` for `@`.

use crate::block::Block;
use crate::inline::{Inline, Reference};
use std::collections::HashMap;
use twir_escape::push_docutils;

/// Where references point: normalised names to URIs.
pub(crate) struct Targets<'a> {
    pub by_name: &'a HashMap<String, String>,
}

impl Targets<'_> {
    fn uri<'r>(&'r self, reference: &'r Reference) -> &'r str {
        reference
            .uri
            .as_deref()
            .or_else(|| {
                reference
                    .name
                    .as_ref()
                    .and_then(|n| self.by_name.get(n).map(String::as_str))
            })
            .unwrap_or("")
    }
}

/// Does a literal's word get `<span class="pre">` (docutils keeps such words from wrapping):
/// a `-` or `?` before another character, or two non-word characters inside the word.
fn needs_pre(word: &[char]) -> bool {
    let dash = word
        .iter()
        .take(word.len().saturating_sub(1))
        .any(|c| matches!(c, '-' | '?'));
    let nonword = |c: char| !crate::chars::is_word(c);
    let double =
        word.len() >= 4 && (1..word.len() - 2).any(|k| nonword(word[k]) && nonword(word[k + 1]));
    dash || double
}

fn literal(text: &str, out: &mut String) {
    out.push_str("<tt class=\"docutils literal\">");
    let chars: Vec<char> = text.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c == '\n' {
            out.push('\n');
            k += 1;
        } else if c == ' ' {
            let start = k;
            while k < chars.len() && chars[k] == ' ' {
                k += 1;
            }
            for _ in 1..k - start {
                out.push_str("&nbsp;");
            }
            out.push(' ');
        } else {
            let start = k;
            while k < chars.len() && !matches!(chars[k], ' ' | '\n') {
                k += 1;
            }
            let word = &chars[start..k];
            let text: String = word.iter().collect();
            if text.trim().is_empty() {
                // A word of other whitespace (no-break spaces) is protected like spaces.
                for _ in 1..word.len() {
                    out.push_str("&nbsp;");
                }
                out.push(' ');
            } else if needs_pre(word) {
                out.push_str("<span class=\"pre\">");
                push_docutils(out, &text);
                out.push_str("</span>");
            } else {
                push_docutils(out, &text);
            }
        }
    }
    out.push_str("</tt>");
}

pub(crate) fn inlines(items: &[Inline], targets: &Targets<'_>, out: &mut String) {
    for item in items {
        match item {
            Inline::Text(t) => push_docutils(out, t),
            Inline::Emphasis(t) => wrap("em", t, out),
            Inline::Strong(t) => wrap("strong", t, out),
            Inline::Cite(t) => wrap("cite", t, out),
            Inline::Literal(t) => literal(t, out),
            Inline::Reference(r) => {
                out.push_str("<a class=\"reference external\" href=\"");
                push_docutils(out, targets.uri(r));
                out.push_str("\">");
                push_docutils(out, &r.text);
                out.push_str("</a>");
            }
        }
    }
}

fn wrap(tag: &str, text: &str, out: &mut String) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    push_docutils(out, text);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// A block whose paragraphs' inline content is already parsed.
#[derive(Debug)]
pub(crate) enum Node {
    Paragraph(Vec<Inline>),
    Literal(String),
    BulletList(Vec<Vec<Node>>),
    Comment(String),
    /// Invisible (a hyperlink target).
    Nothing,
    Section {
        id: String,
        title: Vec<Inline>,
        children: Vec<Node>,
    },
}

impl Node {
    /// Converts a parsed block (with inline content parsed by `inline`).
    pub(crate) fn from_block(
        block: &Block,
        inline: &mut impl FnMut(&str, usize) -> Result<Vec<Inline>, crate::Fault>,
    ) -> Result<Node, crate::Fault> {
        Ok(match block {
            Block::Paragraph { text, line } => Node::Paragraph(inline(text, *line)?),
            Block::Literal { text } => Node::Literal(text.clone()),
            Block::BulletList { items } => Node::BulletList(
                items
                    .iter()
                    .map(|item| item.iter().map(|b| Node::from_block(b, inline)).collect())
                    .collect::<Result<_, _>>()?,
            ),
            Block::Comment { text } => Node::Comment(text.clone()),
            Block::Target { .. } => Node::Nothing,
            Block::Title { line, .. } => {
                return Err(crate::Fault::invalid(*line, "unexpected section title"));
            }
            Block::FieldList { line, .. } => {
                return Err(crate::Fault::unsupported(*line, "field lists in the body"));
            }
        })
    }
}

/// Is the list "simple" (every item a paragraph, optionally followed by a simple list; no
/// literal blocks anywhere): docutils then renders it compact, without `<p>`.
fn is_simple(items: &[Vec<Node>]) -> bool {
    items.iter().all(|item| {
        let mut visible: &[Node] = item;
        if matches!(visible.first(), Some(Node::Paragraph(_)))
            && matches!(visible.last(), Some(Node::BulletList(_)))
            && visible.len() > 1
        {
            visible = &visible[..visible.len() - 1];
        }
        visible.len() <= 1
            && item.iter().all(|node| match node {
                Node::Paragraph(_) => true,
                Node::BulletList(inner) => is_simple(inner),
                _ => false,
            })
    })
}

/// Renders body nodes; `depth` is the section nesting (headings start at `<h2>`).
pub(crate) fn body(nodes: &[Node], depth: usize, targets: &Targets<'_>, out: &mut String) {
    for node in nodes {
        block(node, depth, false, targets, out);
    }
}

fn block(node: &Node, depth: usize, compact: bool, targets: &Targets<'_>, out: &mut String) {
    match node {
        Node::Paragraph(items) => {
            out.push_str("<p>");
            inlines(items, targets, out);
            out.push_str("</p>\n");
        }
        Node::Literal(text) => {
            out.push_str("<pre class=\"literal-block\">\n");
            push_docutils(out, text);
            out.push_str("\n</pre>\n");
        }
        Node::BulletList(items) => list(items, compact, targets, out),
        Node::Comment(text) => {
            out.push_str("<!-- ");
            // `--` may not appear in an HTML comment.
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                out.push(c);
                if c == '-' && chars.peek() == Some(&'-') {
                    out.push(' ');
                }
            }
            out.push_str(" -->\n");
        }
        Node::Nothing => {}
        Node::Section {
            id,
            title,
            children,
        } => {
            let level = depth + 2;
            out.push_str("<div class=\"section\" id=\"");
            push_docutils(out, id);
            out.push_str(&format!("\">\n<h{level}>"));
            inlines(title, targets, out);
            out.push_str(&format!("</h{level}>\n"));
            body(children, depth + 1, targets, out);
            out.push_str("</div>\n");
        }
    }
}

fn list(items: &[Vec<Node>], parent_compact: bool, targets: &Targets<'_>, out: &mut String) {
    let compact = parent_compact || is_simple(items);
    out.push_str(if compact && !parent_compact {
        "<ul class=\"simple\">\n"
    } else {
        "<ul>\n"
    });
    for item in items {
        out.push_str("<li>");
        for (k, node) in item.iter().enumerate() {
            match node {
                Node::Paragraph(inline_items) if k == 0 => {
                    if compact {
                        inlines(inline_items, targets, out);
                    } else {
                        out.push_str("<p class=\"first\">");
                        inlines(inline_items, targets, out);
                        out.push_str("</p>\n");
                    }
                }
                Node::BulletList(inner) => list(inner, compact, targets, out),
                other => block(other, 0, compact, targets, out),
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str) -> String {
        let mut out = String::new();
        literal(text, &mut out);
        out
    }

    #[test]
    fn literals() {
        assert_eq!(lit("a  b"), "<tt class=\"docutils literal\">a&nbsp; b</tt>");
        assert_eq!(
            lit("--opt"),
            "<tt class=\"docutils literal\"><span class=\"pre\">--opt</span></tt>"
        );
        assert_eq!(
            lit("a-b"),
            "<tt class=\"docutils literal\"><span class=\"pre\">a-b</span></tt>"
        );
        assert_eq!(
            lit("x::y"),
            "<tt class=\"docutils literal\"><span class=\"pre\">x::y</span></tt>"
        );
        assert_eq!(lit("a-"), "<tt class=\"docutils literal\">a-</tt>");
        assert_eq!(lit("~[T]"), "<tt class=\"docutils literal\">~[T]</tt>");
        assert_eq!(
            lit("Gc<T> @"),
            "<tt class=\"docutils literal\">Gc&lt;T&gt; &#64;</tt>"
        );
    }
}
