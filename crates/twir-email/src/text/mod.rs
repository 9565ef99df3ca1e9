//! The plain-text alternative: the same parsed body as the HTML, written for a 72-column
//! reader. Headings are underlined (`=` for levels 1-2, `-` below), lists keep `*` bullets and
//! their nesting, quotes get `> `, code is indented, and links become numbered references
//! `[1]` listed at the end of each section (before the next heading).

pub mod wrap;

use crate::body::{is_heading, is_heading_self_link, top_nodes};
use crate::urls::SiteUrls;
use ego_tree::NodeRef;
use scraper::{Html, Node};
use std::collections::HashMap;
use wrap::fill;

/// The column the text is filled to.
pub const WIDTH: usize = 72;

/// Elements that start a block of their own in text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "hr",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "details",
    "summary",
    "center",
    "address",
    "main",
    "nav",
    "aside",
];

/// Elements whose content is not text for a reader.
const SKIPPED: &[&str] = &["script", "style", "template", "head", "title"];

/// Converts a parsed body to text at `width` columns, with a final reference list.
pub fn to_text(doc: &Html, urls: &SiteUrls, width: usize) -> String {
    let mut w = Writer::new(urls, width);
    let mut ind = Indent::default();
    w.blocks(top_nodes(doc), &mut ind, false);
    w.finish()
}

/// The text of a whole HTML document (an edition a theme made): its `<body>`, with layout
/// tables read as the blocks in their cells.
pub fn document_text(html: &str, urls: &SiteUrls, width: usize) -> String {
    let doc = Html::parse_document(&crate::nesting::cap_nesting(html));
    let body = doc
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"));
    let mut w = Writer::new(urls, width);
    let mut ind = Indent::default();
    if let Some(body) = body {
        w.blocks(body.children(), &mut ind, false);
    }
    w.finish()
}

