//! Pure Markdown rendering of [`PrsData`].

use url::form_urlencoded;

use super::{MergedPr, PrsData};
use crate::md::{link, sentence_case};
use crate::{PrsConfig, Window};

/// The github.com search the `[merged]` link points to, e.g.
/// `https://github.com/search?q=is%3Apr+org%3Arust-lang+is%3Amerged+merged%3A2026-08-11..2026-08-18`.
pub fn merged_search_url(scope: &[String], window: &Window) -> String {
    let mut query = vec!["is:pr".to_owned()];
    query.extend(scope.iter().cloned());
    query.push("is:merged".into());
    query.push(format!("merged:{}", window.search_range()));
    let encoded: String = form_urlencoded::byte_serialize(query.join(" ").as_bytes()).collect();
    format!("https://github.com/search?q={encoded}")
}

/// Renders the count line, the `[merged]` link definition, one `####`
/// list per repository group with PRs, and the new contributors if present.
///
/// Titles are lower-cased at the start when `config.lowercase_titles`.
pub fn format_prs(data: &PrsData, config: &PrsConfig) -> String {
    let (noun, verb) = if data.merged_count == 1 {
        ("pull request", "was")
    } else {
        ("pull requests", "were")
    };
    let mut out = format!(
        "{} {noun} {verb} [merged in the last week][merged]\n\n[merged]: {}\n",
        data.merged_count,
        merged_search_url(&data.count_scope, &data.window)
    );
    for group in data.groups.iter().filter(|g| !g.prs.is_empty()) {
        out.push_str(&format!("\n#### {}\n", group.heading));
        for pr in &group.prs {
            out.push_str(&pr_line(pr, config));
        }
    }
    if let Some(newcomers) = &data.new_contributors {
        out.push_str("\n#### First-time Contributors\n");
        if newcomers.is_empty() {
            out.push_str("* *No first-time contributors this week.*\n");
        }
        for n in newcomers {
            out.push_str(&format!(
                "* [@{login}](https://github.com/{login}): {}\n",
                link(&title(&n.first_pr, config), &n.first_pr.url),
                login = n.login
            ));
        }
    }
    out
}

fn title(pr: &MergedPr, config: &PrsConfig) -> String {
    if config.lowercase_titles {
        sentence_case(pr.title.trim())
    } else {
        pr.title.trim().to_owned()
    }
}

fn pr_line(pr: &MergedPr, config: &PrsConfig) -> String {
    format!("* {}\n", link(&title(pr, config), &pr.url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn search_url_matches_newsletter_encoding() {
        let w = Window::for_issue(date(2026, 8, 19));
        assert_eq!(
            merged_search_url(&["org:rust-lang".into()], &w),
            "https://github.com/search?q=is%3Apr+org%3Arust-lang+is%3Amerged+merged%3A2026-08-11..2026-08-18"
        );
    }
}
