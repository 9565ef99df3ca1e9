//! Block parsing: Python-Markdown's chain of line-based block processors.
//!
//! The document is split into blocks at blank lines (`"\n\n"`). For each
//! block the processors are tried in priority order; the first whose test
//! accepts it consumes it, possibly pushing remainders back in front.

mod defs;
mod lists;
mod simple;
mod table;

use std::collections::HashMap;

use crate::tree::{NodeId, Tree};

pub(crate) use defs::Footnotes;
pub(crate) use simple::HEADINGS;

/// Nesting depth past which blocks are treated as plain paragraphs, so
/// adversarial nesting cannot exhaust the stack.
const MAX_DEPTH: usize = 96;

/// Searches already known to fail on a block; inherited by the pieces a
/// block is cut into so no line is rescanned for the same construct.
pub(crate) mod neg {
    pub const HASH: u8 = 1;
    pub const HR: u8 = 2;
    pub const QUOTE: u8 = 4;
    pub const FOOTNOTE: u8 = 8;
    pub const REFERENCE: u8 = 16;
}

/// A block of source lines awaiting processing.
pub(crate) struct Block {
    pub text: String,
    pub neg: u8,
}

impl Block {
    pub(crate) fn new(text: impl Into<String>) -> Self {
        Block {
            text: text.into(),
            neg: 0,
        }
    }
}

/// Pending blocks, next block last (Python pops from the front).
pub(crate) type Blocks = Vec<Block>;

/// A link reference definition: URL and optional title.
pub(crate) type RefDef = (String, Option<String>);

/// Block parser state and results.
pub(crate) struct Parser {
    pub tree: Tree,
    state: Vec<&'static str>,
    pub refs: HashMap<String, RefDef>,
    pub footnotes: Footnotes,
    depth: usize,
}

impl Parser {
    pub(crate) fn new() -> Self {
        Parser {
            tree: Tree::new(),
            state: Vec::new(),
            refs: HashMap::new(),
            footnotes: Footnotes::default(),
            depth: 0,
        }
    }

    /// Parses `text` (already preprocessed) into the root.
    pub(crate) fn parse_document(&mut self, text: &str) {
        self.parse_chunk(0, text);
    }

    pub(crate) fn parse_chunk(&mut self, parent: NodeId, text: &str) {
        let mut blocks: Blocks = text.split("\n\n").map(Block::new).collect();
        blocks.reverse();
        self.run_blocks(parent, &mut blocks);
    }

    pub(crate) fn parse_blocks(&mut self, parent: NodeId, block: Block) {
        let mut blocks = vec![block];
        self.run_blocks(parent, &mut blocks);
    }

    fn run_blocks(&mut self, parent: NodeId, blocks: &mut Blocks) {
        self.depth += 1;
        while !blocks.is_empty() {
            if self.depth > MAX_DEPTH {
                if let Some(b) = blocks.pop() {
                    self.paragraph(parent, b);
                }
                continue;
            }
            let done = self.empty(parent, blocks)
                || self.list_indent(parent, blocks)
                || self.code(parent, blocks)
                || self.table(parent, blocks)
                || self.hash_header(parent, blocks)
                || self.setext_header(parent, blocks)
                || self.hr(parent, blocks)
                || self.list(parent, blocks, lists::Kind::Ordered)
                || self.list(parent, blocks, lists::Kind::Unordered)
                || self.quote(parent, blocks)
                || self.footnote_def(parent, blocks)
                || self.reference(blocks);
            if !done && let Some(b) = blocks.pop() {
                self.paragraph(parent, b);
            }
        }
        self.depth -= 1;
    }

    fn set_state(&mut self, s: &'static str) {
        self.state.push(s);
    }

    fn reset_state(&mut self) {
        self.state.pop();
    }

    fn is_state(&self, s: &str) -> bool {
        self.state.last() == Some(&s)
    }

    /// Last child of `parent` if it has tag `tag`.
    fn last_child_tagged(&self, parent: NodeId, tags: &[&str]) -> Option<NodeId> {
        self.tree
            .last_child(parent)
            .filter(|&c| tags.contains(&self.tree.tag(c)))
    }

    /// `pre` sibling whose first child is `code`: its `code` node.
    fn code_sibling(&self, parent: NodeId) -> Option<NodeId> {
        let pre = self.last_child_tagged(parent, &["pre"])?;
        let code = *self.tree.nodes[pre].children.first()?;
        (self.tree.tag(code) == "code").then_some(code)
    }
}