/// The opening words of the first paragraph, for the inbox preview (at most `max` characters,
/// cut at a word).
pub fn preheader(doc: &Html, max: usize) -> String {
    let Some(p) = doc.tree.nodes().find(|n| {
        n.value().as_element().is_some_and(|e| e.name() == "p")
            && n.descendants()
                .any(|d| d.value().as_text().is_some_and(|t| !t.trim().is_empty()))
    }) else {
        return String::new();
    };
    let text: String = p
        .descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() + 1 > max {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Line prefixes of the current block: the first line's (a bullet) and the following lines'.
#[derive(Debug, Clone, Default)]
struct Indent {
    first: String,
    rest: String,
}

impl Indent {
    fn nested(&self, first: &str, rest: &str) -> Indent {
        Indent {
            first: format!("{}{first}", self.first),
            rest: format!("{}{rest}", self.rest),
        }
    }

    /// Once a block has printed its first line, later blocks of the same item align with it.
    fn used(&mut self) {
        self.first.clone_from(&self.rest);
    }
}

struct Writer<'u> {
    urls: &'u SiteUrls,
    width: usize,
    lines: Vec<String>,
    at_blank: bool,
    refs: Vec<(usize, String)>,
    /// The numbers of the URLs in `refs`: a section can hold thousands of links.
    ref_index: HashMap<String, usize>,
    next_ref: usize,
}

impl<'u> Writer<'u> {
    fn new(urls: &'u SiteUrls, width: usize) -> Writer<'u> {
        Writer {
            urls,
            width,
            lines: Vec::new(),
            at_blank: true,
            refs: Vec::new(),
            ref_index: HashMap::new(),
            next_ref: 1,
        }
    }

    /// The text so far, with the last references.
    fn finish(mut self) -> String {
        self.flush_refs();
        let mut text = self.lines.join("\n");
        text.truncate(text.trim_end().len());
        text.push('\n');
        text
    }

    /// Renders a run of sibling nodes: inline ones are gathered into paragraphs.
    fn blocks<'a>(
        &mut self,
        nodes: impl Iterator<Item = NodeRef<'a, Node>>,
        ind: &mut Indent,
        tight: bool,
    ) {
        let mut para = String::new();
        for node in nodes {
            match node.value() {
                Node::Element(e) if BLOCKS.contains(&e.name()) => {
                    self.paragraph(&para, ind, tight);
                    para.clear();
                    self.block(node, e.name(), ind, tight);
                }
                _ => self.inline(node, &mut para),
            }
        }
        self.paragraph(&para, ind, tight);
    }

    fn block(&mut self, node: NodeRef<'_, Node>, name: &str, ind: &mut Indent, tight: bool) {
        match name {
            "p" | "dt" | "summary" | "figcaption" => {
                let mut para = String::new();
                self.inline_children(node, &mut para);
                self.paragraph(&para, ind, tight);
            }
            h if is_heading(h) => self.heading(node, h, ind),
            "ul" | "ol" => self.list(node, name == "ol", ind, tight),
            "li" => {
                let mut item = ind.nested("* ", "  ");
                self.blocks(node.children(), &mut item, true);
                ind.used();
            }
            "blockquote" => {
                self.blank(ind, tight);
                let mut quote = ind.nested("> ", "> ");
                self.blocks(node.children(), &mut quote, false);
                ind.used();
            }
            "pre" => self.pre(node, ind, tight),
            "table" => self.table(node, ind, tight),
            "hr" => {
                self.blank(ind, tight);
                self.push(format!("{}* * *", ind.first));
                ind.used();
            }
            "dd" => {
                let mut def = ind.nested("    ", "    ");
                self.blocks(node.children(), &mut def, true);
                ind.used();
            }
            _ => self.blocks(node.children(), ind, tight),
        }
    }

    fn paragraph(&mut self, text: &str, ind: &mut Indent, tight: bool) {
        let text = tidy(text);
        if text.is_empty() {
            return;
        }
        self.blank(ind, tight);
        for line in fill(&text, self.width, &ind.first, &ind.rest) {
            self.push(line);
        }
        ind.used();
    }

    fn heading(&mut self, node: NodeRef<'_, Node>, name: &str, ind: &mut Indent) {
        self.flush_refs();
        let mut text = String::new();
        self.inline_children(node, &mut text);
        let text = tidy(&text).replace('\n', " ");
        if text.is_empty() {
            return;
        }
        self.blank(ind, false);
        let lines = fill(&text, self.width, &ind.first, &ind.rest);
        let prefix = ind.rest.chars().count();
        let longest = lines
            .iter()
            .map(|l| l.chars().count().saturating_sub(prefix))
            .max()
            .unwrap_or(0);
        for line in lines {
            self.push(line);
        }
        let mark = if matches!(name, "h1" | "h2") {
            "="
        } else {
            "-"
        };
        self.push(format!("{}{}", ind.rest, mark.repeat(longest)));
        ind.used();
    }

    fn list(&mut self, node: NodeRef<'_, Node>, ordered: bool, ind: &mut Indent, tight: bool) {
        let start: usize = node
            .value()
            .as_element()
            .and_then(|e| e.attr("start"))
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        // A list right after its parent item's text stays tight; elsewhere it is a new block.
        if !tight {
            self.blank(ind, false);
        }
        let items = node
            .children()
            .filter(|c| c.value().as_element().is_some_and(|e| e.name() == "li"));
        for (i, item) in items.enumerate() {
            let marker = if ordered {
                format!("{}. ", start + i)
            } else {
                "* ".to_string()
            };
            let pad = " ".repeat(marker.len());
            let mut item_ind = ind.nested(&marker, &pad);
            let before = self.lines.len();
            self.blocks(item.children(), &mut item_ind, true);
            if self.lines.len() == before {
                self.push(item_ind.first.trim_end().to_string());
            }
            ind.used();
        }
    }

    fn pre(&mut self, node: NodeRef<'_, Node>, ind: &mut Indent, tight: bool) {
        let code: String = node
            .descendants()
            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
            .collect();
        let code = code.strip_suffix('\n').unwrap_or(&code);
        self.blank(ind, tight);
        for line in code.split('\n') {
            let line = line.trim_end();
            if line.is_empty() {
                self.push(ind.rest.trim_end().to_string());
            } else {
                self.push(format!("{}    {line}", ind.first));
            }
            ind.used();
        }
    }

    fn table(&mut self, node: NodeRef<'_, Node>, ind: &mut Indent, tight: bool) {
        if is_layout_table(node) {
            // A theme's frame: its cells hold blocks, read in order.
            for cell in node.descendants().filter(|d| {
                d.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "td" | "th"))
                    && nearest_table(*d) == Some(node.id())
            }) {
                self.blocks(cell.children(), ind, tight);
            }
            return;
        }
        self.blank(ind, tight);
        let rows = node
            .descendants()
            .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "tr"));
        for row in rows {
            let mut cells = Vec::new();
            for cell in row.children() {
                if cell
                    .value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "td" | "th"))
                {
                    let mut text = String::new();
                    self.inline_children(cell, &mut text);
                    cells.push(tidy(&text).replace('\n', " "));
                }
            }
            let rest = format!("{}    ", ind.rest);
            for line in fill(&cells.join(" | "), self.width, &ind.first, &rest) {
                self.push(line);
            }
            ind.used();
        }
    }

    fn inline_children(&mut self, node: NodeRef<'_, Node>, buf: &mut String) {
        for child in node.children() {
            self.inline(child, buf);
        }
    }

    /// Appends the text of an inline node, whitespace collapsed as a browser would.
    fn inline(&mut self, node: NodeRef<'_, Node>, buf: &mut String) {
        match node.value() {
            Node::Text(t) => push_collapsed(buf, t),
            Node::Element(e) => match e.name() {
                n if SKIPPED.contains(&n) => {}
                "br" => {
                    buf.truncate(buf.trim_end_matches(' ').len());
                    buf.push('\n');
                }
                "a" if is_heading_self_link(node, e) => self.inline_children(node, buf),
                "a" => {
                    let start = buf.len();
                    self.inline_children(node, buf);
                    if let Some(href) = e.attr("href") {
                        let url = self.urls.resolve(href);
                        let text = buf[start..].trim();
                        if text.is_empty() {
                            push_collapsed(buf, &url);
                        } else if !same_target(text, &url) {
                            let n = self.reference(url);
                            buf.truncate(buf.trim_end().len());
                            buf.push_str(&format!("\u{a0}[{n}]"));
                        }
                    }
                }
                "img" if is_decorative(e) => {}
                "img" => {
                    let alt = e.attr("alt").map(str::trim).unwrap_or("");
                    let label = if alt.is_empty() {
                        "[image]".to_string()
                    } else {
                        format!("[image: {alt}]")
                    };
                    push_collapsed(buf, &label);
                    if let Some(src) = e.attr("src") {
                        let n = self.reference(self.urls.resolve(src));
                        buf.push_str(&format!("\u{a0}[{n}]"));
                    }
                }
                _ => self.inline_children(node, buf),
            },
            _ => {}
        }
    }

    /// The number of `url` in the current section, adding it if new.
    fn reference(&mut self, url: String) -> usize {
        if let Some(n) = self.ref_index.get(&url) {
            return *n;
        }
        let n = self.next_ref;
        self.next_ref += 1;
        self.ref_index.insert(url.clone(), n);
        self.refs.push((n, url));
        n
    }

    /// Prints the current section's references and starts a new list.
    fn flush_refs(&mut self) {
        if self.refs.is_empty() {
            return;
        }
        self.blank(&Indent::default(), false);
        self.ref_index.clear();
        for (n, url) in std::mem::take(&mut self.refs) {
            self.push(format!("[{n}] {url}"));
        }
    }

    /// Ends the current block with a blank line, unless in a tight list or at the start.
    fn blank(&mut self, ind: &Indent, tight: bool) {
        if tight || self.at_blank {
            return;
        }
        self.lines.push(ind.rest.trim_end().to_string());
        self.at_blank = true;
    }

    fn push(&mut self, line: String) {
        self.at_blank = false;
        self.lines.push(line);
    }
}

