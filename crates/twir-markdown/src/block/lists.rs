//! Lists: item blocks (`*`, `+`, `-`, `1.`) and indented continuation blocks.
//!
//! Python-Markdown only nests a list when its items are indented by a full
//! tab stop (4 spaces); lines indented less are further items of the same
//! list, and only items next to a blank line get paragraphs.

use super::defs::parse_reference;
use super::lines::lines;
use super::{Block, Blocks, Parser, shape};
use crate::prep::TAB;
use crate::tree::NodeId;

/// Which list processor runs.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Ordered,
    Unordered,
}

const LIST_TAGS: &[&str] = &["ul", "ol"];

impl Parser {
    /// An indented block following a list: more content for its last item.
    pub(super) fn list_indent(&mut self, parent: NodeId, blocks: &mut Blocks) -> bool {
        let Some(b) = blocks.last() else { return false };
        if !b.text().starts_with("    ") || self.is_state("detabbed") {
            return false;
        }
        let parent_is_item = self.tree.tag(parent) == "li";
        if !parent_is_item && self.last_child_tagged(parent, LIST_TAGS).is_none() {
            return false;
        }
        let Some(b) = blocks.pop() else { return false };
        let (level, sibling) = self.indent_level(parent, b.text());
        let text = Block::owned(loose_detab(b.text(), level));
        self.set_state("detabbed");
        if parent_is_item {
            match self.last_child_tagged(parent, LIST_TAGS) {
                Some(list) => self.parse_blocks(list, text),
                None => self.parse_blocks(parent, text),
            }
        } else if self.tree.tag(sibling) == "li" {
            self.parse_blocks(sibling, text);
        } else if let Some(li) = self.last_child_tagged(sibling, &["li"]) {
            self.move_text_to_p(li);
            self.parse_chunk(li, &text);
        } else {
            let li = self.tree.sub(sibling, "li");
            self.parse_blocks(li, text);
        }
        self.reset_state();
        true
    }

    /// How many list levels the block's indentation reaches below `parent`,
    /// and the list or item at that level.
    fn indent_level(&self, mut parent: NodeId, block: &str) -> (usize, NodeId) {
        let spaces = block.bytes().take_while(|&c| c == b' ').count();
        let indent_level = spaces / TAB;
        let mut level = usize::from(self.is_state("list"));
        while indent_level > level {
            match self.tree.last_child(parent) {
                Some(c) if matches!(self.tree.tag(c), "ul" | "ol" | "li") => {
                    if self.tree.tag(c) != "li" {
                        level += 1;
                    }
                    parent = c;
                }
                _ => break,
            }
        }
        (level, parent)
    }

    /// An item's loose text becomes a paragraph inserted before its children.
    fn move_text_to_p(&mut self, li: NodeId) {
        if !self.tree.nodes[li].has_text() {
            return;
        }
        let p = self.tree.new_node("p");
        let text = std::mem::take(&mut self.tree.nodes[li].text);
        let src = self.tree.nodes[li].text_src.take();
        self.tree.nodes[p].text = text;
        self.tree.nodes[p].text_src = src;
        self.tree.insert(li, 0, p);
    }

    /// A block whose first line is a list item.
    pub(super) fn list(&mut self, parent: NodeId, blocks: &mut Blocks, kind: Kind) -> bool {
        let Some(b) = blocks.last() else { return false };
        let t = b.text();
        let first = if b.shape & shape::ONE_LINE != 0 {
            t
        } else {
            &t[..memchr::memchr(b'\n', t.as_bytes()).unwrap_or(t.len())]
        };
        let is_item = match kind {
            Kind::Ordered => ordered_marker(first).is_some(),
            Kind::Unordered => bullet_marker(first).is_some(),
        };
        if !is_item {
            return false;
        }
        let Some(b) = blocks.pop() else { return false };
        let mut items = split_items(b.text())
            .into_iter()
            .map(|(s, e)| b.slice(s, e, 0));
        let list = if let Some(list) = self.last_child_tagged(parent, LIST_TAGS) {
            // A list separated from the previous one by a blank line continues
            // it, and its items become loose (paragraphs).
            if let Some(last) = self.tree.last_child(list) {
                self.move_text_to_p(last);
                if let Some(lch) = self.tree.last_child(last)
                    && !self.tree.nodes[lch].tail.is_empty()
                {
                    let tail = std::mem::take(&mut self.tree.nodes[lch].tail);
                    let p = self.tree.sub(last, "p");
                    self.tree.nodes[p].text = tail.trim_start().to_string();
                }
            }
            let li = self.tree.sub(list, "li");
            self.set_state("looselist");
            if let Some(first) = items.next() {
                self.parse_item(li, first);
            }
            self.reset_state();
            list
        } else if LIST_TAGS.contains(&self.tree.tag(parent)) {
            parent
        } else {
            self.tree
                .sub(parent, if kind == Kind::Ordered { "ol" } else { "ul" })
        };
        self.set_state("list");
        for item in items {
            if item.text().starts_with("    ") {
                let target = self.tree.last_child(list).unwrap_or(list);
                self.parse_blocks(target, item);
            } else {
                let li = self.tree.sub(list, "li");
                self.parse_item(li, item);
            }
        }
        self.reset_state();
        true
    }
}

