//! Turning placeholder text back into content: inline trees (headings and
//! text with attribute lists, which later steps edit), HTML written
//! directly (everything else), and plain text.

use super::{Inliner, PElem, Stashed};
use crate::stash::{ETX, STX};
use crate::tree::{Inline, InlineElem, escape, escape_text, is_void, open_tag};

/// A run of text between elements, escaped as a whole when it ends (the
/// escaping looks ahead across the pieces a run is made of). Remembers
/// whether a piece may hold a placeholder byte, which escaping must look for.
struct Pending<'d> {
    text: PendingText<'d>,
    may_hold_placeholder: bool,
}

enum PendingText<'d> {
    None,
    Slice(&'d str),
    Owned(String),
}

impl<'d> Pending<'d> {
    fn new() -> Self {
        Pending {
            text: PendingText::None,
            may_hold_placeholder: false,
        }
    }

    fn push(&mut self, s: &'d str) {
        if s.is_empty() {
            return;
        }
        self.text = match std::mem::replace(&mut self.text, PendingText::None) {
            PendingText::None => PendingText::Slice(s),
            PendingText::Slice(a) => PendingText::Owned([a, s].concat()),
            PendingText::Owned(mut o) => {
                o.push_str(s);
                PendingText::Owned(o)
            }
        };
    }

    fn push_owned(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.text = match std::mem::replace(&mut self.text, PendingText::None) {
            PendingText::None => PendingText::Owned(s.to_string()),
            PendingText::Slice(a) => PendingText::Owned([a, s].concat()),
            PendingText::Owned(mut o) => {
                o.push_str(s);
                PendingText::Owned(o)
            }
        };
    }

    fn flush(&mut self, out: &mut String) {
        let may = std::mem::take(&mut self.may_hold_placeholder);
        match std::mem::replace(&mut self.text, PendingText::None) {
            PendingText::None => {}
            PendingText::Slice(s) => escape_text(s, false, may, out),
            PendingText::Owned(s) => escape_text(&s, false, may, out),
        }
    }
}