/// Whether a table lays out a page rather than holding data: it is marked so, it has no
/// header cell, or its cells hold tables or blocks (an issue's tables, from Markdown, have a
/// header row of text and links).
fn is_layout_table(table: NodeRef<'_, Node>) -> bool {
    let marked = table
        .value()
        .as_element()
        .is_some_and(|e| e.attr("role") == Some("presentation") || e.attr("cellpadding").is_some());
    let mut has_header = false;
    let mut holds_blocks = false;
    for d in table.descendants().skip(1) {
        if let Some(e) = d.value().as_element() {
            let n = e.name();
            has_header |= n == "th";
            holds_blocks |= n == "table" || BLOCKS.contains(&n);
        }
    }
    marked || !has_header || holds_blocks
}

/// The table a cell belongs to.
fn nearest_table(node: NodeRef<'_, Node>) -> Option<ego_tree::NodeId> {
    node.ancestors()
        .find(|a| a.value().as_element().is_some_and(|e| e.name() == "table"))
        .map(|a| a.id())
}

/// An image marked as decoration (empty `alt` and hidden from assistive technology, as a
/// theme's logo beside the newsletter's name): nothing to say in text.
fn is_decorative(e: &scraper::node::Element) -> bool {
    e.attr("alt").is_some_and(|a| a.trim().is_empty())
        && (e.attr("aria-hidden") == Some("true") || e.attr("role") == Some("presentation"))
}

