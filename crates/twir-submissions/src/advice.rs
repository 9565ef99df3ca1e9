//! The findings this crate reports, each with a one-line message for the editors and a
//! friendly, specific paragraph for the submitter.

use crate::model::{Finding, Level};

fn code_list<T: AsRef<str>>(items: &[T], max: usize) -> String {
    let mut out: Vec<String> = items
        .iter()
        .take(max)
        .map(|s| format!("`{}`", s.as_ref().trim()))
        .collect();
    if items.len() > max {
        out.push(format!("and {} more", items.len() - max));
    }
    out.join(", ")
}

/// The pull request edits a draft other than the current one.
pub fn old_draft(file: &str, current: &str) -> Finding {
    Finding::new(
        "old-draft",
        Level::Note,
        format!("targets {file}; the current draft is {current}"),
        format!(
            "This PR edits `{file}`, but this week's draft is `{current}`; we'll carry your link over, no action needed."
        ),
    )
}

/// The patch of a draft file is missing or unreadable.
pub fn bad_diff(file: &str, why: &str) -> Finding {
    Finding::new(
        "bad-diff",
        Level::NeedsChanges,
        format!("cannot read the diff of {file}: {why}"),
        format!(
            "We couldn't read the changes to `{file}` ({why}). Could you make sure the PR only adds your link as a plain text line?"
        ),
    )
}

/// Crate or Quote of the Week sent by pull request.
pub fn weekly_by_forum(section: &str) -> Finding {
    let url = crate::context::FORUM_SECTIONS
        .iter()
        .find(|(n, _)| *n == section)
        .map(|(_, u)| *u)
        .unwrap_or("https://users.rust-lang.org/");
    Finding::new(
        "weekly-by-forum",
        Level::Reject,
        format!("{section} is chosen on the forum, not by pull request"),
        format!(
            "Thanks for the suggestion! The {section} is picked from the suggestions and votes in [this thread on the Rust users forum]({url}), so we can't take it by pull request. Please post it there, where others can vote for it too."
        ),
    )
}

/// Files outside the draft folder changed too.
pub fn outside_draft(files: &[String]) -> Finding {
    Finding::new(
        "outside-draft",
        Level::NeedsChanges,
        format!("also changes {}", code_list(files, 3)),
        format!(
            "This PR also changes {}. A link submission should only touch this week's draft; could you drop the other changes?",
            code_list(files, 5)
        ),
    )
}

/// Existing lines are changed or removed.
pub fn changes_lines(lines: &[&String]) -> Finding {
    Finding::new(
        "changes-lines",
        Level::NeedsChanges,
        format!(
            "changes or removes {} existing line{}",
            lines.len(),
            if lines.len() == 1 { "" } else { "s" }
        ),
        format!(
            "This PR also changes or removes existing lines of the draft ({}). Please only add your link; this often happens when a branch is based on an old version of the draft, and rebasing on the latest `main` fixes it.",
            code_list(lines, 2)
        ),
    )
}

/// Added lines whose context is gone from the draft.
pub fn unplaced(lines: &[String]) -> Finding {
    Finding::new(
        "unplaced",
        Level::NeedsChanges,
        format!("{} added line{} could not be placed in the current draft", lines.len(), if lines.len() == 1 { "" } else { "s" }),
        "We couldn't find where your change goes in the current draft; it has moved on since you opened the PR. Could you rebase your branch on the latest `main`?".to_string(),
    )
}

/// More than one link.
pub fn multiple_links(links: usize, lines: usize) -> Finding {
    Finding::new(
        "multiple-links",
        Level::NeedsChanges,
        format!(
            "adds {links} links on {lines} line{}",
            if lines == 1 { "" } else { "s" }
        ),
        format!(
            "This PR adds {links} links. We merge one link per pull request, so that each can be reviewed and credited on its own: could you keep one here and open a separate PR for each of the others?"
        ),
    )
}

/// Lines that are not link items.
pub fn extra_lines(lines: &[&String]) -> Finding {
    Finding::new(
        "extra-lines",
        Level::NeedsChanges,
        format!(
            "adds lines that are not link items: {}",
            code_list(lines, 2)
        ),
        format!(
            "Besides your link, this PR adds {}. A submission is a single line of the form `* [Title of the page](https://example.com/page)`; could you remove the rest?",
            code_list(lines, 3)
        ),
    )
}