impl Inliner<'_> {
    /// Writes placeholder text as HTML: what [`Inliner::expand`] followed by
    /// serialisation gives, without building the tree.
    pub(super) fn render_into(&mut self, data: &str, out: &mut String) {
        let mut rest = data;
        let mut text = Pending::new();
        while let Some(i) = memchr::memchr(STX as u8, rest.as_bytes()) {
            match parse_node_placeholder(&rest[i..]) {
                Some((n, len)) if n < self.nodes.len() => {
                    text.push(&rest[..i]);
                    match &mut self.nodes[n] {
                        Stashed::Text(t) => {
                            text.may_hold_placeholder = true;
                            text.push_owned(t)
                        }
                        Stashed::Elem(e) => {
                            let e = std::mem::take(e);
                            text.flush(out);
                            self.write_elem(e, out);
                        }
                    }
                    rest = &rest[i + len..];
                }
                _ => {
                    text.may_hold_placeholder = true;
                    text.push(&rest[..i + 1]);
                    rest = &rest[i + 1..];
                }
            }
        }
        // No placeholder byte after the last one found.
        text.push(rest);
        text.flush(out);
    }

    fn write_elem(&mut self, e: PElem, out: &mut String) {
        open_tag(e.tag, e.attrs.as_slice(), out);
        if e.tag == "br" {
            // Python-Markdown's prettifier puts a newline after `<br>`.
            out.push('\n');
        }
        if is_void(e.tag) {
            return;
        }
        if e.atomic {
            escape(&e.text, false, out);
        } else {
            self.render_into(&e.text, out);
        }
        for (c, tail) in e.children {
            self.write_elem(c, out);
            self.render_into(&tail, out);
            self.recycle(tail);
        }
        out.push_str("</");
        out.push_str(e.tag);
        out.push('>');
        self.recycle(e.text);
        for (_, v) in e.attrs.items {
            self.recycle(v);
        }
    }

    /// Converts placeholder text into inline content. Each element
    /// placeholder occurs once in the final text, so its element is moved
    /// out of the node list rather than copied.
    pub(super) fn expand(&mut self, data: &str, out: &mut Vec<Inline>) {
        let mut rest = data;
        let mut text = String::new();
        while let Some(i) = memchr::memchr(STX as u8, rest.as_bytes()) {
            match parse_node_placeholder(&rest[i..]) {
                Some((n, len)) if n < self.nodes.len() => {
                    text.push_str(&rest[..i]);
                    match &mut self.nodes[n] {
                        Stashed::Text(t) => text.push_str(t),
                        Stashed::Elem(e) => {
                            let e = std::mem::take(e);
                            if !text.is_empty() {
                                out.push(Inline::Text(std::mem::take(&mut text)));
                            }
                            out.push(Inline::Elem(Box::new(self.expand_elem(e))));
                        }
                    }
                    rest = &rest[i + len..];
                }
                _ => {
                    text.push_str(&rest[..i + 1]);
                    rest = &rest[i + 1..];
                }
            }
        }
        text.push_str(rest);
        if !text.is_empty() {
            out.push(Inline::Text(text));
        }
    }

    fn expand_elem(&mut self, e: PElem) -> InlineElem {
        let mut children = Vec::new();
        if e.atomic {
            if !e.text.is_empty() {
                children.push(Inline::Text(e.text));
            }
        } else {
            self.expand(&e.text, &mut children);
        }
        for (c, tail) in e.children {
            children.push(Inline::Elem(Box::new(self.expand_elem(c))));
            self.expand(&tail, &mut children);
        }
        InlineElem {
            tag: e.tag,
            attrs: e.attrs.into_vec(),
            children,
        }
    }

    /// Plain text of placeholder text: elements give their text content
    /// (Python-Markdown's `unescape` used for URLs and image alt text).
    pub(crate) fn plain(&mut self, data: &str) -> String {
        let mut out = self.new_string(data.len());
        self.plain_into(data, &mut out);
        out
    }

    fn plain_into(&self, data: &str, out: &mut String) {
        let mut rest = data;
        while let Some(i) = memchr::memchr(STX as u8, rest.as_bytes()) {
            match parse_node_placeholder(&rest[i..]) {
                Some((n, len)) if n < self.nodes.len() => {
                    out.push_str(&rest[..i]);
                    match &self.nodes[n] {
                        Stashed::Text(t) => out.push_str(t),
                        Stashed::Elem(e) => self.elem_text(e, out),
                    }
                    rest = &rest[i + len..];
                }
                _ => {
                    out.push_str(&rest[..i + 1]);
                    rest = &rest[i + 1..];
                }
            }
        }
        out.push_str(rest);
    }

    fn elem_text(&self, e: &PElem, out: &mut String) {
        if e.atomic {
            out.push_str(&e.text)
        } else {
            self.plain_into(&e.text, out)
        }
        for (c, tail) in &e.children {
            self.elem_text(c, out);
            self.plain_into(tail, out);
        }
    }

    /// Serialises placeholder text to HTML (for raw HTML that contains
    /// already-processed code spans).
    pub(super) fn render_html(&mut self, data: &str) -> String {
        let mut items = Vec::new();
        self.expand(data, &mut items);
        let mut out = String::new();
        for it in &items {
            match it {
                Inline::Text(t) => out.push_str(t),
                Inline::Elem(_) => crate::tree::write_inlines(std::slice::from_ref(it), &mut out),
            }
        }
        out
    }
}

/// `STX 'k' digits ETX` at the start of `s`: index and byte length.
fn parse_node_placeholder(s: &str) -> Option<(usize, usize)> {
    let rest = s.strip_prefix(STX)?.strip_prefix('k')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 12 || rest.as_bytes().get(digits) != Some(&(ETX as u8)) {
        return None;
    }
    Some((rest[..digits].parse().ok()?, digits + 3))
}
