//! The element tree the block parser builds (an arena, ElementTree-like:
//! every node has `text` before its first child and `tail` after itself).

use std::cell::RefCell;
use std::ops::Range;

/// Index of a node in [`Tree::nodes`].
pub(crate) type NodeId = usize;

/// Inline content after inline processing.
#[derive(Debug, Clone)]
pub(crate) enum Inline {
    /// Text, not yet HTML-escaped; may hold escape and HTML placeholders.
    Text(String),
    /// An inline element.
    Elem(Box<InlineElem>),
}

/// An inline element (`a`, `em`, `code`, ...).
#[derive(Debug, Clone)]
pub(crate) struct InlineElem {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Inline>,
}

/// A block-level node.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    /// Raw text before the first child (Markdown source until inline processing).
    pub text: String,
    /// The text instead of `text` when it is one unchanged range of the
    /// source (paragraphs), so that it is not copied before inline
    /// processing.
    pub text_src: Option<crate::block::Block>,
    /// Raw text after this node, inside its parent.
    pub tail: String,
    pub children: Vec<NodeId>,
    /// Text is final (code): no inline processing.
    pub atomic: bool,
    /// Inline-processed `text` as HTML: a range of [`Tree::html`] (one
    /// buffer for the document instead of a string per node), followed by
    /// `text_inl`.
    pub text_html: Range<usize>,
    /// Inline-processed `text` (filled by the inline pass) kept as a tree.
    pub text_inl: Vec<Inline>,
    /// Inline-processed `tail` as HTML, a range of [`Tree::html`].
    pub tail_html: Range<usize>,
    /// Inline-processed `tail` kept as a tree.
    pub tail_inl: Vec<Inline>,
}

impl Node {
    /// Whether the node has raw text (in `text` or `text_src`).
    pub(crate) fn has_text(&self) -> bool {
        !self.text.is_empty() || self.text_src.is_some()
    }

    /// Moves a `text_src` range into `text`, to be appended to.
    pub(crate) fn own_text(&mut self) {
        if let Some(src) = self.text_src.take() {
            self.text.push_str(src.text());
        }
    }
}

/// The document tree; node 0 is the root `div`.
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
    /// Serialised inline content of the nodes, see [`Node::text_html`].
    pub html: String,
}

impl Tree {
    /// A tree with just the root, with room for `capacity` nodes.
    pub(crate) fn new(capacity: usize) -> Self {
        // The node list of the previous document on this thread is reused:
        // a fresh large allocation per document costs more than its use.
        let mut nodes = SPARE_NODES
            .try_with(|s| std::mem::take(&mut *s.borrow_mut()))
            .unwrap_or_default();
        nodes.reserve(capacity.max(1));
        nodes.push(Node {
            tag: "div",
            ..Node::default()
        });
        Tree {
            nodes,
            html: String::new(),
        }
    }

    /// Appends a new child element to `parent`.
    pub(crate) fn sub(&mut self, parent: NodeId, tag: &'static str) -> NodeId {
        let id = self.new_node(tag);
        self.nodes[parent].children.push(id);
        id
    }

    /// Creates a detached node.
    pub(crate) fn new_node(&mut self, tag: &'static str) -> NodeId {
        self.nodes.push(Node {
            tag,
            ..Node::default()
        });
        self.nodes.len() - 1
    }

    /// Inserts `child` at `index` among `parent`'s children.
    pub(crate) fn insert(&mut self, parent: NodeId, index: usize, child: NodeId) {
        let ch = &mut self.nodes[parent].children;
        ch.insert(index.min(ch.len()), child);
    }

    pub(crate) fn last_child(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id].children.last().copied()
    }

    pub(crate) fn tag(&self, id: NodeId) -> &'static str {
        self.nodes[id].tag
    }
}

/// Largest node list kept for the next document.
const KEEP_NODES: usize = 1 << 15;

thread_local! {
    static SPARE_NODES: RefCell<Vec<Node>> = const { RefCell::new(Vec::new()) };
}

