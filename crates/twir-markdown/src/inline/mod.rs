//! Inline processing: Python-Markdown's ordered inline patterns.
//!
//! Each pattern runs as one left-to-right pass over the text; a match is
//! replaced by a placeholder (`STX 'k' index ETX`) so later patterns see it as
//! opaque. Text inside a matched element is processed by the patterns after
//! the one that matched. This ordering (code spans, escapes, links, raw HTML,
//! then emphasis) is what makes Python-Markdown's results differ from
//! CommonMark's, so it is kept as is.

mod code;
mod emphasis;
mod link;
mod output;
mod simple;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::block::{Footnotes, RefDef};
use crate::stash::{ETX, STX, Stash};
use crate::tree::Inline;

/// The attributes of an inline element: at most three (`img` has `alt`,
/// `src` and `title`), kept inline so that an element allocates no list.
#[derive(Debug, Default)]
pub(crate) struct Attrs {
    items: [(&'static str, String); 3],
    len: usize,
}

impl Attrs {
    pub(crate) fn push(&mut self, attr: (&'static str, String)) {
        // Patterns set at most three attributes; a fourth has no slot.
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = attr;
            self.len += 1;
        }
    }

    pub(crate) fn as_slice(&self) -> &[(&'static str, String)] {
        &self.items[..self.len]
    }

    fn into_vec(self) -> Vec<(&'static str, String)> {
        self.items.into_iter().take(self.len).collect()
    }
}

/// An element built by a pattern, before its placeholders are expanded.
#[derive(Debug, Default)]
pub(crate) struct PElem {
    pub tag: &'static str,
    pub attrs: Attrs,
    pub text: String,
    /// Nested elements, each with the text that follows it.
    pub children: Vec<(PElem, String)>,
    /// Text is final (code spans, autolinks).
    pub atomic: bool,
}

impl PElem {
    pub(crate) fn new(tag: &'static str) -> Self {
        PElem {
            tag,
            ..PElem::default()
        }
    }
}

enum Stashed {
    Elem(PElem),
    Text(String),
}

/// Result of trying a pattern at one position.
pub(crate) enum Outcome {
    /// No match here; try the next candidate position.
    NoMatch,
    /// No match, and the pattern resumes its search at this offset.
    Skip(usize),
    /// `data[start..end]` becomes an element.
    Elem(usize, usize, PElem),
    /// `data[start..end]` becomes literal text, hidden from later patterns.
    Text(usize, usize, String),
    /// `data[start..end]` is replaced by this string, left visible.
    Raw(usize, usize, String),
}

/// The patterns in Python-Markdown's priority order.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Pat {
    Backtick,
    Escape,
    FootnoteRef,
    Reference,
    Link,
    ImageLink,
    ImageReference,
    ShortReference,
    ShortImageRef,
    Autolink,
    Automail,
    Linebreak,
    Html,
    Entity,
    NotStrong,
    EmStrong,
    EmStrong2,
}

const PATTERNS: [Pat; 17] = [
    Pat::Backtick,
    Pat::Escape,
    Pat::FootnoteRef,
    Pat::Reference,
    Pat::Link,
    Pat::ImageLink,
    Pat::ImageReference,
    Pat::ShortReference,
    Pat::ShortImageRef,
    Pat::Autolink,
    Pat::Automail,
    Pat::Linebreak,
    Pat::Html,
    Pat::Entity,
    Pat::NotStrong,
    Pat::EmStrong,
    Pat::EmStrong2,
];

/// Bits of [`presence`]: which trigger bytes a text contains.
mod has {
    pub const BACKTICK: u32 = 1;
    pub const BACKSLASH: u32 = 2;
    pub const BRACKET: u32 = 4;
    pub const BANG: u32 = 8;
    pub const LT: u32 = 16;
    pub const NEWLINE: u32 = 32;
    pub const AMP: u32 = 64;
    pub const STAR: u32 = 128;
    pub const UNDERSCORE: u32 = 256;
    /// The pattern triggers above; the bits below are facts for callers.
    pub const TRIGGERS: u32 = 511;
    /// `{`: an attribute list may follow an element.
    pub const BRACE: u32 = 512;
}

/// Trigger byte classes, indexed by byte.
const CLASS: [u32; 256] = {
    let mut t = [0u32; 256];
    t[b'`' as usize] = has::BACKTICK;
    t[b'\\' as usize] = has::BACKSLASH;
    t[b'[' as usize] = has::BRACKET;
    t[b'!' as usize] = has::BANG;
    t[b'<' as usize] = has::LT;
    t[b'\n' as usize] = has::NEWLINE;
    t[b'&' as usize] = has::AMP;
    t[b'*' as usize] = has::STAR;
    t[b'_' as usize] = has::UNDERSCORE;
    t[b'{' as usize] = has::BRACE;
    t
};

/// The trigger bytes present in `b`, as [`has`] bits (byte pairs are
/// checked with [`contains`] when their bytes are present). Four
/// independent accumulators keep the lookups from waiting on each other.
fn presence(b: &[u8]) -> u32 {
    let mut m = [0u32; 4];
    let mut chunks = b.chunks_exact(4);
    for c in &mut chunks {
        m[0] |= CLASS[c[0] as usize];
        m[1] |= CLASS[c[1] as usize];
        m[2] |= CLASS[c[2] as usize];
        m[3] |= CLASS[c[3] as usize];
    }
    let rest = chunks
        .remainder()
        .iter()
        .fold(0, |acc, &c| acc | CLASS[c as usize]);
    m[0] | m[1] | m[2] | m[3] | rest
}

/// Whether `data` contains the short `needle` (a substring searcher costs
/// more to set up than these texts take to scan).
fn contains(data: &str, needle: &[u8]) -> bool {
    let b = data.as_bytes();
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    memchr::memchr_iter(first, b).any(|i| b[i + 1..].starts_with(rest))
}

/// For each [`has`] bit (by position), the patterns (bits by index in
/// [`PATTERNS`]) that need that byte.
const PATTERNS_BY_TRIGGER: [u32; 9] = {
    let mut t = [0u32; 9];
    let mut i = 0;
    while i < PATTERNS.len() {
        let need = PATTERNS[i].needs();
        let mut bit = 0;
        while bit < 9 {
            if need & (1 << bit) != 0 {
                t[bit] |= 1 << i;
            }
            bit += 1;
        }
        i += 1;
    }
    t
};

/// The patterns that can match in a text with the trigger bytes `mask`.
fn candidates(mask: u32) -> u32 {
    let mut out = 0;
    let mut m = mask & has::TRIGGERS;
    while m != 0 {
        out |= PATTERNS_BY_TRIGGER[m.trailing_zeros() as usize];
        m &= m - 1;
    }
    out
}

/// Whether some `]` is followed by `[`, directly or after one whitespace
/// character, as `[text][id]` and `[text] [id]` need (non-ASCII after `]`
/// counts as a possible space).
fn may_be_full_ref(data: &str) -> bool {
    let b = data.as_bytes();
    memchr::memchr_iter(b']', b).any(|i| match b.get(i + 1) {
        Some(b'[') => true,
        Some(&c) if c >= 0x80 => true,
        Some(&c) if is_space(c as char) => b.get(i + 2) == Some(&b'['),
        _ => false,
    })
}

impl Pat {
    /// The [`has`] bits of the bytes the pattern's matches start with.
    const fn needs(self) -> u32 {
        match self {
            Pat::Backtick => has::BACKTICK,
            Pat::Escape => has::BACKSLASH,
            Pat::FootnoteRef | Pat::Reference | Pat::Link | Pat::ShortReference => has::BRACKET,
            Pat::ImageLink | Pat::ImageReference | Pat::ShortImageRef => has::BANG,
            Pat::Autolink | Pat::Automail | Pat::Html => has::LT,
            Pat::Linebreak => has::NEWLINE,
            Pat::Entity => has::AMP,
            Pat::NotStrong => has::STAR | has::UNDERSCORE,
            Pat::EmStrong => has::STAR,
            Pat::EmStrong2 => has::UNDERSCORE,
        }
    }

    /// The byte every match of the pattern starts with (or contains first).
    fn trigger(self) -> &'static [u8] {
        match self {
            Pat::Backtick => b"`",
            Pat::Escape => b"\\",
            Pat::FootnoteRef | Pat::Reference | Pat::Link | Pat::ShortReference => b"[",
            Pat::ImageLink | Pat::ImageReference | Pat::ShortImageRef => b"!",
            Pat::Autolink | Pat::Automail | Pat::Html => b"<",
            Pat::Linebreak => b"\n",
            Pat::Entity => b"&",
            Pat::NotStrong => b"*_",
            Pat::EmStrong => b"*",
            Pat::EmStrong2 => b"_",
        }
    }
}

/// Largest element list kept for the next document.
const KEEP_NODES: usize = 1 << 15;

thread_local! {
    /// Element list and spare strings of the last document on this thread.
    static SPARE: RefCell<(Vec<Stashed>, Vec<String>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

impl Drop for Inliner<'_> {
    fn drop(&mut self) {
        let mut nodes = std::mem::take(&mut self.nodes);
        nodes.clear();
        let spare = std::mem::take(&mut self.spare);
        if nodes.capacity() <= KEEP_NODES {
            // Not available while the thread is exiting: then just drop.
            let _ = SPARE.try_with(|s| *s.borrow_mut() = (nodes, spare));
        }
    }
}

/// Bound on re-running the raw HTML pattern for nested `<a<b>>` shapes.
const MAX_HTML_RESTARTS: usize = 8;

/// Inline processing context for one document.
pub(crate) struct Inliner<'a> {
    pub refs: &'a HashMap<String, RefDef>,
    pub footnotes: &'a Footnotes,
    pub stash: &'a mut Stash,
    nodes: Vec<Stashed>,
    /// Emptied strings for reuse: a pass's output, a link's text and
    /// target live briefly, and recycling them spares an allocation each.
    spare: Vec<String>,
}

impl<'a> Inliner<'a> {
    pub(crate) fn new(
        refs: &'a HashMap<String, RefDef>,
        footnotes: &'a Footnotes,
        stash: &'a mut Stash,
        len: usize,
    ) -> Self {
        Inliner {
            refs,
            footnotes,
            stash,
            // The archive averages an inline element per 45 bytes. The
            // lists of the previous document on this thread are reused.
            nodes: {
                let mut v = SPARE
                    .try_with(|s| std::mem::take(&mut s.borrow_mut().0))
                    .unwrap_or_default();
                v.reserve(len / 32 + 16);
                v
            },
            spare: SPARE
                .try_with(|s| std::mem::take(&mut s.borrow_mut().1))
                .unwrap_or_default(),
        }
    }

