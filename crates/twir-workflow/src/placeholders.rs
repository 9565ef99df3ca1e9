//! Filling the placeholders editors fill by hand on publication day.

use twir_content::Document;
use twir_content::placeholder::JOBS_SECTION;
/// The placeholders are twir-content's list, the one `twir check` reads.
pub use twir_content::placeholder::{
    INSERT_LINK as LINK_PLACEHOLDER, REDDIT_LINK as REDDIT_PLACEHOLDER,
};

/// Replaces `REDDIT_LINK_HERE` everywhere, and `INSERT_LINK_HERE` inside the Jobs section,
/// when the URLs are given.
pub fn fill_placeholders(doc: &Document, reddit: Option<&str>, jobs: Option<&str>) -> String {
    let mut text = doc.source.clone();
    if let Some(jobs) = jobs
        && let Some(section) = doc.section(JOBS_SECTION)
    {
        let inner = &doc.source[section.span.range()];
        let replaced = inner.replace(LINK_PLACEHOLDER, jobs);
        text = format!(
            "{}{}{}",
            &doc.source[..section.span.start],
            replaced,
            &doc.source[section.span.end..]
        );
    }
    if let Some(reddit) = reddit {
        text = text.replace(REDDIT_PLACEHOLDER, reddit);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_jobs_only_in_jobs_section() {
        let src = "Title: t\n\n## A\n[x](INSERT_LINK_HERE)\n\n## Jobs\n[hiring](INSERT_LINK_HERE)\n\n<small>[Discuss](REDDIT_LINK_HERE)</small>\n";
        let doc = Document::parse(src);
        let out = fill_placeholders(
            &doc,
            Some("https://reddit.com/r/rust/comments/1/this_week_in_rust_5/"),
            Some("https://jobs"),
        );
        assert!(out.contains("## A\n[x](INSERT_LINK_HERE)"));
        assert!(out.contains("[hiring](https://jobs)"));
        assert!(
            out.contains("[Discuss](https://reddit.com/r/rust/comments/1/this_week_in_rust_5/)")
        );
        assert_eq!(fill_placeholders(&doc, None, None), src);
    }
}
