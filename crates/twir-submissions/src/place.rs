//! Applying a pull request's hunks to the current draft, which has usually moved on since the
//! pull request was opened: hunks whose old side is still in the draft apply exactly; otherwise
//! each run of added lines goes next to the nearest context line that can still be found.

use crate::patch::{Hunk, HunkLine};

/// The draft with a pull request's changes applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The resulting text.
    pub text: String,
    /// 1-based line numbers (in `text`) of the lines the pull request added, in order.
    pub added_lines: Vec<usize>,
    /// Lines the pull request removes or changes (whether or not they were found).
    pub removed: Vec<String>,
    /// Added lines that could not be placed anywhere (no context line of their hunk is left).
    pub unplaced: Vec<String>,
    /// True when every hunk applied exactly where its context is.
    pub exact: bool,
}

#[derive(Debug, Clone)]
struct Line {
    text: String,
    added: bool,
}

/// Applies `hunks` to `draft`.
pub fn apply(draft: &str, hunks: &[Hunk]) -> Applied {
    let trailing_newline = draft.ends_with('\n') || draft.is_empty();
    let body = draft.strip_suffix('\n').unwrap_or(draft);
    let mut lines: Vec<Line> = if draft.is_empty() {
        Vec::new()
    } else {
        body.split('\n')
            .map(|t| Line {
                text: t.to_string(),
                added: false,
            })
            .collect()
    };
    let mut out = Applied {
        text: String::new(),
        added_lines: Vec::new(),
        removed: Vec::new(),
        unplaced: Vec::new(),
        exact: true,
    };
    // Lines the earlier hunks added minus those they removed, to shift later hunks' positions.
    let mut delta: isize = 0;
    for hunk in hunks {
        out.removed.extend(hunk.removed().map(str::to_string));
        let expected = (hunk.old_start.saturating_sub(1) as isize + delta).max(0) as usize;
        let before = hunk.before();
        let found = if before.is_empty() {
            Some(expected.min(lines.len()))
        } else {
            nearest(&find_all(&lines, &before), expected)
        };
        match found {
            Some(at) => {
                delta += splice_exact(&mut lines, at, hunk);
            }
            None => {
                out.exact = false;
                delta += place_fuzzy(&mut lines, hunk, expected, &mut out.unplaced);
            }
        }
    }
    let mut text = String::with_capacity(draft.len() + 256);
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&l.text);
        if l.added {
            out.added_lines.push(i + 1);
        }
    }
    if trailing_newline && !lines.is_empty() {
        text.push('\n');
    }
    out.text = text;
    out
}

/// Every index where `seq` starts in `lines`.
fn find_all(lines: &[Line], seq: &[&str]) -> Vec<usize> {
    if seq.len() > lines.len() {
        return Vec::new();
    }
    (0..=lines.len() - seq.len())
        .filter(|&i| {
            lines[i..i + seq.len()]
                .iter()
                .zip(seq)
                .all(|(l, s)| l.text == *s)
        })
        .collect()
}

fn nearest(candidates: &[usize], expected: usize) -> Option<usize> {
    candidates
        .iter()
        .copied()
        .min_by_key(|&c| c.abs_diff(expected))
}

/// Replaces the hunk's old side at `at` by its new side; returns the change in line count.
fn splice_exact(lines: &mut Vec<Line>, at: usize, hunk: &Hunk) -> isize {
    let mut new_side = Vec::with_capacity(hunk.lines.len());
    let mut pos = at;
    for l in &hunk.lines {
        match l {
            HunkLine::Context(_) => {
                new_side.push(lines[pos].clone());
                pos += 1;
            }
            HunkLine::Remove(_) => pos += 1,
            HunkLine::Add(t) => new_side.push(Line {
                text: t.clone(),
                added: true,
            }),
        }
    }
    let old_len = pos - at;
    let change = new_side.len() as isize - old_len as isize;
    lines.splice(at..pos, new_side);
    change
}

