//! Reading one source file into an [`Entry`]: metadata checks first (cheap, reported with
//! file:line), then the Markdown body rendered once and kept for every page and feed.

use crate::error::SiteError;
use crate::model::{Entry, Heading, Kind, Term};
use crate::{dates, urls};
use jiff::tz::TimeZone;
use std::path::Path;
use std::sync::Arc;
use twir_content::Metadata;

/// A source file whose metadata is resolved but whose body is not rendered yet.
#[derive(Debug)]
pub struct Parsed {
    /// Everything but `html` and `headings`.
    pub entry: Entry,
    source: String,
    body_start: usize,
}

/// Reads and checks `path`. Issues and drafts need `Title:` and a valid `Date:`; pages need
/// a `Title:`.
pub fn parse(path: &Path, kind: Kind, tz: &TimeZone) -> Result<Parsed, SiteError> {
    let source = twir_content::load::read_text(path)?;
    parse_source(path, source, kind, tz)
}

/// Like [`parse`], on text already read.
pub fn parse_source(
    path: &Path,
    source: String,
    mut kind: Kind,
    tz: &TimeZone,
) -> Result<Parsed, SiteError> {
    let meta = Metadata::parse(&source);
    if let Some(r) = meta.repeated.first() {
        return Err(SiteError::RepeatedField {
            path: path.to_path_buf(),
            line: r.line,
            first_line: r.first_line,
            key: r.key.clone(),
        });
    }
    let header_line = meta.fields.first().map(|f| f.line).unwrap_or(1);
    let missing = |field| SiteError::MissingField {
        path: path.to_path_buf(),
        line: header_line,
        field,
    };
    let title = meta
        .title()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| missing("Title"))?
        .to_string();
    let date = match meta.field("date") {
        Some(f) => {
            let dt = meta.datetime().ok_or_else(|| {
                invalid(path, f, "Date", "expected YYYY-MM-DD or YYYY-MM-DD HH:MM")
            })?;
            Some(dates::localize(dt, tz).map_err(|e| invalid(path, f, "Date", &e.to_string()))?)
        }
        None if kind == Kind::Page => None,
        None => return Err(missing("Date")),
    };
    if kind == Kind::Issue
        && meta
            .get("status")
            .is_some_and(|s| s.trim().eq_ignore_ascii_case("draft"))
    {
        kind = Kind::Draft;
    }
    let slug = twir_content::identity::slug(&meta).map_err(|e| SiteError::InvalidField {
        path: path.to_path_buf(),
        line: e.line,
        field: e.field,
        value: e.value,
        reason: e.reason.to_string(),
    })?;
    let url = match (&date, kind) {
        (_, Kind::Page) => urls::page(&slug),
        (Some(d), _) => urls::issue(d.date(), &slug),
        (None, _) => return Err(missing("Date")),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let body_start = meta.span.end;
    let entry = Entry {
        kind,
        source: path.to_path_buf(),
        stem,
        title,
        number: meta.number(),
        slug,
        date,
        category: meta
            .category()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(Term::new),
        tags: meta.tags().into_iter().map(Term::new).collect(),
        author: meta.get("author").map(str::to_string),
        summary: meta.get("summary").map(str::to_string),
        url,
        html: Arc::from(""),
        headings: Vec::new(),
        pelican: None,
    };
    Ok(Parsed {
        entry,
        source,
        body_start,
    })
}

fn invalid(
    path: &Path,
    f: &twir_content::MetaField,
    field: &'static str,
    reason: &str,
) -> SiteError {
    SiteError::InvalidField {
        path: path.to_path_buf(),
        line: f.line,
        field,
        value: f.value.clone(),
        reason: reason.to_string(),
    }
}

impl Parsed {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    /// Renders the body, completing the entry.
    pub fn render(self) -> Entry {
        let (html, headings) = crate::markdown::render(self.body());
        Entry {
            html: Arc::from(html),
            headings,
            ..self.entry
        }
    }
}

/// Parses and renders in one go.
pub fn load(path: &Path, kind: Kind, tz: &TimeZone) -> Result<Entry, SiteError> {
    Ok(parse(path, kind, tz)?.render())
}

/// Turns the renderer's headings into ours.
pub(crate) fn headings(list: Vec<twir_markdown::Heading>) -> Vec<Heading> {
    list.into_iter()
        .map(|h| Heading {
            level: h.level,
            id: h.id,
            text: h.text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> TimeZone {
        dates::time_zone("America/New_York").unwrap()
    }

    fn parse_str(src: &str, kind: Kind) -> Result<Parsed, SiteError> {
        parse_source(Path::new("content/x.md"), src.to_string(), kind, &tz())
    }

    #[test]
    fn resolves_url_slug_and_date() {
        let p = parse_str(
            "Title: This Week in Rust 522\nNumber: 522\nDate: 2023-11-22\nCategory: This Week in Rust\nTags: a, B c\n\nHi\n",
            Kind::Issue,
        )
        .unwrap();
        assert_eq!(p.entry.url, "blog/2023/11/22/this-week-in-rust-522/");
        assert_eq!(p.entry.number, Some(522));
        assert_eq!(
            dates::rfc3339(p.entry.date.as_ref().unwrap()),
            "2023-11-22T00:00:00-05:00"
        );
        assert_eq!(p.entry.category.as_ref().unwrap().slug, "this-week-in-rust");
        assert_eq!(p.entry.tags[1].slug, "b-c");
        assert_eq!(p.body(), "Hi\n");
        let p = parse_str(
            "Title: X\nSlug: custom\nDate: 2013-06-07 18:46\n\n",
            Kind::Issue,
        )
        .unwrap();
        assert_eq!(p.entry.url, "blog/2013/06/07/custom/");
        let p = parse_str("Title: X\nDate: 2024-01-01\nStatus: draft\n\n", Kind::Issue).unwrap();
        assert_eq!(p.entry.kind, Kind::Draft);
        let p = parse_str("Title: About Us\n\nText", Kind::Page).unwrap();
        assert_eq!(p.entry.url, "pages/about-us.html");
    }

    #[test]
    fn reports_missing_and_invalid_fields_with_lines() {
        let e = parse_str("Number: 1\nDate: 2024-01-01\n\n", Kind::Issue).unwrap_err();
        assert_eq!(
            e.to_string(),
            "content/x.md:1: missing `Title:` in the metadata header"
        );
        let e = parse_str("Title: A\n\n", Kind::Issue).unwrap_err();
        assert!(e.to_string().contains("missing `Date:`"), "{e}");
        let e = parse_str("Title: A\nNumber: 1\nDate: 2024-13-01\n\n", Kind::Issue).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("content/x.md:3: invalid `Date:` value `2024-13-01`"),
            "{e}"
        );
        let e = parse_str("Title: A\nDate: 2024-01-01\nSlug: ../x\n\n", Kind::Issue).unwrap_err();
        assert!(
            e.to_string().starts_with("content/x.md:3: invalid `Slug:`"),
            "{e}"
        );
        let e = parse_str("Title: !!!\nDate: 2024-01-01\n\n", Kind::Issue).unwrap_err();
        assert!(e.to_string().contains("empty URL slug"), "{e}");
        let e = parse_str("no header here\n", Kind::Page).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("content/x.md:1: missing `Title:`"),
            "{e}"
        );
    }
}
