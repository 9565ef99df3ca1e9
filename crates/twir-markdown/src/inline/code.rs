//! Code spans and backslash escapes.

use super::{Before, Outcome, PElem};

/// Characters a backslash escapes (Python-Markdown with `extra`).
pub(crate) const ESCAPABLE: &[u8] = b"\\`*_{}[]()>#+-.!|";

/// Placeholder text for an escaped character.
pub(crate) fn escaped(c: char) -> String {
    format!("\u{2}{}\u{3}", c as u32)
}

/// At a backtick run starting at `p`: a code span, or pairs of backslashes
/// before it that stand for literal backslashes.
pub(crate) fn backtick(data: &str, p: usize, before: Before, runs: &Runs) -> Outcome {
    let b = data.as_bytes();
    // The memchr candidate may sit inside a run; only whole runs start here.
    if p > before.copied && b[p - 1] == b'`' {
        return Outcome::NoMatch;
    }
    // Backslashes already replaced in this pass no longer count.
    let slashes = b[before.copied..p]
        .iter()
        .rev()
        .take_while(|&&c| c == b'\\')
        .count();
    let run = b[p..].iter().take_while(|&&c| c == b'`').count();
    let mut open = p;
    if slashes > 0 {
        let s = p - slashes;
        if slashes % 2 == 0 {
            // Escaped backslashes: each pair is one literal backslash. The
            // span itself is matched again on the next candidate.
            let text: String = (0..slashes / 2)
                .map(|_| super::code::escaped('\\'))
                .collect();
            return Outcome::Text(s, p, text);
        }
        if slashes % 2 == 1 {
            if run == 1 {
                return Outcome::Skip(p + 1);
            }
            // The first backtick is escaped; a span may open right after it.
            open = p + 1;
        }
    }
    let avail = p + run - open;
    for k in (1..=avail).rev() {
        if let Some(close) = runs.next_run(p + run, k) {
            let content = &data[open + k..close];
            let content = content.trim_matches(super::is_space);
            let mut el = PElem::new("code");
            el.atomic = true;
            twir_escape::push_html_text(&mut el.text, content);
            return Outcome::Elem(open, close + k, el);
        }
    }
    Outcome::Skip(p + run)
}

/// The maximal backtick runs of a text, by length, for finding closers
/// without rescanning.
#[derive(Default)]
pub(crate) struct Runs {
    /// (run length, start), sorted.
    runs: Vec<(usize, usize)>,
}

impl Runs {
    pub(crate) fn new(data: &str) -> Self {
        let b = data.as_bytes();
        let mut runs = Vec::new();
        let mut i = 0;
        while let Some(off) = memchr::memchr(b'`', &b[i..]) {
            let s = i + off;
            let n = b[s..].iter().take_while(|&&c| c == b'`').count();
            runs.push((n, s));
            i = s + n;
        }
        runs.sort_unstable();
        Runs { runs }
    }

    /// Start of the first run of exactly `k` backticks at or after `from`.
    fn next_run(&self, from: usize, k: usize) -> Option<usize> {
        let i = self.runs.partition_point(|&r| r < (k, from));
        self.runs.get(i).filter(|r| r.0 == k).map(|r| r.1)
    }
}

/// A backslash before an escapable character.
pub(crate) fn escape(data: &str, p: usize) -> Outcome {
    let Some(c) = data[p + 1..].chars().next() else {
        return Outcome::NoMatch;
    };
    let end = p + 1 + c.len_utf8();
    if c.is_ascii() && ESCAPABLE.contains(&(c as u8)) {
        Outcome::Raw(p, end, escaped(c))
    } else {
        Outcome::Skip(end)
    }
}
