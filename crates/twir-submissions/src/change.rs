//! A pull request's own change: the lines its head adds that neither the merge base nor the
//! current draft has (a three-way view), and the draft lines it removes.
//!
//! GitHub's diff compares the head with the merge base on GitHub's side, so it also shows lines
//! that are not the pull request's own: another pull request's line when the branch is stacked
//! on it, or a line an editor merged locally that GitHub has not seen yet. Reading the head's
//! files with git and subtracting what the current draft already has judges each pull request
//! by its own line only. Without a git head (no remote, fetch failed) the change is read from
//! GitHub's patch instead, placed into the current draft by [`crate::place`].
//!
//! Lines are compared as multisets of whole lines (trailing spaces and the merge attribution
//! `<!-- pr:N -->` ignored): a draft is a list of independent lines, so no alignment is needed,
//! and this stays linear in the size of the files.

use serde::Serialize;
use std::collections::HashMap;
use twir_content::Document;

use crate::git::CommitId;
use crate::patch::Hunk;
use crate::place::apply;

/// Where a pull request's change was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "kebab-case")]
pub enum Source {
    /// The head's files, against the merge base with the local `HEAD`.
    Git {
        /// The merge base.
        #[serde(serialize_with = "as_text")]
        base: CommitId,
        /// The pull request's head.
        #[serde(serialize_with = "as_text")]
        head: CommitId,
    },
    /// GitHub's patch, placed into the current draft.
    Patch {
        /// Why git could not be used.
        reason: String,
    },
}

fn as_text<S: serde::Serializer>(c: &CommitId, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(c)
}

/// A line the pull request adds, where the head puts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnLine {
    /// The line as written (trailing whitespace removed).
    pub text: String,
    /// The draft file it is in (`draft/...md`).
    pub file: String,
    /// Section path in that file, outermost first.
    pub section: Vec<String>,
}

/// What a pull request changes in the draft, on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnChange {
    /// Where it was read from.
    pub source: Source,
    /// Non-blank lines it adds (not in the merge base, not in the current draft), in order.
    pub added: Vec<OwnLine>,
    /// Non-blank lines of the current draft it removes or changes.
    pub removed: Vec<String>,
    /// Lines its head adds that the current draft already has (merged by other means).
    pub already_in_draft: usize,
    /// Open pull requests whose head its branch contains (and that are not in `HEAD`): their
    /// lines are not counted as its own.
    pub carries: Vec<u64>,
    /// Added lines that could not be placed in the current draft (patch only).
    pub unplaced: Vec<String>,
}

/// The key two lines are compared by: no trailing whitespace, no merge attribution.
pub fn line_key(line: &str) -> &str {
    let t = line.trim_end();
    // "<!-- pr:" and "-->" cannot overlap, so the number's slice is well formed.
    if let Some(at) = t.rfind("<!-- pr:")
        && t.ends_with("-->")
        && let number = t[at + 8..t.len() - 3].trim()
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
    {
        return t[..at].trim_end();
    }
    t
}

fn counts<'a>(texts: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut m = HashMap::new();
    for t in texts {
        for l in t.lines() {
            let k = line_key(l);
            if !k.trim().is_empty() {
                *m.entry(k).or_default() += 1;
            }
        }
    }
    m
}

/// The three-way change of draft files: `base` and `head` are `(path, text)` of the draft
/// folder's files at the merge base and at the head; `draft` is the current draft.
pub fn three_way(
    base: &[(String, String)],
    head: &[(String, String)],
    draft: &str,
) -> (Vec<OwnLine>, Vec<String>, usize) {
    let mut base_left = counts(base.iter().map(|(_, t)| t.as_str()));
    let mut draft_left = counts(std::iter::once(draft));
    let mut added = Vec::new();
    let mut already = 0;
    for (file, text) in head {
        let mut doc: Option<Document> = None;
        for (i, l) in text.lines().enumerate() {
            let k = line_key(l);
            if k.trim().is_empty() {
                continue;
            }
            if let Some(n) = base_left.get_mut(k).filter(|n| **n > 0) {
                *n -= 1;
                continue;
            }
            if let Some(n) = draft_left.get_mut(k).filter(|n| **n > 0) {
                *n -= 1;
                already += 1;
                continue;
            }
            let d = doc.get_or_insert_with(|| Document::parse(text.as_str()));
            let section = d
                .section_path(d.line_start(i + 1))
                .into_iter()
                .map(str::to_string)
                .collect();
            added.push(OwnLine {
                text: k.to_string(),
                file: file.clone(),
                section,
            });
        }
    }
    // Removed: in the base, not in the head, and still in the current draft.
    let mut head_left = counts(head.iter().map(|(_, t)| t.as_str()));
    let mut draft_has = counts(std::iter::once(draft));
    let mut removed = Vec::new();
    for (_, text) in base {
        for l in text.lines() {
            let k = line_key(l);
            if k.trim().is_empty() {
                continue;
            }
            if let Some(n) = head_left.get_mut(k).filter(|n| **n > 0) {
                *n -= 1;
                continue;
            }
            if let Some(n) = draft_has.get_mut(k).filter(|n| **n > 0) {
                *n -= 1;
                removed.push(k.to_string());
            }
        }
    }
    (added, removed, already)
}