impl Drop for Tree {
    fn drop(&mut self) {
        let mut nodes = std::mem::take(&mut self.nodes);
        nodes.clear();
        if nodes.capacity() <= KEEP_NODES {
            // Not available while the thread is exiting: then just drop.
            let _ = SPARE_NODES.try_with(|s| *s.borrow_mut() = nodes);
        }
    }
}

/// Python-Markdown's block-level element names (for prettifying and for
/// deciding whether a stashed fragment replaces its paragraph).
pub(crate) fn is_block_level(tag: &str) -> bool {
    let lower;
    let t = if tag.bytes().any(|b| b.is_ascii_uppercase()) {
        lower = tag.to_ascii_lowercase();
        lower.as_str()
    } else {
        tag
    };
    // A `match` compiles to length and byte comparisons, not a list scan.
    matches!(
        t,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
            | "canvas"
            | "colgroup"
            | "dd"
            | "body"
            | "dt"
            | "group"
            | "html"
            | "iframe"
            | "li"
            | "legend"
            | "math"
            | "map"
            | "noscript"
            | "output"
            | "object"
            | "option"
            | "progress"
            | "script"
            | "style"
            | "summary"
            | "tbody"
            | "td"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "video"
    )
}

/// Serialises the children of the root (the root `div` itself is dropped).
pub(crate) fn serialize(tree: &Tree, out: &mut String) {
    let root = &tree.nodes[0];
    out.push_str(&tree.html[root.text_html.clone()]);
    write_inlines(&root.text_inl, out);
    for &c in &root.children {
        write_node(tree, c, out);
    }
}

/// Serialises a block node with Python-Markdown's prettifying: a newline
/// before a first block child when there is no text, and after every block
/// element whose tail is blank.
fn write_node(tree: &Tree, id: NodeId, out: &mut String) {
    let n = &tree.nodes[id];
    open_tag(n.tag, &n.attrs, out);
    if !is_void(n.tag) {
        let first_block = n
            .children
            .first()
            .is_some_and(|&c| is_block_level(tree.nodes[c].tag));
        let html = &tree.html[n.text_html.clone()];
        if first_block && is_blank(html, &n.text_inl) && n.tag != "pre" {
            out.push('\n');
        } else {
            out.push_str(html);
            write_inlines(&n.text_inl, out);
        }
        for &c in &n.children {
            write_node(tree, c, out);
        }
        out.push_str("</");
        out.push_str(n.tag);
        out.push('>');
    }
    let html = &tree.html[n.tail_html.clone()];
    if is_blank(html, &n.tail_inl) {
        out.push('\n');
    } else {
        out.push_str(html);
        write_inlines(&n.tail_inl, out);
    }
}

fn is_blank(html: &str, items: &[Inline]) -> bool {
    html.trim().is_empty()
        && items
            .iter()
            .all(|i| matches!(i, Inline::Text(t) if t.trim().is_empty()))
}

/// Whether `tag` is an HTML void element (no content, no end tag).
pub(crate) fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

