//! Unified diff hunks as GitHub gives them in a pull request file's `patch` field (hunks only,
//! no `---`/`+++` header).

use serde::Serialize;

/// One line of a hunk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum HunkLine {
    /// A line both versions have.
    Context(String),
    /// A line the pull request adds.
    Add(String),
    /// A line the pull request removes.
    Remove(String),
}

impl HunkLine {
    /// The line's text without its `+`/`-`/` ` marker.
    pub fn text(&self) -> &str {
        match self {
            HunkLine::Context(t) | HunkLine::Add(t) | HunkLine::Remove(t) => t,
        }
    }
}

/// One `@@ -a,b +c,d @@` hunk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hunk {
    /// 1-based first line in the old file (0 for an empty old side).
    pub old_start: usize,
    /// Lines of the old side.
    pub old_len: usize,
    /// 1-based first line in the new file.
    pub new_start: usize,
    /// Lines of the new side.
    pub new_len: usize,
    /// The lines, in order.
    pub lines: Vec<HunkLine>,
}

impl Hunk {
    /// The old side: context and removed lines.
    pub fn before(&self) -> Vec<&str> {
        self.lines
            .iter()
            .filter(|l| !matches!(l, HunkLine::Add(_)))
            .map(HunkLine::text)
            .collect()
    }

    /// The added lines, in order.
    pub fn added(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().filter_map(|l| match l {
            HunkLine::Add(t) => Some(t.as_str()),
            _ => None,
        })
    }

    /// The removed lines, in order.
    pub fn removed(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().filter_map(|l| match l {
            HunkLine::Remove(t) => Some(t.as_str()),
            _ => None,
        })
    }
}

/// Why a patch could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed diff at patch line {line}: {reason}")]
pub struct PatchError {
    /// 1-based line of the patch text.
    pub line: usize,
    /// What was wrong.
    pub reason: String,
}

/// Parses the hunks of a patch. Lines before the first `@@` (a `diff --git` header) are skipped.
pub fn parse_patch(patch: &str) -> Result<Vec<Hunk>, PatchError> {
    let mut hunks: Vec<Hunk> = Vec::new();
    for (i, raw) in patch.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let err = |reason: &str| PatchError {
            line: i + 1,
            reason: reason.to_string(),
        };
        if line.starts_with("@@") {
            hunks.push(parse_header(line).ok_or_else(|| err("unreadable hunk header"))?);
            continue;
        }
        let Some(hunk) = hunks.last_mut() else {
            continue;
        };
        let item = match line.as_bytes().first() {
            Some(b'+') => HunkLine::Add(line[1..].to_string()),
            Some(b'-') => HunkLine::Remove(line[1..].to_string()),
            Some(b' ') => HunkLine::Context(line[1..].to_string()),
            // "\ No newline at end of file" qualifies the line before it.
            Some(b'\\') => continue,
            // An empty line is a context line whose leading space was trimmed, except after the
            // hunk's last line (the patch's trailing newline).
            None if hunk_full(hunk) => continue,
            None => HunkLine::Context(String::new()),
            Some(_) => return Err(err("line without a +, - or space marker")),
        };
        hunk.lines.push(item);
    }
    Ok(hunks)
}

fn hunk_full(h: &Hunk) -> bool {
    let old = h
        .lines
        .iter()
        .filter(|l| !matches!(l, HunkLine::Add(_)))
        .count();
    let new = h
        .lines
        .iter()
        .filter(|l| !matches!(l, HunkLine::Remove(_)))
        .count();
    old >= h.old_len && new >= h.new_len
}

/// `@@ -12,3 +12,4 @@ optional text`.
fn parse_header(line: &str) -> Option<Hunk> {
    let rest = line.strip_prefix("@@ -")?;
    let (old, rest) = rest.split_once(" +")?;
    let (new, _) = rest.split_once(" @@")?;
    let range = |s: &str| -> Option<(usize, usize)> {
        match s.split_once(',') {
            Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
            None => Some((s.parse().ok()?, 1)),
        }
    };
    let (old_start, old_len) = range(old)?;
    let (new_start, new_len) = range(new)?;
    Some(Hunk {
        old_start,
        old_len,
        new_start,
        new_len,
        lines: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hunks_with_context_adds_and_removes() {
        let p = "@@ -3,3 +3,4 @@ heading\n ### Official\n-* [old](https://o)\n+* [new](https://n)\n+* [two](https://t)\n \n@@ -20 +21 @@\n-x\n+y\n";
        let h = parse_patch(p).unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(
            (h[0].old_start, h[0].old_len, h[0].new_start, h[0].new_len),
            (3, 3, 3, 4)
        );
        assert_eq!(
            h[0].added().collect::<Vec<_>>(),
            ["* [new](https://n)", "* [two](https://t)"]
        );
        assert_eq!(h[0].removed().collect::<Vec<_>>(), ["* [old](https://o)"]);
        assert_eq!(h[0].before(), ["### Official", "* [old](https://o)", ""]);
        assert_eq!((h[1].old_start, h[1].old_len), (20, 1));
        assert_eq!(
            h[1].lines,
            [HunkLine::Remove("x".into()), HunkLine::Add("y".into())]
        );
    }

    #[test]
    fn trimmed_blank_context_and_no_newline_marker() {
        let p = "diff --git a/x b/x\n@@ -1,3 +1,4 @@\n a\n\n+b\n c\n\\ No newline at end of file";
        let h = parse_patch(p).unwrap();
        assert_eq!(h[0].before(), ["a", "", "c"]);
        assert_eq!(h[0].added().collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_patch("@@ nonsense @@\n").is_err());
        let e = parse_patch("@@ -1 +1 @@\n?what\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse_patch("").unwrap().is_empty());
    }
}
