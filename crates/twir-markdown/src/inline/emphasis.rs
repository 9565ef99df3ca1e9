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
    Emphasis(EmIndex),
    Brackets(Brackets),
}

impl Scanner {
    pub(crate) fn new(pat: Pat, data: &str) -> Self {
        match pat {
            Pat::Backtick => Scanner::Backtick(Runs::new(data)),
            Pat::EmStrong => Scanner::Emphasis(EmIndex::new(data, b'*')),
            Pat::EmStrong2 => Scanner::Emphasis(EmIndex::new(data, b'_')),
            Pat::Reference
            | Pat::Link
            | Pat::ImageLink
            | Pat::ImageReference
            | Pat::ShortReference
            | Pat::ShortImageRef => Scanner::Brackets(Brackets::new(data)),
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
    pub(crate) fn try_at(&self, data: &str, p: usize, prev: Option<char>) -> Outcome {
        let Scanner::Emphasis(ix) = self else { return Outcome::NoMatch };
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
const NONE: u32 = u32::MAX;

/// "Next position at or after i where the predicate holds" tables.
pub(crate) struct EmIndex {
    c: u8,
    next1: Vec<u32>,
    next2: Vec<u32>,
    next3: Vec<u32>,
    /// Underscore only: valid single / double closers, middle markers and
    /// triple closers (word-boundary rules applied).
    close1: Vec<u32>,
    close2: Vec<u32>,
    mid: Vec<u32>,
    end3: Vec<u32>,
}

struct Match {
    end: usize,
    shape: usize,
    g2: (usize, usize),
    g3: Option<(usize, usize)>,
}

fn word_after(s: &str, i: usize) -> bool {
    s.get(i..).and_then(|r| r.chars().next()).is_some_and(is_word)
}

fn word_before(s: &str, i: usize) -> bool {
    s.get(..i).and_then(|r| r.chars().next_back()).is_some_and(is_word)
}

fn next_table(n: usize, pred: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut t = vec![NONE; n + 1];
    for i in (0..n).rev() {
        t[i] = if pred(i) { i as u32 } else { t[i + 1] };
    }
    t
}

impl EmIndex {
    fn new(s: &str, c: u8) -> Self {
        let b = s.as_bytes();
        let n = b.len();
        let at = |i: usize, k: usize| i + k <= n && b[i..i + k].iter().all(|&x| x == c);
        let next1 = next_table(n, |i| b[i] == c);
        let next2 = next_table(n, |i| at(i, 2));
        let next3 = next_table(n, |i| at(i, 3));
        let (close1, close2, mid, end3) = if c == b'_' {
            (
                next_table(n, |i| b[i] == c && (i == 0 || b[i - 1] != c) && !word_after(s, i + 1)),
                next_table(n, |i| at(i, 2) && (i == 0 || b[i - 1] != c) && !word_after(s, i + 2)),
                next_table(n, |i| b[i] == c && !word_before(s, i) && b.get(i + 1) != Some(&c)),
                next_table(n, |i| at(i, 3) && !word_after(s, i + 3)),
            )
        } else {
            Default::default()
        };
        EmIndex { c, next1, next2, next3, close1, close2, mid, end3 }
    }

    fn get(t: &[u32], i: usize) -> Option<usize> {
        t.get(i).copied().filter(|&v| v != NONE).map(|v| v as usize)
    }

    /// Does shape `shape` match at `p` (the text before `p` ends with `prev`)?
    fn matches(&self, s: &str, shape: usize, p: usize, prev: Option<char>) -> Option<Match> {
        let b = s.as_bytes();
        let c = self.c;
        let has = |i: usize, k: usize| i + k <= b.len() && b[i..i + k].iter().all(|&x| x == c);
        let smart = c == b'_';
        let n = |t: &[u32], i: usize| Self::get(t, i);
        let m = |end, g2, g3| Some(Match { end, shape, g2, g3 });
        match shape {
            // c c c (g2) c (g3) c c
            0 => {
                if !has(p, 3) {
                    return None;
                }
                let j = n(&self.next1, p + 4)?;
                let k = n(&self.next2, j + 1)?;
                m(k + 2, (p + 3, j), Some((j + 1, k)))
            }
            // c c c (g2) c c (g3) c
            1 => {
                if !has(p, 3) {
                    return None;
                }
                let j = n(&self.next2, p + 4)?;
                let k = n(&self.next1, j + 2)?;
                m(k + 1, (p + 3, j), Some((j + 2, k)))
            }
            // c c (g2) c (g3) c c c
            2 => {
                if !has(p, 2) || b.get(p + 2).is_none_or(|&x| x == c) || (smart && prev.is_some_and(is_word)) {
                    return None;
                }
                let j = if smart { n(&self.mid, p + 3)? } else { n(&self.next1, p + 2)? };
                if !smart && b.get(j + 1) == Some(&c) {
                    return None;
                }
                let k = if smart { n(&self.end3, j + 2)? } else { n(&self.next3, j + 2)? };
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
                    let j = n(&self.close2, p + 3)?;
                    return m(j + 2, (p + 2, j), None);
                }
                let j = n(&self.next2, p + 3)?;
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
                    let j = n(&self.close1, p + 2)?;
                    return m(j + 1, (p + 1, j), None);
                }
                let j = n(&self.next1, p + 1)?;
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
    let ix = EmIndex::new(data, c);
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