pub(crate) fn open_tag(tag: &str, attrs: &[(&'static str, String)], out: &mut String) {
    out.push('<');
    out.push_str(tag);
    for (k, v) in attrs {
        out.push(' ');
        out.push_str(k);
        if k == v {
            // Python-Markdown's HTML serialiser minimises `x="x"`.
            continue;
        }
        out.push_str("=\"");
        escape(v, true, out);
        out.push('"');
    }
    out.push('>');
}

pub(crate) fn write_inlines(items: &[Inline], out: &mut String) {
    for it in items {
        match it {
            Inline::Text(t) => escape(t, false, out),
            Inline::Elem(e) => {
                open_tag(e.tag, &e.attrs, out);
                if e.tag == "br" {
                    // Python-Markdown's prettifier puts a newline after `<br>`.
                    out.push('\n');
                }
                if !is_void(e.tag) {
                    write_inlines(&e.children, out);
                    out.push_str("</");
                    out.push_str(e.tag);
                    out.push('>');
                }
            }
        }
    }
}

/// Escapes text like Python-Markdown's serializer: `&` only when it does not
/// start an entity, `<`, `>`, and in attributes `"` (HTML output keeps
/// newlines in attributes as they are). Escape
/// placeholders (`STX digits ETX`) become the escaped character.
pub(crate) fn escape(s: &str, attr: bool, out: &mut String) {
    escape_text(s, attr, true, out);
}

/// [`escape`] for a text known to hold no placeholder byte when
/// `may_hold_placeholder` is false (the search for one is skipped).
pub(crate) fn escape_text(s: &str, attr: bool, may_hold_placeholder: bool, out: &mut String) {
    let b = s.as_bytes();
    let mask = if attr { ESC_TEXT | ESC_ATTR } else { ESC_TEXT };
    // Placeholders (and quotes in attributes) are rare: without them the
    // next byte to change is found with a vectorised search.
    let rare = if attr {
        memchr::memchr2(2, b'"', b)
    } else if may_hold_placeholder {
        memchr::memchr(2, b)
    } else {
        None
    };
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        if rare.is_none() {
            i = memchr::memchr3(b'&', b'<', b'>', &b[i..]).map_or(b.len(), |n| i + n);
        } else {
            while i < b.len() && ESC[b[i] as usize] & mask == 0 {
                i += 1;
            }
        }
        if i == b.len() {
            break;
        }
        let c = b[i];
        let rep: &str = match c {
            b'&' if !starts_entity(&b[i + 1..]) => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attr => "&quot;",
            2 => {
                if let Some((ch, len)) = parse_escape(&s[i..]) {
                    out.push_str(&s[last..i]);
                    let mut buf = [0u8; 4];
                    escape(ch.encode_utf8(&mut buf), attr, out);
                    i += len;
                    last = i;
                    continue;
                }
                i += 1;
                continue;
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        i += 1;
        last = i;
    }
    out.push_str(&s[last..]);
}

/// Bytes [`escape`] may change: in text and, additionally, in attributes.
const ESC_TEXT: u8 = 1;
const ESC_ATTR: u8 = 2;
const ESC: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'&' as usize] = ESC_TEXT;
    t[b'<' as usize] = ESC_TEXT;
    t[b'>' as usize] = ESC_TEXT;
    t[2] = ESC_TEXT;
    t[b'"' as usize] = ESC_ATTR;
    t
};

/// `&` followed by `#digits;`, `#xhex;` or `alnum;` (case-insensitive).
pub(crate) fn starts_entity(b: &[u8]) -> bool {
    fn run(b: &[u8], ok: fn(&u8) -> bool) -> bool {
        let n = b.iter().take_while(|c| ok(c)).count();
        n > 0 && b.get(n) == Some(&b';')
    }
    match b {
        [b'#', b'x' | b'X', rest @ ..] => run(rest, u8::is_ascii_hexdigit),
        [b'#', rest @ ..] => run(rest, u8::is_ascii_digit),
        _ => run(b, u8::is_ascii_alphanumeric),
    }
}

/// An escape placeholder `STX digits ETX` at the start of `s`: the character
/// and the placeholder's byte length.
pub(crate) fn parse_escape(s: &str) -> Option<(char, usize)> {
    let rest = s.strip_prefix('\u{2}')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 7 || rest.as_bytes().get(digits) != Some(&3) {
        return None;
    }
    let code: u32 = rest[..digits].parse().ok()?;
    Some((char::from_u32(code)?, digits + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_entities() {
        let mut o = String::new();
        escape("a & b &amp; &#12; &#x1F; &foo; <x> \"", false, &mut o);
        assert_eq!(o, "a &amp; b &amp; &#12; &#x1F; &foo; &lt;x&gt; \"");
        o.clear();
        escape("\u{2}42\u{3}\u{2}60\u{3}", false, &mut o);
        assert_eq!(o, "*&lt;");
        o.clear();
        escape("\"\n", true, &mut o);
        assert_eq!(o, "&quot;\n");
    }

    #[test]
    fn block_level_names() {
        assert!(is_block_level("DIV"));
        assert!(!is_block_level("small"));
    }
}