/// A community link outside any subsection.
pub fn no_subsection(suggested: &str) -> Finding {
    Finding::new(
        "no-subsection",
        Level::NeedsChanges,
        format!("not under a subsection (suggest {suggested})"),
        format!(
            "Your link sits directly under the community heading rather than in one of its subsections. **{suggested}** looks like the right place; feel free to move it there (or tell us if another section fits better)."
        ),
    )
}

/// A community subsection the current draft does not have (the pull request was opened
/// against an older draft).
pub fn unknown_section(section: &str, suggested: &str) -> Finding {
    Finding::new(
        "unknown-section",
        Level::NeedsChanges,
        format!("section \"{section}\" is not in the draft (suggest {suggested})"),
        format!(
            "This week's draft has no **{section}** section. **{suggested}** looks like the right place; could you move your link there (or tell us if another section fits better)?"
        ),
    )
}

/// The line's bullet is not `* ` (editors change it; `merge` writes it).
pub fn bullet(fixed: &str) -> Finding {
    Finding::new(
        "bullet",
        Level::Note,
        "list item with a bullet other than `* ` (merge writes `* `)",
        format!("We'll write the line with a `* ` bullet, like the rest of the list: `{fixed}`."),
    )
    .suggesting(fixed)
}

/// The link title as the editors would write it.
pub fn title_style(title: &str, suggested: &str, reasons: &[&str]) -> Finding {
    Finding::new(
        "title-style",
        Level::Note,
        format!(
            "title \"{title}\": editors would write \"{suggested}\" ({})",
            reasons.join(", ")
        ),
        format!(
            "We'd write the title as \"{suggested}\" ({}): the link text is the page's own title, without the site's name or trailing punctuation.",
            reasons.join(", ")
        ),
    )
}

/// The archive suggests another section.
pub fn section_hint(chosen: &str, suggested: &str) -> Finding {
    Finding::new(
        "section-hint",
        Level::Note,
        format!("links like this one usually go to {suggested}, not {chosen}"),
        format!(
            "Links like this one have usually gone to **{suggested}** in recent issues; an editor may move it there."
        ),
    )
    .moving_to(suggested)
}

/// The link is already in the draft.
pub fn duplicate_draft() -> Finding {
    Finding::new(
        "duplicate-draft",
        Level::Reject,
        "already in the draft",
        "This link is already in this week's draft (someone was quicker!), so we'll close this PR. Thank you for sharing it all the same.",
    )
}

/// The link is in an earlier open pull request.
pub fn duplicate_pr(earlier: u64) -> Finding {
    Finding::new(
        "duplicate-pr",
        Level::Reject,
        format!("same link as #{earlier}"),
        format!(
            "The same link was already submitted in #{earlier}, so we'll take that one and close this PR. Thanks for sharing it!"
        ),
    )
}

/// A link into the project/tooling section from someone who cannot push.
pub fn project_tooling(section: &str, suggested: &str, unknown: Option<&str>) -> Finding {
    let why = match unknown {
        Some(reason) => {
            format!("{section} is curated by the editors (permission unknown: {reason})")
        }
        None => format!("{section} is curated by the editors"),
    };
    Finding::new(
        "project-tooling",
        Level::NeedsChanges,
        format!("{why}; suggest {suggested}"),
        format!("The **{section}** section is put together by the editors, so community submissions go elsewhere. **{suggested}** looks like a good fit for this one: could you move your link there?"),
    )
    .moving_to(suggested)
}

/// A second link from the same author this week. A note, not a rejection: the guideline asks
/// for one link per author per week, but replaying real weeks showed editors merging second
/// links regularly, so the editors decide.
pub fn repeat_author(author: &str, earlier: &[u64], merged: bool) -> Finding {
    let list: Vec<String> = earlier.iter().map(|n| format!("#{n}")).collect();
    let list = list.join(", ");
    let what = if merged {
        "already had"
    } else {
        "already submitted"
    };
    Finding::new(
        "repeat-author",
        Level::Note,
        format!("@{author} {what} {list} this week (editors may hold this one for the next issue)"),
        format!(
            "You {what} {list} this week. We aim for one link per author per week so that everyone gets a fair share of readers' attention, so the editors may keep this one for the next issue."
        ),
    )
}