impl Parser {
    /// Parses an item's text into `li`. Most items are a single line that no
    /// block processor accepts; those become the item's text directly, as
    /// the processor chain would conclude after trying each of them.
    fn parse_item(&mut self, li: NodeId, item: Block) {
        if is_plain_line(item.text()) {
            self.paragraph(li, item);
        } else {
            self.parse_blocks(li, item);
        }
    }
}

/// A single non-empty line that no block processor accepts: no indent, no
/// header, rule, list, quote or definition start (a table or setext header
/// needs a second line).
fn is_plain_line(t: &str) -> bool {
    let Some(&first) = t.as_bytes().first() else {
        return false;
    };
    if memchr::memchr(b'\n', t.as_bytes()).is_some() {
        return false;
    }
    match first {
        b' ' | b'#' | b'-' | b'_' | b'*' | b'+' | b'>' => false,
        b'0'..=b'9' => ordered_marker(t).is_none(),
        b'[' => !t.starts_with("[^") && parse_reference(t, 0).is_none(),
        _ => true,
    }
}

/// `   12. text` → text.
fn ordered_marker(line: &str) -> Option<&str> {
    let indent = line.bytes().take_while(|&c| c == b' ').count();
    if indent >= TAB {
        return None;
    }
    let rest = &line[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    after_marker(rest[digits..].strip_prefix('.')?)
}

/// `   * text` → text.
fn bullet_marker(line: &str) -> Option<&str> {
    let indent = line.bytes().take_while(|&c| c == b' ').count();
    if indent >= TAB {
        return None;
    }
    let rest = &line[indent..];
    after_marker(rest.strip_prefix(['*', '+', '-'])?)
}

/// At least one space after a marker; the text after all of them.
fn after_marker(s: &str) -> Option<&str> {
    let t = s.trim_start_matches(' ');
    (t.len() < s.len()).then_some(t)
}

/// A nested item line: indented 4 to 7 spaces, then a marker and a space.
fn is_indented_item(line: &str) -> bool {
    let indent = line.bytes().take_while(|&c| c == b' ').count();
    (TAB..2 * TAB).contains(&indent) && {
        let l = &line[indent - (TAB - 1)..];
        ordered_marker(l).is_some() || bullet_marker(l).is_some()
    }
}

/// Splits a list block into item texts (markers removed); nested item lines
/// stay whole and are grouped. An item's lines are consecutive in the block,
/// so each item is a byte range of it.
fn split_items(block: &str) -> Vec<(usize, usize)> {
    let mut items: Vec<(usize, usize)> = Vec::new();
    for (pos, line) in lines(block) {
        let end = pos + line.len();
        if let Some(text) = ordered_marker(line).or_else(|| bullet_marker(line)) {
            items.push((end - text.len(), end));
        } else if is_indented_item(line)
            && items
                .last()
                .is_none_or(|&(s, _)| !block[s..].starts_with("    "))
        {
            items.push((pos, end));
        } else if let Some(last) = items.last_mut() {
            last.1 = end;
        } else {
            items.push((pos, end));
        }
    }
    items
}

/// Removes `level` tab stops from the lines indented at least that much.
fn loose_detab(text: &str, level: usize) -> String {
    let width = TAB * level;
    let mut out = String::with_capacity(text.len());
    for (i, (_, line)) in lines(text).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let strip = line.len() >= width && line.as_bytes()[..width].iter().all(|&c| c == b' ');
        out.push_str(if strip { &line[width..] } else { line });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(bullet_marker("* a"), Some("a"));
        assert_eq!(bullet_marker("   -  a"), Some("a"));
        assert_eq!(bullet_marker("*a"), None);
        assert_eq!(bullet_marker("    * a"), None);
        assert_eq!(ordered_marker("12. a"), Some("a"));
        assert_eq!(ordered_marker("1) a"), None);
    }

    #[test]
    fn items_group_nested_lines() {
        let block = "* a\n  * b\n    * c\n    more\n* d\ncont";
        let items: Vec<&str> = split_items(block)
            .into_iter()
            .map(|(s, e)| &block[s..e])
            .collect();
        assert_eq!(items, vec!["a", "b", "    * c\n    more", "d\ncont"]);
    }

    #[test]
    fn loose_detab_only_indented() {
        assert_eq!(loose_detab("    a\n  b\n        c", 1), "a\n  b\n    c");
    }
}
