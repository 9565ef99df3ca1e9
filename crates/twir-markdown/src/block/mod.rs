//! Block parsing: Python-Markdown's chain of line-based block processors.
//!
//! The document is split into blocks at blank lines (`"\n\n"`). For each
//! block the processors are tried in priority order; the first whose test
//! accepts it consumes it, possibly pushing remainders back in front.

mod defs;
mod lines;
mod lists;
mod simple;
mod table;

use std::collections::HashMap;
use std::rc::Rc;

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
    /// The line starts were examined (see `prescan`).
    pub const SCANNED: u8 = 32;
}

/// Bits of [`Block::shape`].
pub(crate) mod shape {
    /// The bits are set.
    pub const KNOWN: u8 = 1;
    /// The block is a single line.
    pub const ONE_LINE: u8 = 2;
    /// Its first line contains a `|`.
    pub const PIPE: u8 = 4;
}

/// Sets the negative flags of the searches that cannot succeed because no
/// line of the block starts (at most three spaces in) with the character
/// they need. One look at each line start replaces a search per processor;
/// the flags stay valid for the pieces the block is cut into, which always
/// start and end at line boundaries. Also notes the block's [`shape`].
fn prescan(b: &mut Block) {
    // The end of the first line, once searched for.
    let mut first_end: Option<Option<usize>> = None;
    if b.shape & shape::KNOWN == 0 {
        let t = b.text().as_bytes();
        let end = memchr::memchr(b'\n', t);
        first_end = Some(end);
        let mut sh = shape::KNOWN;
        if end.is_none() {
            sh |= shape::ONE_LINE;
        }
        if memchr::memchr(b'|', &t[..end.unwrap_or(t.len())]).is_some() {
            sh |= shape::PIPE;
        }
        b.shape = sh;
    }
    if b.neg & neg::SCANNED != 0 {
        return;
    }
    let t = b.text().as_bytes();
    let mut seen = 0u8;
    let mut s = 0;
    loop {
        let k = t[s..].iter().take(4).take_while(|&&c| c == b' ').count();
        match t.get(s + k) {
            Some(b'#') if k == 0 => seen |= neg::HASH,
            Some(b'-' | b'_' | b'*') if k <= 3 => seen |= neg::HR,
            Some(b'>') if k <= 3 => seen |= neg::QUOTE,
            Some(b'[') if k <= 3 => {
                seen |= neg::REFERENCE;
                if t.get(s + k + 1) == Some(&b'^') {
                    seen |= neg::FOOTNOTE;
                }
            }
            _ => {}
        }
        let next = match first_end.take() {
            Some(known) if s == 0 => known,
            _ => memchr::memchr(b'\n', &t[s..]),
        };
        match next {
            Some(n) => s += n + 1,
            None => break,
        }
    }
    let all = neg::HASH | neg::HR | neg::QUOTE | neg::FOOTNOTE | neg::REFERENCE;
    b.neg |= neg::SCANNED | (all & !seen);
}

/// A block of source lines awaiting processing: a range of a shared text,
/// so that cutting a block into pieces never copies the rest of it (a block
/// of thousands of headers would otherwise be copied once per header).
#[derive(Clone, Debug)]
pub(crate) struct Block {
    src: Rc<String>,
    start: usize,
    end: usize,
    pub neg: u8,
    /// Facts about this block's own first line ([`shape`] bits), not
    /// inherited by its pieces.
    pub shape: u8,
}

impl Block {
    /// A block holding all of `text`.
    pub(crate) fn owned(text: impl Into<Rc<String>>) -> Self {
        // `Rc<String>` rather than `Rc<str>`: wrapping moves the string
        // instead of copying the whole document.
        let src: Rc<String> = text.into();
        Block {
            end: src.len(),
            src,
            start: 0,
            neg: 0,
            shape: 0,
        }
    }

    /// The block's text.
    pub(crate) fn text(&self) -> &str {
        &self.src[self.start..self.end]
    }

    /// The part `a..b` (offsets into [`Block::text`]) as a block of its own.
    pub(crate) fn slice(&self, a: usize, b: usize, neg: u8) -> Block {
        Block {
            src: Rc::clone(&self.src),
            start: self.start + a,
            end: self.start + b,
            neg,
            shape: 0,
        }
    }

    /// `part`, which must be a subslice of [`Block::text`], as a block; any
    /// other string is copied.
    pub(crate) fn sub(&self, part: &str, neg: u8) -> Block {
        let text = self.text();
        let base = text.as_ptr() as usize;
        let at = part.as_ptr() as usize;
        if at >= base && at + part.len() <= base + text.len() {
            self.slice(at - base, at - base + part.len(), neg)
        } else {
            Block {
                neg,
                ..Block::owned(part.to_string())
            }
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
    /// Emptied block lists for reuse.
    spare: Vec<Blocks>,
}

impl Parser {
    /// A parser for a document of `len` bytes (sizes the tree).
    pub(crate) fn new(len: usize) -> Self {
        Parser {
            // The archive averages a node per 90 bytes.
            tree: Tree::new(len / 64 + 16),
            state: Vec::new(),
            refs: HashMap::new(),
            footnotes: Footnotes::default(),
            depth: 0,
            spare: Vec::new(),
        }
    }

    /// Parses `text` (already preprocessed) into the root.
    pub(crate) fn parse_document(&mut self, text: String) {
        self.parse_chunk(0, &Block::owned(text));
    }

    /// Parses the blocks (separated by blank lines) of `chunk` into `parent`.
    pub(crate) fn parse_chunk(&mut self, parent: NodeId, chunk: &Block) {
        let text = chunk.text();
        let mut blocks: Blocks = Vec::new();
        let mut start = 0;
        for sep in memchr::memmem::find_iter(text.as_bytes(), b"\n\n") {
            // Python's `split("\n\n")` does not reuse a newline for two
            // separators: "\n\n\n" is one separator then "\n".
            if sep < start {
                continue;
            }
            blocks.push(chunk.slice(start, sep, 0));
            start = sep + 2;
        }
        blocks.push(chunk.slice(start, text.len(), 0));
        blocks.reverse();
        self.run_blocks(parent, &mut blocks);
    }

    pub(crate) fn parse_blocks(&mut self, parent: NodeId, block: Block) {
        // Block lists are reused: one is needed per nested call, and most
        // calls (list items) handle a single block.
        let mut blocks = self.spare.pop().unwrap_or_default();
        blocks.push(block);
        self.run_blocks(parent, &mut blocks);
        self.spare.push(blocks);
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
            if let Some(b) = blocks.last_mut() {
                prescan(b);
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