/// The link title differs from the page title stated in the pull request.
pub fn title_mismatch(title: &str, stated: &str) -> Finding {
    Finding::new(
        "title-mismatch",
        Level::NeedsChanges,
        format!("link title \"{title}\" differs from the stated page title \"{stated}\""),
        format!(
            "The link text is \"{title}\", but the PR gives the page title as \"{stated}\". We use the page's own title as the link text; could you change the line to `[{stated}](...)` (or correct the PR description if the page title changed)?"
        ),
    )
}

/// CI failed.
pub fn ci_failing(checks: &[String]) -> Finding {
    Finding::new(
        "ci-failing",
        Level::NeedsChanges,
        format!("CI failing: {}", checks.join(", ")),
        format!(
            "The CI checks fail ({}). The details link on each check says what it found; once the PR is updated they run again.",
            code_list(checks, 4)
        ),
    )
}

/// CI still running.
pub fn ci_pending(checks: &[String]) -> Finding {
    Finding::new(
        "ci-pending",
        Level::Note,
        format!("CI pending: {}", checks.join(", ")),
        "The CI checks are still running.".to_string(),
    )
}

/// CI state unknown.
pub fn ci_unknown(reason: &str) -> Finding {
    Finding::new(
        "ci-unknown",
        Level::Note,
        format!("CI state unknown: {reason}"),
        String::new(),
    )
}

/// The submitter-facing paragraph for a `twir check` rule.
pub fn for_rule(code: &str, message: &str, help: Option<&str>, fixed: Option<&str>) -> String {
    match (code, fixed) {
        ("tracking-param", Some(url)) => format!("The URL carries tracking parameters ({}). Please link the page without them: `{url}`", message.trim_start_matches("tracking parameter").trim_start_matches("s ").trim_start_matches(' ').trim_end_matches(" in URL")),
        ("tracking-param", None) => "The URL carries tracking parameters (`utm_*` and the like); please remove them.".into(),
        ("repo-link", _) => "We don't link bare GitHub repositories: readers get more from a post that tells the story. Could you link an announcement, release notes or a blog post about the project instead?".into(),
        ("crates-io-link", _) => "We don't link crates.io pages directly: could you link an announcement, release notes or a blog post about the crate instead?".into(),
        ("duplicate-link", _) => format!("This link was in a recent issue ({}), so we'll leave it out this time. Thanks for sharing it!", message.trim_start_matches("duplicate link: ")),
        ("truncated-title", _) => "The title looks cut off (it ends in `...`). Please use the page's full title.".into(),
        ("list-marker", _) => "Links in the draft are list items starting with `* `; could you use `*` instead of `-`/`+`?".into(),
        ("missing-bullet", _) => "The link needs to be a list item: start the line with `* `, like `* [Title](https://example.com/page)`.".into(),
        _ => {
            let mut s = format!("{}{}", capitalise(message), if message.ends_with('.') { "" } else { "." });
            if let Some(h) = help {
                s.push_str(&format!(" Suggestion: {h}."));
            }
            if let Some(f) = fixed {
                s.push_str(&format!(" For example: `{f}`."));
            }
            s
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_advice_is_specific() {
        let t = for_rule(
            "tracking-param",
            "tracking parameters `utm_source`, `utm_medium` in URL",
            None,
            Some("https://a.org/p"),
        );
        assert!(t.contains("`utm_source`, `utm_medium`"), "{t}");
        assert!(t.ends_with("`https://a.org/p`"), "{t}");
        let g = for_rule(
            "odd-backticks",
            "backtick that opens no code span",
            Some("close it"),
            None,
        );
        assert_eq!(g, "Backtick that opens no code span. Suggestion: close it.");
    }

    #[test]
    fn lists_are_shortened() {
        assert_eq!(code_list(&["a", "b", "c"], 2), "`a`, `b`, and 1 more");
        let f = repeat_author("ann", &[3, 4], true);
        assert!(f.message.starts_with("@ann already had #3, #4 this week"));
        assert_eq!(f.level, Level::Note);
    }
}
