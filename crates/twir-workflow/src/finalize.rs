//! The text edits of publication day: placeholders filled, the date set, link-submission
//! attribution comments and empty sections removed.

use crate::placeholders::fill_placeholders;
use crate::prune::{EmptySection, PruneOptions, StaleEvent, prune};
use jiff::civil::Date;
use twir_content::Document;
use twir_content::placeholder::Boilerplate;

/// What publication fills in, and how it prunes.
#[derive(Debug, Clone, Default)]
pub struct Finalize<'a> {
    /// The r/rust discussion thread.
    pub reddit: Option<&'a str>,
    /// The jobs thread.
    pub jobs: Option<&'a str>,
    /// A publication date replacing the draft's `Date:`.
    pub date: Option<Date>,
    /// The draft template's boilerplate (its comments are not an editor's words).
    pub boilerplate: Option<&'a Boilerplate>,
    /// Remove empty sections even when they hold a prompt or an editor's comment.
    pub drop_unfilled: bool,
    /// Keep events that ended before the publication date.
    pub keep_stale_events: bool,
}

/// The finalized text, and the sections and events publication met on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finalized {
    /// The text, before formatting.
    pub text: String,
    /// Every empty section, removed or kept (draft lines).
    pub sections: Vec<EmptySection>,
    /// Every event that ended before the publication date, dropped or kept (draft lines).
    pub stale: Vec<StaleEvent>,
}

/// How `twir submissions merge` marks the links it inserted: `<!-- pr:1234 -->`.
pub const ATTRIBUTION_OPEN: &str = "<!-- pr:";

/// Applies the publication edits to `doc` and returns the new text.
pub fn finalize(doc: &Document, f: &Finalize) -> String {
    finalize_report(doc, f).text
}

/// Applies the publication edits to `doc`: placeholders filled, the date set, attribution
/// comments removed (all in place, so lines stay the draft's), then stale events and empty
/// sections pruned (see [`crate::prune`]), with a report of what was pruned.
pub fn finalize_report(doc: &Document, f: &Finalize) -> Finalized {
    let mut text = fill_placeholders(doc, f.reddit, f.jobs);
    if let Some(date) = f.date {
        let d = Document::parse(text.as_str());
        if let Some(field) = d.meta.field("date") {
            text.replace_range(field.value_span.range(), &date.to_string());
        }
    }
    let text = strip_attributions(&text);
    let doc = Document::parse(text);
    let pruned = prune(
        &doc,
        &PruneOptions {
            date: f.date.or_else(|| doc.meta.date()),
            boilerplate: f.boilerplate,
            drop_unfilled: f.drop_unfilled,
            keep_stale_events: f.keep_stale_events,
        },
    );
    Finalized {
        text: pruned.text,
        sections: pruned.sections,
        stale: pruned.stale,
    }
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
                ..Default::default()
            },
        );
        assert_eq!(
            out,
            "Title: T 5\nNumber: 5\nDate: 2026-01-08\n\n## Community\n\n### Misc\n* [A](https://a)\n\n## Jobs\n[jobs](https://jobs)\n\n<small>[Discuss](https://r/this_week_in_rust_5/)</small>\n"
        );
    }
}
