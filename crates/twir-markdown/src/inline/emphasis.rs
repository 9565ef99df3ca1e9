//! Emphasis and strong emphasis with `*` and `_`.
//!
//! At a marker, five shapes are tried in order (`***a*b**`, `***a**b*`,
//! `**a*b***`, `**a**`, `*a*`); the first that matches wins and its content
//! is searched again for the later shapes only. Underscores additionally
//! refuse to open or close inside words. Each shape's closing marker is found
//! through "next occurrence" tables, so no attempt rescans the text.

use super::code::Runs;
use super::link::Brackets;
use super::{Outcome, PElem, Pat};
use crate::prep::is_word;

/// Per-pass lookup state for the patterns that need it.
pub(crate) enum Scanner {
    None,
    Backtick(Runs),
    Emphasis(Box<EmIndex>),
    Brackets(Brackets),
    /// Raw HTML: offset after which no comment is closed.
    Html(usize),
}

impl Scanner {
    pub(crate) fn new(pat: Pat, data: &str) -> Self {
        match pat {
            Pat::Backtick => Scanner::Backtick(Runs::new(data)),
            Pat::EmStrong => Scanner::Emphasis(Box::new(EmIndex::new(b'*'))),
            Pat::EmStrong2 => Scanner::Emphasis(Box::new(EmIndex::new(b'_'))),
            Pat::Reference
            | Pat::Link
            | Pat::ImageLink
            | Pat::ImageReference
            | Pat::ShortReference
            | Pat::ShortImageRef => Scanner::Brackets(Brackets::new(data)),
            Pat::Html => Scanner::Html(usize::MAX),
            _ => Scanner::None,
        }
    }

    pub(crate) fn runs(&self) -> Option<&Runs> {
        match self {
            Scanner::Backtick(r) => Some(r),
            _ => None,
        }
    }

    /// Tries the emphasis shapes at `p`; `prev` is the character before it.
    pub(crate) fn try_at(&mut self, data: &str, p: usize, prev: Option<char>) -> Outcome {
        let Scanner::Emphasis(ix) = self else {
            return Outcome::NoMatch;
        };
        for shape in 0..SHAPES {
            if let Some(m) = ix.matches(data, shape, p, prev) {
                let el = build(data, ix.c, &m);
                return Outcome::Elem(p, m.end, el);
            }
        }
        Outcome::NoMatch
    }
}

const SHAPES: usize = 5;

/// What a "next occurrence" query looks for.
#[derive(Clone, Copy)]
enum Find {
    /// A run of at least 1, 2 or 3 markers starting there.
    Run(usize),
    /// Underscore closers: `_` not after `_` and not before a word character.
    Close1,
    /// `__` not after `_` and not before a word character.
    Close2,
    /// `_` not after a word character and not before `_`.
    Mid,
    /// `___` not before a word character.
    End3,
}

const FINDS: usize = 7;

impl Find {
    fn slot(self) -> usize {
        match self {
            Find::Run(k) => k - 1,
            Find::Close1 => 3,
            Find::Close2 => 4,
            Find::Mid => 5,
            Find::End3 => 6,
        }
    }
}

/// Remembered answer of one kind of query: the first hit at or after `from`.
#[derive(Clone, Copy, Default)]
struct Cursor {
    from: usize,
    hit: Option<usize>,
    valid: bool,
}

/// Lazily answered "next position at or after i where …" queries. Each
/// shape keeps its own cursors; its queries only move forward, so the
/// scanning done per shape is linear in the text.
pub(crate) struct EmIndex {
    c: u8,
    cursors: [[Cursor; FINDS]; SHAPES],
}

struct Match {
    end: usize,
    shape: usize,
    g2: (usize, usize),
    g3: Option<(usize, usize)>,
}

fn word_after(s: &str, i: usize) -> bool {
    s.get(i..)
        .and_then(|r| r.chars().next())
        .is_some_and(is_word)
}

fn word_before(s: &str, i: usize) -> bool {
    s.get(..i)
        .and_then(|r| r.chars().next_back())
        .is_some_and(is_word)
}

impl EmIndex {
    fn new(c: u8) -> Self {
        EmIndex {
            c,
            cursors: [[Cursor::default(); FINDS]; SHAPES],
        }
    }

    fn holds(&self, s: &str, f: Find, i: usize) -> bool {
        let b = s.as_bytes();
        let c = self.c;
        let at = |i: usize, k: usize| i + k <= b.len() && b[i..i + k].iter().all(|&x| x == c);
        match f {
            Find::Run(k) => at(i, k),
            Find::Close1 => b[i] == c && (i == 0 || b[i - 1] != c) && !word_after(s, i + 1),
            Find::Close2 => at(i, 2) && (i == 0 || b[i - 1] != c) && !word_after(s, i + 2),
            Find::Mid => b[i] == c && !word_before(s, i) && b.get(i + 1) != Some(&c),
            Find::End3 => at(i, 3) && !word_after(s, i + 3),
        }
    }

    /// First position at or after `i` where `f` holds.
    fn next(&mut self, s: &str, shape: usize, f: Find, i: usize) -> Option<usize> {
        let cur = self.cursors[shape][f.slot()];
        if cur.valid && cur.from <= i && cur.hit.is_none_or(|h| i <= h) {
            return cur.hit;
        }
        let b = s.as_bytes();
        let mut j = i;
        let hit = loop {
            let Some(off) = b.get(j..).and_then(|r| memchr::memchr(self.c, r)) else {
                break None;
            };
            j += off;
            if self.holds(s, f, j) {
                break Some(j);
            }
            j += 1;
        };
        self.cursors[shape][f.slot()] = Cursor {
            from: i,
            hit,
            valid: true,
        };
        hit
    }

