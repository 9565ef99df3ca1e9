//! What editors fix by hand in merged submissions, as findings with the fix: the bullet
//! (`* `), the title (site-name suffixes, dangling punctuation, spaces), and the section a link
//! belongs in according to the archive ([`crate::archive`]). These are notes: they never keep a
//! link out, and `merge` applies them (the bullet always, titles with `--fix-titles`, sections
//! with `--fix-sections`).

use crate::advice;
use crate::archive::{LinkInfo, tags_before};
use crate::context::Context;
use crate::model::{AddedLink, PullReview};
use crate::sections;
use crate::title::editor_title;

/// The line with a `* ` bullet at the start of the line, when it has another marker (`-`,
/// `+`), none, or leading spaces.
pub fn bullet_fixed(line: &str) -> Option<String> {
    let t = line.trim_end();
    if t.starts_with("* ") && !t[2..].starts_with(' ') {
        return None;
    }
    let body = t.trim_start();
    let rest = match body.as_bytes().first() {
        Some(b'*' | b'-' | b'+') => body[1..].trim_start(),
        _ => body,
    };
    if rest.is_empty() {
        return None;
    }
    Some(format!("* {rest}"))
}

/// The line with its link text replaced by `title`, when the text appears as written.
pub fn with_title(line: &str, old: &str, new: &str) -> Option<String> {
    let needle = format!("[{old}](");
    let at = line.find(&needle)?;
    Some(format!(
        "{}[{new}]({}",
        &line[..at],
        &line[at + needle.len()..]
    ))
}

/// Community subsections a link may be moved to: the draft's, without the editors' own
/// section for someone who cannot push.
pub fn candidates(ctx: &Context, editor: bool) -> Vec<String> {
    ctx.subsections
        .iter()
        .map(|s| twir_content::section::plain_title(s).to_string())
        .filter(|s| editor || !s.eq_ignore_ascii_case(ctx.project_tooling()))
        .collect()
}

/// The subsection a link fits best: the archive model's pick, or a keyword guess when the
/// archive has nothing to learn from.
pub fn suggest_section(ctx: &Context, link: &AddedLink, editor: bool) -> String {
    let tags = tags_before(&link.line, &link.title);
    let info = LinkInfo {
        title: &link.title,
        url: &link.url,
        tags: &tags,
    };
    let cands = candidates(ctx, editor);
    ctx.model
        .best(&info, &cands)
        .unwrap_or_else(|| sections::suggest(link, &ctx.subsections, ctx.project_tooling()))
}

/// Adds the editors' fixes for each community link of a submission.
pub fn editor_fixes(ctx: &Context, links: &[AddedLink], editor: bool, review: &mut PullReview) {
    let blocked_section = review.findings.iter().any(|f| f.move_to.is_some());
    for link in links.iter().filter(|l| {
        l.section
            .first()
            .is_some_and(|t| t.eq_ignore_ascii_case(ctx.community()))
    }) {
        let bulleted = bullet_fixed(&link.line);
        if let Some(fixed) = &bulleted {
            review
                .findings
                .push(advice::bullet(fixed).on_line(&link.line).suggesting(fixed));
        }
        if let Some(fix) = editor_title(&link.title, &link.url) {
            let base = bulleted.as_deref().unwrap_or(&link.line);
            let mut f =
                advice::title_style(&link.title, &fix.title, &fix.reasons).on_line(&link.line);
            if let Some(line) = with_title(base, &link.title, &fix.title) {
                f = f.suggesting(&line);
            }
            review.findings.push(f);
        }
        let Some(chosen) = link.section.get(1) else {
            continue;
        };
        let in_editors_section = chosen.eq_ignore_ascii_case(ctx.project_tooling());
        if blocked_section || (in_editors_section && !editor) {
            continue; // another finding already says where it goes
        }
        let tags = tags_before(&link.line, &link.title);
        let info = LinkInfo {
            title: &link.title,
            url: &link.url,
            tags: &tags,
        };
        if let Some(to) = ctx.model.hint(&info, chosen, &candidates(ctx, editor)) {
            review.findings.push(
                advice::section_hint(chosen, &to)
                    .on_line(&link.line)
                    .moving_to(&to),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_become_stars() {
        assert_eq!(bullet_fixed("* [a](b)"), None);
        assert_eq!(bullet_fixed("- [a](b)").as_deref(), Some("* [a](b)"));
        assert_eq!(bullet_fixed("+ [a](b)").as_deref(), Some("* [a](b)"));
        assert_eq!(bullet_fixed("[a](b)").as_deref(), Some("* [a](b)"));
        assert_eq!(bullet_fixed("  * [a](b)").as_deref(), Some("* [a](b)"));
        assert_eq!(bullet_fixed("*  [a](b)").as_deref(), Some("* [a](b)"));
        assert_eq!(bullet_fixed("*[a](b)").as_deref(), Some("* [a](b)"));
        assert_eq!(bullet_fixed("-"), None);
        assert_eq!(bullet_fixed("- é"), Some("* é".into()));
    }

    #[test]
    fn titles_are_replaced_where_written() {
        assert_eq!(
            with_title("* [video] [Old | Site](https://x)", "Old | Site", "Old").as_deref(),
            Some("* [video] [Old](https://x)")
        );
        assert_eq!(with_title("* [`a`](x)", "a", "b"), None);
    }
}