/// Whether a link's text already shows where it goes (autolinks, bare addresses).
fn same_target(text: &str, url: &str) -> bool {
    let bare = |s: &str| {
        s.trim_start_matches("mailto:")
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string()
    };
    bare(text) == bare(url)
}

fn push_collapsed(buf: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            if !(buf.is_empty() || buf.ends_with(' ') || buf.ends_with('\n')) {
                buf.push(' ');
            }
        } else {
            buf.push(c);
        }
    }
}

/// Trims each hard line and drops empty leading and trailing ones.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let joined = lines.join("\n");
    joined.trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::parse;
    use jiff::civil::Date;

    fn text(html: &str) -> String {
        let urls = SiteUrls::new("https://ex.org", Date::new(2024, 1, 3).unwrap(), "t-1").unwrap();
        to_text(&parse(html), &urls, WIDTH)
    }

    #[test]
    fn headings_lists_and_references() {
        let out = text(
            "<p>Hi <a href=\"https://rust-lang.org\">Rust</a>.</p>\n\
             <h2 id=\"a\"><a class=\"toclink\" href=\"#a\">Updates</a></h2>\n\
             <h3>Official</h3>\n<ul>\n<li><a href=\"https://a.org\">A</a><ul><li>nested <a href=\"#a\">here</a></li></ul></li>\n<li>B</li>\n</ul>",
        );
        assert_eq!(
            out,
            "Hi Rust [1].\n\n[1] https://rust-lang.org\n\nUpdates\n=======\n\n\
             Official\n--------\n\n* A [2]\n  * nested here [3]\n* B\n\n\
             [2] https://a.org\n[3] https://ex.org/blog/2024/01/03/t-1/#a\n"
        );
    }

    #[test]
    fn same_url_in_a_section_shares_a_number_and_autolinks_stay_inline() {
        let out = text(
            "<p><a href=\"https://a.org/\">x</a> <a href=\"https://a.org/\">y</a> <a href=\"https://b.org/\">https://b.org/</a></p>",
        );
        assert_eq!(out, "x [1] y [1] https://b.org/\n\n[1] https://a.org/\n");
    }

    #[test]
    fn quotes_code_ordered_lists_and_breaks() {
        let out = text(
            "<blockquote><p>one</p><p>two<br>three</p></blockquote>\
             <pre><code>fn main() {\n    x();\n}\n</code></pre><ol start=\"3\"><li>c</li><li>d</li></ol>",
        );
        assert_eq!(
            out,
            "> one\n>\n> two\n> three\n\n    fn main() {\n        x();\n    }\n\n3. c\n4. d\n"
        );
    }

    #[test]
    fn paragraphs_wrap_at_72() {
        let words = "lorem ipsum dolor sit amet ".repeat(10);
        let out = text(&format!("<ul><li>{words}</li></ul>"));
        for line in out.lines() {
            assert!(line.chars().count() <= 72, "{line:?}");
        }
        assert!(out.lines().skip(1).all(|l| l.starts_with("  ")));
    }

    #[test]
    fn preheader_takes_the_first_paragraph() {
        let doc = parse("<h2>x</h2><p>Hello <em>and</em> welcome to the issue.</p>");
        assert_eq!(preheader(&doc, 100), "Hello and welcome to the issue.");
        assert_eq!(preheader(&doc, 12), "Hello and…");
    }
}
