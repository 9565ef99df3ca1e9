//! Recognising pull-request merge commits by their message.
//!
//! Three shapes are understood (optionally with `owner/repo` before `#`):
//! - GitHub's merge button: `Merge pull request #123 from user/branch`
//! - bors / rust-bors: `Auto merge of #123 - user:branch, r=reviewer`
//! - rollups: `Rollup merge of #123 - user:branch, r=reviewer`
//!
//! In each case the PR title is the first non-empty line after the subject.

/// What a merge commit message says about the PR it merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeMessage {
    /// PR number.
    pub number: u64,
    /// Author login taken from `user/branch` or `user:branch`.
    pub author: Option<String>,
    /// PR title (the subject line if the body is empty).
    pub title: String,
}

/// Parses a merge commit message, or `None` if it is not a PR merge.
pub fn parse_merge_message(message: &str) -> Option<MergeMessage> {
    let mut lines = message.lines();
    let subject = lines.next()?.trim();
    let (number, author) = parse_subject(subject)?;
    let title = lines
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(subject)
        .to_owned();
    Some(MergeMessage {
        number,
        author,
        title,
    })
}

fn parse_subject(subject: &str) -> Option<(u64, Option<String>)> {
    if let Some(rest) = subject.strip_prefix("Merge pull request ") {
        let (number, rest) = pr_number(rest)?;
        let author = rest
            .trim_start()
            .strip_prefix("from ")
            .and_then(|r| r.split('/').next())
            .and_then(login);
        return Some((number, author));
    }
    for prefix in ["Auto merge of ", "Rollup merge of "] {
        if let Some(rest) = subject.strip_prefix(prefix) {
            let (number, rest) = pr_number(rest)?;
            let author = rest
                .trim_start()
                .strip_prefix("- ")
                .and_then(|r| r.split(':').next())
                .and_then(login);
            return Some((number, author));
        }
    }
    None
}

/// Reads `#123` or `owner/repo#123`, returning the number and the rest.
fn pr_number(s: &str) -> Option<(u64, &str)> {
    let hash = s.find('#')?;
    let prefix = &s[..hash];
    // Only an `owner/repo` reference may precede the `#`.
    if prefix.contains(char::is_whitespace) {
        return None;
    }
    let digits_and_rest = &s[hash + 1..];
    let end = digits_and_rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits_and_rest.len());
    let number = digits_and_rest[..end].parse().ok()?;
    Some((number, &digits_and_rest[end..]))
}

fn login(s: &str) -> Option<String> {
    let s = s.trim();
    crate::repo::valid_part(s).then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_merge_button() {
        let m = parse_merge_message(
            "Merge pull request #17349 from alice/trim-paths\n\ntrim-paths: honor prefix\n",
        )
        .unwrap();
        assert_eq!(m.number, 17349);
        assert_eq!(m.author.as_deref(), Some("alice"));
        assert_eq!(m.title, "trim-paths: honor prefix");
    }

    #[test]
    fn bors_and_rollup() {
        let m = parse_merge_message(
            "Auto merge of #160892 - bob:hot-fns, r=carol\n\nInline some hot functions\n\nLonger text.",
        )
        .unwrap();
        assert_eq!(
            (m.number, m.author.as_deref(), m.title.as_str()),
            (160892, Some("bob"), "Inline some hot functions")
        );
        let m = parse_merge_message("Rollup merge of rust-lang/rust#42 - dave:x, r=e\n\nFix it")
            .unwrap();
        assert_eq!((m.number, m.author.as_deref()), (42, Some("dave")));
    }

    #[test]
    fn subject_only_uses_subject_as_title() {
        let m = parse_merge_message("Merge pull request #7 from x/y").unwrap();
        assert_eq!(m.title, "Merge pull request #7 from x/y");
    }

    #[test]
    fn other_messages_are_not_merges() {
        for msg in [
            "Fix #12 in parser",
            "Merge branch 'master' into feature",
            "Merge pull request from nowhere",
            "Auto merge of something - x",
            "",
        ] {
            assert_eq!(parse_merge_message(msg), None, "{msg}");
        }
    }
}
