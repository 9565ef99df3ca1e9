//! The rules: one module per family, and the table of codes and default severities.

mod events;
pub(crate) mod links;
pub(crate) mod lists;
mod markup;
mod metadata;
pub(crate) mod placeholder;
mod structure;

use crate::check::{Ctx, Mode};
use crate::diagnostic::Severity;

/// A rule's code, default severity and one-line summary (RULES.md has the details).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable kebab-case code.
    pub code: &'static str,
    /// Severity in a draft.
    pub severity: Severity,
    /// What it finds.
    pub summary: &'static str,
}

const fn rule(code: &'static str, severity: Severity, summary: &'static str) -> RuleInfo {
    RuleInfo {
        code,
        severity,
        summary,
    }
}

use Severity::{Error, Note, Warning};

/// Every rule, in the order RULES.md documents them.
pub const RULES: &[RuleInfo] = &[
    rule(
        "duplicate-link",
        Error,
        "the same URL twice in the community section, or in a recent issue",
    ),
    rule(
        "tracking-param",
        Error,
        "tracking parameters (utm_*, fbclid...) in a URL",
    ),
    rule(
        "simplifiable-url",
        Warning,
        "a URL with an empty path segment (`//`), or an empty `?` or `#`",
    ),
    rule(
        "bad-scheme",
        Error,
        "a link that is not http, https or mailto, or a host without a scheme",
    ),
    rule(
        "repo-link",
        Warning,
        "a community link to a bare GitHub repository",
    ),
    rule(
        "crates-io-link",
        Warning,
        "a community link to a crates.io page",
    ),
    rule(
        "truncated-title",
        Warning,
        "a link title cut at 70 characters with `...`",
    ),
    rule(
        "placeholder",
        Error,
        "a placeholder left in: INSERT_LINK_HERE, empty or `#` link, unfilled template prompt (a note mid-week for what the template or publish fills)",
    ),
    rule(
        "empty-section",
        Note,
        "a heading with nothing under it (an error as the issue ships)",
    ),
    rule(
        "list-marker",
        Warning,
        "a `-` or `+` item in a `*` list, or a list of links written with `-` throughout",
    ),
    rule(
        "missing-bullet",
        Error,
        "a bare link line inside a list of links, or alone in the community section",
    ),
    rule("glued-items", Error, "two list items on one line"),
    rule(
        "blank-line-in-list",
        Warning,
        "a blank line between items of a link list",
    ),
    rule(
        "raw-html",
        Error,
        "a Rust type the browser hides as an HTML tag, or raw HTML that runs a script",
    ),
    rule(
        "unknown-html-tag",
        Warning,
        "an HTML tag that is not an HTML element",
    ),
    rule(
        "odd-backticks",
        Warning,
        "a backtick that opens no code span",
    ),
    rule(
        "dialect",
        Warning,
        "a construct Python-Markdown and CommonMark render differently",
    ),
    rule("metadata", Error, "a missing or malformed header field"),
    rule(
        "event-window",
        Warning,
        "an event outside the issue's event window (a past event is a note mid-week)",
    ),
    rule(
        "event-order",
        Warning,
        "events not sorted by date (events of one day may come in any order)",
    ),
    rule(
        "event-region",
        Warning,
        "an event under the wrong region heading",
    ),
    rule("event-format", Warning, "a malformed event entry"),
    rule(
        "duplicate-event",
        Warning,
        "the same event twice under one region heading",
    ),
    rule(
        "location-spelling",
        Warning,
        "one place spelled two ways in the events",
    ),
    rule(
        "stale-discussion-link",
        Error,
        "the r/rust discussion link belongs to another issue",
    ),
    rule(
        "project-tooling-link",
        Error,
        "a link in Project/Tooling Updates (with --deny-project-tooling-links)",
    ),
];

/// The severity of `code` in `mode`.
pub fn severity(code: &str, mode: Mode) -> Severity {
    if code == "empty-section" && mode == Mode::Published {
        // A shipped issue with an empty section shipped a mistake.
        return Error;
    }
    RULES
        .iter()
        .find(|r| r.code == code)
        .map(|r| r.severity)
        .unwrap_or(Error)
}

pub(crate) fn run_all(ctx: &mut Ctx) {
    metadata::check(ctx);
    links::check(ctx);
    placeholder::check(ctx);
    structure::check(ctx);
    lists::check(ctx);
    markup::check(ctx);
    events::check(ctx);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "{} twice", r.code);
            assert!(
                r.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                r.code
            );
        }
        assert_eq!(severity("empty-section", Mode::Draft), Note);
        assert_eq!(severity("empty-section", Mode::Published), Error);
    }

    /// RULES.md is the rules' documentation: every rule has its row in the table and its own
    /// section, both naming its default severity, and nothing documents a rule that is gone.
    #[test]
    fn rules_md_documents_every_rule() {
        let doc = include_str!("../../RULES.md");
        for r in RULES {
            let row = format!("| `{}` | ", r.code);
            let cell = doc
                .lines()
                .find_map(|l| l.strip_prefix(row.as_str()))
                .unwrap_or_else(|| panic!("RULES.md: no table row for `{}`", r.code));
            assert!(
                cell.contains(r.severity.as_str()),
                "RULES.md: the row of `{}` does not say {}",
                r.code,
                r.severity.as_str()
            );
            let heading = format!("### `{}` (", r.code);
            let section = doc
                .lines()
                .find_map(|l| l.strip_prefix(heading.as_str()))
                .unwrap_or_else(|| panic!("RULES.md: no section for `{}`", r.code));
            assert!(
                section.contains(r.severity.as_str()),
                "RULES.md: the section of `{}` does not say {}",
                r.code,
                r.severity.as_str()
            );
        }
        for line in doc.lines().filter(|l| l.starts_with("### `")) {
            let code = line
                .trim_start_matches("### `")
                .split('`')
                .next()
                .unwrap_or("");
            assert!(
                RULES.iter().any(|r| r.code == code),
                "RULES.md documents `{code}`, which is not a rule"
            );
        }
    }
}