    /// Processes Markdown inline text into inline content: a tree when
    /// `keep_tree` (later steps read or edit it) or when attribute lists may
    /// apply, else the finished HTML.
    /// When HTML is made, it is appended to `html` and `None` returned.
    pub(crate) fn process(
        &mut self,
        text: Cow<'_, str>,
        keep_tree: bool,
        html: &mut String,
    ) -> Option<Vec<Inline>> {
        let mask = presence(text.as_bytes());
        let braces = mask & has::BRACE != 0;
        let data = self.handle_masked(text, 0, mask);
        if !keep_tree && !braces {
            self.render_into(&data, html);
            self.recycle_cow(data);
            return None;
        }
        Some(self.process_tree(data, braces))
    }

    fn process_tree(&mut self, data: Cow<'_, str>, braces: bool) -> Vec<Inline> {
        if memchr::memchr(STX as u8, data.as_bytes()).is_none() {
            // Nothing was replaced: the text is the content.
            return if data.is_empty() {
                Vec::new()
            } else {
                vec![Inline::Text(data.into_owned())]
            };
        }
        let mut out = Vec::new();
        self.expand(&data, &mut out);
        if braces {
            crate::attrs::apply_inline(&mut out);
        }
        out
    }

    /// Whether `pat` can match anywhere in `data`, whose trigger bytes are
    /// `mask`. Most texts hold only some triggers, and reference patterns
    /// cannot match in a document without definitions, so most passes are
    /// skipped without a scan.
    fn may_match(&self, pat: Pat, mask: u32, data: &str) -> bool {
        let any = |bits: u32| mask & bits != 0;
        match pat {
            Pat::Backtick => any(has::BACKTICK),
            Pat::Escape => any(has::BACKSLASH),
            Pat::FootnoteRef => {
                !self.footnotes.entries.is_empty() && any(has::BRACKET) && contains(data, b"[^")
            }
            Pat::Reference => !self.refs.is_empty() && any(has::BRACKET) && may_be_full_ref(data),
            Pat::ShortReference => !self.refs.is_empty() && any(has::BRACKET),
            Pat::ImageReference | Pat::ShortImageRef => {
                !self.refs.is_empty() && any(has::BANG) && contains(data, b"![")
            }
            // Most texts with a bracket hold links: a `](` precheck would
            // scan them once more for nothing.
            Pat::Link => any(has::BRACKET),
            Pat::ImageLink => any(has::BANG) && contains(data, b"!["),
            Pat::Autolink | Pat::Automail | Pat::Html => any(has::LT),
            Pat::Linebreak => {
                // Search for the rare newline, not the common space.
                let b = data.as_bytes();
                any(has::NEWLINE) && memchr::memchr_iter(b'\n', b).any(|i| b[..i].ends_with(b"  "))
            }
            Pat::Entity => any(has::AMP),
            Pat::NotStrong => any(has::STAR | has::UNDERSCORE),
            Pat::EmStrong => any(has::STAR),
            Pat::EmStrong2 => any(has::UNDERSCORE),
        }
    }