/// Inserts each run of added lines after the nearest earlier context line still in the draft
/// (or before the nearest later one); removals are not applied. Returns the lines inserted.
fn place_fuzzy(
    lines: &mut Vec<Line>,
    hunk: &Hunk,
    expected: usize,
    unplaced: &mut Vec<String>,
) -> isize {
    let mut inserted = 0isize;
    let mut i = 0;
    while i < hunk.lines.len() {
        if !matches!(hunk.lines[i], HunkLine::Add(_)) {
            i += 1;
            continue;
        }
        let start = i;
        while i < hunk.lines.len() && matches!(hunk.lines[i], HunkLine::Add(_)) {
            i += 1;
        }
        let run: Vec<Line> = hunk.lines[start..i]
            .iter()
            .map(|l| Line {
                text: l.text().to_string(),
                added: true,
            })
            .collect();
        let anchor_at = |idx: usize| -> Option<usize> {
            let text = hunk.lines[idx].text();
            if text.trim().is_empty() || matches!(hunk.lines[idx], HunkLine::Add(_)) {
                return None;
            }
            let found: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.added && l.text == text)
                .map(|(n, _)| n)
                .collect();
            nearest(&found, expected)
        };
        let after = (0..start).rev().find_map(anchor_at).map(|n| n + 1);
        let before = || (i..hunk.lines.len()).find_map(anchor_at);
        match after.or_else(before) {
            Some(at) => {
                inserted += run.len() as isize;
                lines.splice(at..at, run);
            }
            None => unplaced.extend(run.into_iter().map(|l| l.text)),
        }
    }
    inserted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patch::parse_patch;

    const DRAFT: &str = "# T\n\n### Official\n* [a](https://a)\n\n### Observations/Thoughts\n* [b](https://b)\n\n### Research\n";

    #[test]
    fn exact_application_marks_added_lines() {
        let h = parse_patch("@@ -6,3 +6,4 @@\n ### Observations/Thoughts\n * [b](https://b)\n+* [new](https://n)\n \n").unwrap();
        let a = apply(DRAFT, &h);
        assert!(a.exact);
        assert_eq!(a.added_lines, [8]);
        assert_eq!(a.text.lines().nth(7), Some("* [new](https://n)"));
        assert!(a.text.ends_with("### Research\n"));
    }

    #[test]
    fn moved_context_is_found_near_the_expected_line() {
        // The draft grew by two lines above the hunk since the PR was opened.
        let draft = DRAFT.replace(
            "* [a](https://a)\n",
            "* [a](https://a)\n* [a2](https://a2)\n* [a3](https://a3)\n",
        );
        let h = parse_patch("@@ -6,3 +6,4 @@\n ### Observations/Thoughts\n * [b](https://b)\n+* [new](https://n)\n \n").unwrap();
        let a = apply(&draft, &h);
        assert!(a.exact);
        assert_eq!(a.added_lines, [10]);
    }

    #[test]
    fn conflicting_context_falls_back_to_the_nearest_anchor() {
        // Someone else appended after [b]; the PR's old side (b, blank) is gone.
        let draft = DRAFT.replace("* [b](https://b)\n", "* [b](https://b)\n* [c](https://c)\n");
        let h = parse_patch(
            "@@ -7,3 +7,4 @@\n * [b](https://b)\n+* [new](https://n)\n \n ### Research\n",
        )
        .unwrap();
        let a = apply(&draft, &h);
        assert!(!a.exact);
        assert_eq!(
            a.text.lines().nth(a.added_lines[0] - 1),
            Some("* [new](https://n)")
        );
        assert_eq!(a.added_lines, [8]);
    }

    #[test]
    fn removals_are_applied_when_exact_and_reported() {
        let h = parse_patch("@@ -4 +4 @@\n-* [a](https://a)\n+* [A](https://a)\n").unwrap();
        let a = apply(DRAFT, &h);
        assert!(a.exact);
        assert_eq!(a.removed, ["* [a](https://a)"]);
        assert!(!a.text.contains("[a]"));
        assert_eq!(a.added_lines, [4]);
    }

    #[test]
    fn nothing_to_anchor_on_is_unplaced() {
        let h = parse_patch("@@ -40,2 +40,3 @@\n gone\n+* [x](https://x)\n also gone\n").unwrap();
        let a = apply(DRAFT, &h);
        assert_eq!(a.unplaced, ["* [x](https://x)"]);
        assert_eq!(a.text, DRAFT);
    }
}
