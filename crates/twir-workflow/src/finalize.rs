//! The text edits of publication day: placeholders filled, the date set, link-submission
//! attribution comments and empty sections removed.

use crate::placeholders::fill_placeholders;
use crate::sections::remove_empty_sections;
use jiff::civil::Date;
use twir_content::Document;

/// What publication fills in.
#[derive(Debug, Clone, Default)]
pub struct Finalize<'a> {
    /// The r/rust discussion thread.
    pub reddit: Option<&'a str>,
    /// The jobs thread.
    pub jobs: Option<&'a str>,
    /// A publication date replacing the draft's `Date:`.
    pub date: Option<Date>,
}

/// How `twir submissions merge` marks the links it inserted: `<!-- pr:1234 -->`.
pub const ATTRIBUTION_OPEN: &str = "<!-- pr:";

/// Applies the publication edits to `doc` and returns the new text.
pub fn finalize(doc: &Document, f: &Finalize) -> String {
    let mut text = fill_placeholders(doc, f.reddit, f.jobs);
    if let Some(date) = f.date {
        let d = Document::parse(text.as_str());
        if let Some(field) = d.meta.field("date") {
            text.replace_range(field.value_span.range(), &date.to_string());
        }
    }
    let text = strip_attributions(&text);
    remove_empty_sections(&Document::parse(text))
}

/// Removes `<!-- pr:N -->` comments (and the space before them) from every line.
pub fn strip_attributions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(ATTRIBUTION_OPEN) {
        let Some(len) = rest[start..].find("-->").map(|e| e + 3) else {
            break;
        };
        let inner = &rest[start + ATTRIBUTION_OPEN.len()..start + len - 3];
        if inner.contains('\n') {
            out.push_str(&rest[..start + ATTRIBUTION_OPEN.len()]);
            rest = &rest[start + ATTRIBUTION_OPEN.len()..];
            continue;
        }
        out.push_str(rest[..start].trim_end_matches([' ', '\t']));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_attribution_comments_only() {
        let t = "* [A](https://a) <!-- pr:12 -->\n<!-- keep -->\n* [B](https://b)<!-- pr:7 -->\n";
        assert_eq!(
            strip_attributions(t),
            "* [A](https://a)\n<!-- keep -->\n* [B](https://b)\n"
        );
    }

    #[test]
    fn finalize_sets_date_fills_and_prunes() {
        let src = "Title: T 5\nNumber: 5\nDate: 2026-01-07\n\n## Community\n\n### Official\n\n### Misc\n* [A](https://a) <!-- pr:3 -->\n\n## Jobs\n[jobs](INSERT_LINK_HERE)\n\n<small>[Discuss](REDDIT_LINK_HERE)</small>\n";
        let doc = Document::parse(src);
        let out = finalize(
            &doc,
            &Finalize {
                reddit: Some("https://r/this_week_in_rust_5/"),
                jobs: Some("https://jobs"),
                date: Some(Date::constant(2026, 1, 8)),
            },
        );
        assert_eq!(
            out,
            "Title: T 5\nNumber: 5\nDate: 2026-01-08\n\n## Community\n\n### Misc\n* [A](https://a)\n\n## Jobs\n[jobs](https://jobs)\n\n<small>[Discuss](https://r/this_week_in_rust_5/)</small>\n"
        );
    }
}
