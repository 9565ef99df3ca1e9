//! `twir fmt`: the canonical formatting of an issue.
//!
//! `*` bullets, one item per line, no blank lines inside link lists, a blank line before a list
//! that follows a paragraph, trailing whitespace removed (hard line breaks kept), at most one
//! blank line between blocks, one newline at the end, and events sorted by date then location
//! within each region. Code blocks and comments are copied byte for byte.
//!
//! Formatting is one pass of edits repeated until nothing changes, so the result is a fixed
//! point and formatting is idempotent. The result is verified: it must carry exactly the links
//! of the input, else the input is returned unchanged.

mod pass;

use similar::TextDiff;
use twir_content::Document;

/// The links of a text as (URL, text) pairs, sorted: what formatting must preserve.
pub fn link_multiset(source: &str) -> Vec<(String, String)> {
    let doc = Document::parse(source);
    let src = doc.source.as_str();
    let mut v: Vec<(String, String)> = doc
        .links
        .iter()
        .map(|l| (l.url(src).to_string(), l.text(src).to_string()))
        .collect();
    v.sort();
    v
}

/// Most rounds a formatting may take before it is declared unstable.
const MAX_ROUNDS: usize = 8;

/// Formats without the final verification. Returns the text and whether it reached a fixed
/// point.
pub fn format_unchecked(source: &str) -> (String, bool) {
    let mut cur = source.to_string();
    for _ in 0..MAX_ROUNDS {
        let next = pass::run(&cur);
        if next == cur {
            return (cur, true);
        }
        cur = next;
    }
    (cur, false)
}

/// Why formatting left a text as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The passes did not settle.
    Unstable,
    /// The result would have lost or gained links.
    LinksChanged,
}

/// Formats `source`, or says why it must stay as it is.
pub fn try_format(source: &str) -> Result<String, Refusal> {
    let (out, stable) = format_unchecked(source);
    if !stable {
        return Err(Refusal::Unstable);
    }
    if out != source && link_multiset(&out) != link_multiset(source) {
        return Err(Refusal::LinksChanged);
    }
    Ok(out)
}

/// Formats `source`; a text formatting cannot handle safely comes back unchanged.
pub fn format(source: &str) -> String {
    try_format(source).unwrap_or_else(|_| source.to_string())
}

/// A unified diff from `old` to `new`, labelled with `name`.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let mut out = TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(name, &format!("{name} (formatted)"))
        .to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSY: &str = "Title: T\nNumber: 1\n\n\n\nIntro \ntext\n## Updates from Rust Community\n### Official\n- [A](https://a.org)   \n+ [B](https://b.org)* [C](https://c.org)\n\n* [D](https://d.org)\n\nSome para\n* [E](https://e.org)\n\n\n```\ncode   \n\n\n```\n<!--  keep   \n-->\n\n\n";

    #[test]
    fn formats_canonically() {
        let out = format(MESSY);
        assert_eq!(
            out,
            "Title: T\nNumber: 1\n\nIntro\ntext\n## Updates from Rust Community\n### Official\n* [A](https://a.org)\n* [B](https://b.org)\n* [C](https://c.org)\n* [D](https://d.org)\n\nSome para\n\n* [E](https://e.org)\n\n```\ncode   \n\n\n```\n<!--  keep   \n-->\n"
        );
        assert_eq!(format(&out), out);
        assert_eq!(link_multiset(&out), link_multiset(MESSY));
    }

    #[test]
    fn keeps_hard_breaks_and_sorts_events() {
        let src = "Title: T\n\nline one  \nline two\n\n## Upcoming Events\n\n### Europe\n* 2026-08-20 | Berlin, DE | [B](https://b)\n    * [**T2**](https://b/2)\n* 2026-08-19 | Wien, AT | [W](https://w)\n    * [**T1**](https://w/1)\n";
        let out = format(src);
        assert!(out.contains("line one  \nline two"));
        let w = out.find("Wien").unwrap();
        let b = out.find("Berlin").unwrap();
        assert!(w < b, "{out}");
        assert_eq!(format(&out), out);
    }

    #[test]
    fn diff_shows_changes() {
        let d = unified_diff("x.md", "a\nb\n", "a\nc\n");
        assert!(d.contains("-b\n+c\n"), "{d}");
        assert!(d.contains("x.md"));
    }
}