    /// Does shape `shape` match at `p` (the text before `p` ends with `prev`)?
    fn matches(&mut self, s: &str, shape: usize, p: usize, prev: Option<char>) -> Option<Match> {
        let b = s.as_bytes();
        let c = self.c;
        let has = |i: usize, k: usize| i + k <= b.len() && b[i..i + k].iter().all(|&x| x == c);
        let smart = c == b'_';
        let m = |end, g2, g3| Some(Match { end, shape, g2, g3 });
        match shape {
            // c c c (g2) c (g3) c c
            0 => {
                if !has(p, 3) {
                    return None;
                }
                let j = self.next(s, shape, Find::Run(1), p + 4)?;
                let k = self.next(s, shape, Find::Run(2), j + 1)?;
                m(k + 2, (p + 3, j), Some((j + 1, k)))
            }
            // c c c (g2) c c (g3) c
            1 => {
                if !has(p, 3) {
                    return None;
                }
                let j = self.next(s, shape, Find::Run(2), p + 4)?;
                let k = self.next(s, shape, Find::Run(1), j + 2)?;
                m(k + 1, (p + 3, j), Some((j + 2, k)))
            }
            // c c (g2) c (g3) c c c
            2 => {
                if !has(p, 2)
                    || b.get(p + 2).is_none_or(|&x| x == c)
                    || (smart && prev.is_some_and(is_word))
                {
                    return None;
                }
                let j = if smart {
                    self.next(s, shape, Find::Mid, p + 3)?
                } else {
                    self.next(s, shape, Find::Run(1), p + 2)?
                };
                if !smart && b.get(j + 1) == Some(&c) {
                    return None;
                }
                let k = self.next(
                    s,
                    shape,
                    if smart { Find::End3 } else { Find::Run(3) },
                    j + 2,
                )?;
                m(k + 3, (p + 2, j), Some((j + 1, k)))
            }
            // c c (g2) c c
            3 => {
                if !has(p, 2) {
                    return None;
                }
                if smart {
                    if prev.is_some_and(is_word) || b.get(p + 2).is_none_or(|&x| x == c) {
                        return None;
                    }
                    let j = self.next(s, shape, Find::Close2, p + 3)?;
                    return m(j + 2, (p + 2, j), None);
                }
                let j = self.next(s, shape, Find::Run(2), p + 3)?;
                m(j + 2, (p + 2, j), None)
            }
            // c (g2) c
            _ => {
                if b.get(p + 1).is_none_or(|&x| x == c) {
                    return None;
                }
                if smart {
                    if prev.is_some_and(is_word) {
                        return None;
                    }
                    let j = self.next(s, shape, Find::Close1, p + 2)?;
                    return m(j + 1, (p + 1, j), None);
                }
                let j = self.next(s, shape, Find::Run(1), p + 1)?;
                m(j + 1, (p + 1, j), None)
            }
        }
    }
}

/// Tags per shape: (outer, inner).
fn tags(shape: usize) -> (&'static str, Option<&'static str>) {
    match shape {
        0 => ("strong", Some("em")),
        1 => ("em", Some("strong")),
        2 => ("strong", Some("em")),
        3 => ("strong", None),
        _ => ("em", None),
    }
}

/// Builds the element for a match; group texts are searched for the later
/// shapes.
fn build(s: &str, c: u8, m: &Match) -> PElem {
    let (t1, t2) = tags(m.shape);
    let g2 = &s[m.g2.0..m.g2.1];
    let mut el1 = PElem::new(t1);
    match (t2, m.g3) {
        (None, _) => parse_sub(g2, c, &mut el1, false, m.shape),
        (Some(t2), g3) if m.shape == 2 => {
            let mut el2 = PElem::new(t2);
            parse_sub(g2, c, &mut el1, false, m.shape);
            if let Some((a, b)) = g3 {
                parse_sub(&s[a..b], c, &mut el2, false, m.shape);
            }
            el1.children.push((el2, String::new()));
        }
        (Some(t2), g3) => {
            let mut el2 = PElem::new(t2);
            parse_sub(g2, c, &mut el2, false, m.shape);
            el1.children.push((el2, String::new()));
            if let Some((a, b)) = g3 {
                parse_sub(&s[a..b], c, &mut el1, true, m.shape);
            }
        }
    }
    el1
}

/// Searches `data` for shapes after `shape`, appending matches to `parent`.
/// Text goes to the parent's text, or to the tail of its last child once
/// there is one (`use_last`: the last existing child counts).
fn parse_sub(data: &str, c: u8, parent: &mut PElem, use_last: bool, shape: usize) {
    let mut ix = EmIndex::new(c);
    let b = data.as_bytes();
    let mut has_last = use_last;
    let mut offset = 0;
    let mut pos = 0;
    let put_text = |parent: &mut PElem, has_last: bool, text: &str| {
        if text.is_empty() {
            return;
        }
        match parent.children.last_mut() {
            Some(last) if has_last => last.1 = text.to_string(),
            _ => parent.text = text.to_string(),
        }
    };
    while pos < b.len() {
        if b[pos] != c {
            pos += 1;
            continue;
        }
        let mut matched = false;
        for sh in shape + 1..SHAPES {
            let prev = data[..pos].chars().next_back();
            if pos < b.len()
                && b[pos] == c
                && let Some(m) = ix.matches(data, sh, pos, prev)
            {
                put_text(parent, has_last, &data[offset..pos]);
                let el = build(data, c, &m);
                parent.children.push((el, String::new()));
                has_last = true;
                offset = m.end;
                pos = m.end;
                matched = true;
            }
        }
        if !matched {
            pos += 1;
        }
    }
    put_text(parent, has_last, &data[offset..]);
}
