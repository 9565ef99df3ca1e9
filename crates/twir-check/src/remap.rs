//! Pointing diagnostics of a rewritten text back at the text it was made from: `twir publish`
//! checks the issue exactly as it would ship (filled, pruned, formatted) but reports every
//! problem at the draft's own line, which is the one the editor opens.
//!
//! Lines are matched with a line diff: an unchanged line maps to itself, a line the rewrite
//! moved (a sorted event) to the same text elsewhere, a changed line (a filled placeholder)
//! to the draft line it replaced. Within an unchanged line the columns are kept; otherwise
//! the diagnostic's own text is looked up in the draft line, else the whole line is shown.

use similar::{DiffOp, TextDiff};
use std::collections::HashMap;
use twir_content::{LineIndex, Span};

use crate::diagnostic::Diagnostic;

/// Maps lines (0-based) of a rewritten text to lines of its original.
pub struct LineMap<'a> {
    old: &'a str,
    new: &'a str,
    old_idx: LineIndex,
    new_idx: LineIndex,
    /// For each new line: the old line and whether its text is the same.
    map: Vec<(usize, bool)>,
}

impl<'a> LineMap<'a> {
    /// Builds the map from `old` (the draft) to `new` (the rewritten text).
    pub fn new(old: &'a str, new: &'a str) -> LineMap<'a> {
        let old_idx = LineIndex::new(old);
        let new_idx = LineIndex::new(new);
        let old_lines: Vec<&str> = line_texts(old, &old_idx);
        let new_lines: Vec<&str> = line_texts(new, &new_idx);
        // Unchanged lines that the diff could not align (moved ones) are found by their text.
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, l) in old_lines.iter().enumerate() {
            by_text.entry(l).or_default().push(i);
        }
        let diff = TextDiff::from_slices(&old_lines, &new_lines);
        let mut map = vec![(0usize, false); new_lines.len()];
        for op in diff.ops() {
            match *op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => {
                    for k in 0..len {
                        map[new_index + k] = (old_index + k, true);
                    }
                }
                DiffOp::Delete { .. } => {}
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => {
                    for k in 0..new_len {
                        map[new_index + k] =
                            (old_index.min(old_lines.len().saturating_sub(1)), false);
                    }
                }
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    for k in 0..new_len {
                        map[new_index + k] = (old_index + k.min(old_len.saturating_sub(1)), false);
                    }
                }
            }
        }
        for (i, slot) in map.iter_mut().enumerate() {
            if slot.1 {
                continue;
            }
            let text = new_lines[i];
            if text.trim().is_empty() {
                continue;
            }
            if let Some(cands) = by_text.get(text) {
                // The candidate nearest the diff's estimate.
                if let Some(&best) = cands.iter().min_by_key(|&&c| c.abs_diff(slot.0)) {
                    *slot = (best, true);
                }
            }
        }
        LineMap {
            old,
            new,
            old_idx,
            new_idx,
            map,
        }
    }

    /// The offset in the original text for `offset` of the rewritten one, given the text the
    /// diagnostic is about (`what`) to find in a changed line.
    fn offset(&self, offset: usize, what: &str) -> usize {
        let line = self.new_idx.line_of(offset); // 1-based
        let Some(&(old_line0, same)) = self.map.get(line - 1) else {
            return self.old.len();
        };
        let old_start = self.old_idx.line_start(old_line0 + 1);
        let old_text = self.old_idx.line_text(self.old, old_line0 + 1);
        let col = offset - self.new_idx.line_start(line);
        if same {
            return (old_start + col).min(old_start + old_text.len());
        }
        match (!what.is_empty()).then(|| old_text.find(what)).flatten() {
            Some(at) => old_start + at,
            None => old_start,
        }
    }

    /// `span` of the rewritten text, in the original.
    pub fn span(&self, span: Span) -> Span {
        let what = self
            .new
            .get(span.start..span.end)
            .unwrap_or("")
            .lines()
            .next()
            .unwrap_or("");
        let start = self.offset(span.start, what);
        let line = self.new_idx.line_of(span.start);
        let same = self.map.get(line - 1).is_some_and(|m| m.1);
        let end = if same && self.new_idx.line_of(span.end) == line {
            start + span.len()
        } else if !what.is_empty() && self.old[start..].starts_with(what) {
            start + what.len()
        } else {
            // The whole original line.
            let l = self.old_idx.line_of(start);
            self.old_idx.line_start(l) + self.old_idx.line_text(self.old, l).len()
        };
        Span::new(start, end.max(start).min(self.old.len()))
    }

    /// The diagnostics of the rewritten text, pointing into the original. Fixes, which edit
    /// the rewritten text, are dropped.
    pub fn diagnostics(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .map(|mut d| {
                d.span = self.span(d.span);
                d.fix = None;
                d
            })
            .collect()
    }
}

fn line_texts<'s>(src: &'s str, idx: &LineIndex) -> Vec<&'s str> {
    (1..=idx.line_count())
        .map(|l| idx.line_text(src, l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn at(src: &str, needle: &str) -> Span {
        let s = src.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    #[test]
    fn maps_unchanged_moved_and_filled_lines() {
        let old = "Title: x\n\n## A\n\n### Empty\n\n### B\n- [b](https://b//x)\n\n<small>[Discuss](REDDIT_LINK_HERE)</small>\n<!-- QOTW goes here -->\n";
        let new = "Title: x\n\n## A\n\n### B\n* [b](https://b//x)\n\n<small>[Discuss](https://r.example/t)</small>\n<!-- QOTW goes here -->\n";
        let m = LineMap::new(old, new);
        // Unchanged line, shifted up by the removed section.
        assert_eq!(
            m.span(at(new, "<!-- QOTW goes here -->")),
            at(old, "<!-- QOTW goes here -->")
        );
        // A changed line (the bullet): the URL is found in the draft's line.
        assert_eq!(m.span(at(new, "https://b//x")), at(old, "https://b//x"));
        // A filled placeholder line maps to its draft line, whole.
        let s = m.span(at(new, "https://r.example/t"));
        assert_eq!(s, at(old, "<small>[Discuss](REDDIT_LINK_HERE)</small>"));
        let d = Diagnostic::new("x", Severity::Error, at(new, "### B"), "m");
        assert_eq!(m.diagnostics(vec![d])[0].span, at(old, "### B"));
    }
}