    /// Runs the patterns from index `from` on `data` (copied only once a
    /// pass changes it).
    fn handle<'t>(&mut self, data: Cow<'t, str>, from: usize) -> Cow<'t, str> {
        let mask = presence(data.as_bytes());
        self.handle_masked(data, from, mask)
    }

    /// [`Inliner::handle`] with the [`presence`] mask of `data` known.
    fn handle_masked<'t>(
        &mut self,
        mut data: Cow<'t, str>,
        from: usize,
        mask: u32,
    ) -> Cow<'t, str> {
        // Passes only remove text or add placeholders, so trigger bytes
        // absent now stay absent: the mask of the original text stays a
        // safe (if generous) filter, and rescanning after each change costs
        // more than the passes it would spare.
        // Only the patterns whose trigger bytes occur are looked at.
        let mut todo = candidates(mask) & (u32::MAX << from);
        while todo != 0 {
            let idx = todo.trailing_zeros() as usize;
            todo &= todo - 1;
            let pat = PATTERNS[idx];
            if !self.may_match(pat, mask, &data) {
                continue;
            }
            if let Some(next) = self.apply(idx, pat, &data) {
                self.recycle_cow(std::mem::replace(&mut data, Cow::Owned(next)));
            }
            if pat == Pat::Html {
                // Python-Markdown restarts its search after every match, so a
                // `<` that failed because a nested tag followed can match once
                // that tag is a placeholder. Repeat (bounded) while that helps.
                for _ in 0..MAX_HTML_RESTARTS {
                    let before = data.len();
                    if let Some(next) = self.apply(idx, pat, &data) {
                        self.recycle_cow(std::mem::replace(&mut data, Cow::Owned(next)));
                    }
                    if data.len() == before {
                        break;
                    }
                }
            }
        }
        data
    }

    /// One pass of `pat` over `data`: the new text, if anything changed.
    fn apply(&mut self, idx: usize, pat: Pat, data: &str) -> Option<String> {
        let trig = pat.trigger();
        let bytes = data.as_bytes();
        // The first candidate; later ones are searched for in the loop.
        let mut found = match trig {
            [a] => memchr::memchr(*a, bytes),
            [a, b] => memchr::memchr2(*a, *b, bytes),
            _ => None,
        };
        found?;
        let mut scan = emphasis::Scanner::new(pat, data);
        // Allocated at the first replacement.
        let mut out = String::new();
        let mut copied = 0;
        let mut pos = 0;
        while pos < bytes.len() {
            let next = match found.take() {
                Some(first) => Some(first),
                None => match trig {
                    [a] => memchr::memchr(*a, &bytes[pos..]).map(|n| pos + n),
                    [a, b] => memchr::memchr2(*a, *b, &bytes[pos..]).map(|n| pos + n),
                    _ => None,
                },
            };
            let Some(p) = next else {
                break;
            };
            // What precedes `p` after earlier replacements in this pass.
            let before = Before {
                copied,
                out_last: out.chars().next_back(),
            };
            let outcome = self.try_at(pat, data, p, before, &mut scan);
            if matches!(
                outcome,
                Outcome::Elem(..) | Outcome::Text(..) | Outcome::Raw(..)
            ) && out.capacity() == 0
            {
                out = self.new_string(data.len() + 16);
            }
            match outcome {
                Outcome::NoMatch => pos = p + 1,
                Outcome::Skip(end) => pos = end.max(p + 1),
                Outcome::Elem(start, end, mut el) => {
                    if !el.atomic {
                        self.process_children(&mut el, idx);
                    }
                    out.push_str(&data[copied..start]);
                    self.push_node(Stashed::Elem(el), &mut out);
                    copied = end;
                    pos = end;
                }
                Outcome::Text(start, end, text) => {
                    out.push_str(&data[copied..start]);
                    self.push_node(Stashed::Text(text), &mut out);
                    copied = end;
                    pos = end;
                }
                Outcome::Raw(start, end, text) => {
                    out.push_str(&data[copied..start]);
                    out.push_str(&text);
                    copied = end;
                    pos = end;
                }
            }
        }
        if copied == 0 {
            return None;
        }
        out.push_str(&data[copied..]);
        Some(out)
    }

    /// Text of a new element goes through the later patterns; text after
    /// its nested elements through the same pattern again.
    fn process_children(&mut self, el: &mut PElem, idx: usize) {
        if !el.text.is_empty() {
            el.text = self
                .handle(Cow::Owned(std::mem::take(&mut el.text)), idx + 1)
                .into_owned();
        }
        for (child, tail) in &mut el.children {
            if !child.text.is_empty() && !child.atomic {
                child.text = self
                    .handle(Cow::Owned(std::mem::take(&mut child.text)), idx + 1)
                    .into_owned();
            }
            if !tail.is_empty() {
                *tail = self
                    .handle(Cow::Owned(std::mem::take(tail)), idx)
                    .into_owned();
            }
        }
    }

    /// An empty string with room for `cap` bytes, reused if possible.
    pub(crate) fn new_string(&mut self, cap: usize) -> String {
        // Growing a too small buffer costs more than a fresh one.
        match self.spare.last() {
            Some(s) if s.capacity() >= cap => self.spare.pop().unwrap_or_default(),
            _ => String::with_capacity(cap),
        }
    }

    /// Keeps `s`'s buffer for [`Inliner::new_string`].
    pub(crate) fn recycle(&mut self, mut s: String) {
        if s.capacity() > 0 && self.spare.len() < 64 {
            s.clear();
            self.spare.push(s);
        }
    }

    fn recycle_cow(&mut self, s: Cow<'_, str>) {
        if let Cow::Owned(s) = s {
            self.recycle(s);
        }
    }

    fn push_node(&mut self, node: Stashed, out: &mut String) {
        self.nodes.push(node);
        out.push(STX);
        out.push('k');
        crate::stash::push_decimal(out, self.nodes.len() - 1);
        out.push(ETX);
    }

    fn try_at(
        &mut self,
        pat: Pat,
        data: &str,
        p: usize,
        before: Before,
        scan: &mut emphasis::Scanner,
    ) -> Outcome {
        if let emphasis::Scanner::Brackets(br) = scan {
            // Python-Markdown's NOIMG: a `[` right after `!` only starts an image.
            let after_bang = p > 0 && data.as_bytes()[p - 1] == b'!';
            if after_bang && matches!(pat, Pat::Reference | Pat::Link | Pat::ShortReference) {
                return Outcome::NoMatch;
            }
            return match pat {
                Pat::Reference => self.reference(data, p, false, false, br),
                Pat::Link => self.link(data, p, false, br),
                Pat::ImageLink => self.link(data, p, true, br),
                Pat::ImageReference => self.reference(data, p, true, false, br),
                Pat::ShortReference => self.reference(data, p, false, true, br),
                Pat::ShortImageRef => self.reference(data, p, true, true, br),
                _ => Outcome::NoMatch,
            };
        }
        match pat {
            Pat::Backtick => match scan.runs() {
                Some(runs) => code::backtick(data, p, before, runs),
                None => Outcome::NoMatch,
            },
            Pat::Escape => code::escape(data, p),
            Pat::FootnoteRef => self.footnote_ref(data, p),
            Pat::Reference
            | Pat::Link
            | Pat::ImageLink
            | Pat::ImageReference
            | Pat::ShortReference
            | Pat::ShortImageRef => Outcome::NoMatch,
            Pat::Autolink => self.autolink(data, p),
            Pat::Automail => self.automail(data, p),
            Pat::Linebreak => simple::linebreak(data, p),
            Pat::Html => match scan {
                emphasis::Scanner::Html(no_close_from) => self.html(data, p, no_close_from),
                _ => Outcome::NoMatch,
            },
            Pat::Entity => self.entity(data, p),
            Pat::NotStrong => simple::not_strong(data, p, before.char_before(data, p)),
            Pat::EmStrong | Pat::EmStrong2 => scan.try_at(data, p, before.char_before(data, p)),
        }
    }
}

/// What the text looks like before a position once this pass's earlier
/// replacements are taken into account (lookbehinds see placeholders).
#[derive(Clone, Copy)]
pub(crate) struct Before {
    pub(crate) copied: usize,
    out_last: Option<char>,
}

impl Before {
    /// The character before `i` in the current text.
    pub(crate) fn char_before(self, data: &str, i: usize) -> Option<char> {
        if i == self.copied && i > 0 {
            self.out_last
        } else {
            data[..i].chars().next_back()
        }
    }
}

/// Python's `str.isspace()` for one character.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}