/// The change read from GitHub's patches of draft files (`hunks` of each file), placed into
/// the current draft `draft` whose path is `draft_rel`.
pub fn from_patch(draft: &str, draft_rel: &str, hunks: &[Hunk], reason: String) -> OwnChange {
    let applied = apply(draft, hunks);
    let doc = Document::parse(applied.text.as_str());
    let mut draft_left = counts(std::iter::once(draft));
    let mut added = Vec::new();
    let mut already = 0;
    for &n in &applied.added_lines {
        let text = line_key(doc.line_text(n));
        if text.trim().is_empty() {
            continue;
        }
        if let Some(c) = draft_left.get_mut(text).filter(|c| **c > 0) {
            *c -= 1;
            already += 1;
            continue;
        }
        added.push(OwnLine {
            text: text.to_string(),
            file: draft_rel.to_string(),
            section: doc
                .section_path(doc.line_start(n))
                .into_iter()
                .map(str::to_string)
                .collect(),
        });
    }
    let draft_has = counts(std::iter::once(draft));
    let removed = applied
        .removed
        .iter()
        .map(|l| line_key(l).to_string())
        .filter(|k| !k.trim().is_empty() && draft_has.contains_key(k.as_str()))
        .collect();
    OwnChange {
        source: Source::Patch { reason },
        added,
        removed,
        already_in_draft: already,
        carries: Vec::new(),
        unplaced: applied
            .unplaced
            .into_iter()
            .filter(|l| !l.trim().is_empty())
            .collect(),
    }
}

/// Takes the lines of `carried` (another pull request's own lines, which this branch
/// contains) out of `change`.
pub fn subtract_carried(change: &mut OwnChange, carried: &[OwnLine]) {
    let mut left = counts(carried.iter().map(|l| l.text.as_str()));
    change.added.retain(
        |l| match left.get_mut(line_key(&l.text)).filter(|n| **n > 0) {
            Some(n) => {
                *n -= 1;
                false
            }
            None => true,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "Title: T\n\n## Updates from Rust Community\n\n### Official\n* [a](https://a)\n\n### Miscellaneous\n\n## Jobs\n";

    fn f(name: &str, text: &str) -> Vec<(String, String)> {
        vec![(name.to_string(), text.to_string())]
    }

    #[test]
    fn own_lines_exclude_the_base_and_the_draft() {
        let head = BASE.replace(
            "### Miscellaneous\n",
            "### Miscellaneous\n* [mine](https://m)\n* [merged](https://x)\n",
        );
        // The editor already merged "merged" (with its attribution) into the current draft.
        let draft = BASE.replace(
            "### Miscellaneous\n",
            "### Miscellaneous\n* [merged](https://x) <!-- pr:7 -->\n",
        );
        let (added, removed, already) = three_way(&f("d.md", BASE), &f("d.md", &head), &draft);
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].text, "* [mine](https://m)");
        assert_eq!(
            added[0].section,
            ["Updates from Rust Community", "Miscellaneous"]
        );
        assert!(removed.is_empty());
        assert_eq!(already, 1);
    }

    #[test]
    fn removed_lines_count_only_when_the_draft_still_has_them() {
        let head = BASE.replace("* [a](https://a)\n", "* [A!](https://a)\n");
        let (added, removed, _) = three_way(&f("d.md", BASE), &f("d.md", &head), BASE);
        assert_eq!(added[0].text, "* [A!](https://a)");
        assert_eq!(removed, ["* [a](https://a)"]);
        // An editor already changed that line: the pull request no longer removes anything
        // the draft has.
        let draft = BASE.replace("* [a](https://a)\n", "* [a, edited](https://a)\n");
        let (_, removed, _) = three_way(&f("d.md", BASE), &f("d.md", &head), &draft);
        assert!(removed.is_empty());
    }

    #[test]
    fn a_file_renamed_by_the_pull_request_is_no_change_of_its_own() {
        let head = BASE.replace(
            "### Miscellaneous\n",
            "### Miscellaneous\n* [m](https://m)\n",
        );
        let (added, removed, _) = three_way(&f("old.md", BASE), &f("new.md", &head), BASE);
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].file, "new.md");
        assert!(removed.is_empty());
    }

    #[test]
    fn carried_lines_are_subtracted_once() {
        let mut c = OwnChange {
            source: Source::Patch { reason: "t".into() },
            added: ["* [x](https://x)", "* [y](https://y)"]
                .iter()
                .map(|t| OwnLine {
                    text: t.to_string(),
                    file: "d.md".into(),
                    section: vec![],
                })
                .collect(),
            removed: vec![],
            already_in_draft: 0,
            carries: vec![3],
            unplaced: vec![],
        };
        let other = vec![OwnLine {
            text: "* [x](https://x)".into(),
            file: "d.md".into(),
            section: vec![],
        }];
        subtract_carried(&mut c, &other);
        assert_eq!(c.added.len(), 1);
        assert_eq!(c.added[0].text, "* [y](https://y)");
    }

    #[test]
    fn attribution_is_ignored_in_keys() {
        assert_eq!(line_key("* [a](b) <!-- pr:12 -->  "), "* [a](b)");
        assert_eq!(line_key("* [a](b) <!-- note -->"), "* [a](b) <!-- note -->");
        assert_eq!(line_key("<!-- pr:-->"), "<!-- pr:-->");
    }
}
