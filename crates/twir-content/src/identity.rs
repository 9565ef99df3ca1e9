//! An issue's identity on the web: its number, its URL slug, where the website puts it and
//! where the archive is. One home for the site, the email (its "view on the web" and archive
//! links) and the preview server, so that they never point to different places.
//!
//! Paths are relative to the site root, without a leading slash; folder paths end with `/`.

use crate::metadata::Metadata;
use crate::slug::pelican_slugify;
use jiff::civil::Date;

/// Where the site lists every issue by year.
pub const ARCHIVE_PATH: &str = "blog/archives/";

/// Where the site puts the issue published on `date` under `slug`:
/// `blog/2023/11/22/this-week-in-rust-522/`.
pub fn url_path(date: Date, slug: &str) -> String {
    format!(
        "blog/{:04}/{:02}/{:02}/{slug}/",
        date.year(),
        date.month(),
        date.day()
    )
}

/// A metadata field whose value cannot give an issue's identity. The caller adds the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: invalid `{field}:` value {value:?}: {reason}")]
pub struct FieldError {
    /// 1-based line of the field (of the header's first field when the field is missing).
    pub line: usize,
    /// The field: `Slug`, `Title` or `Number`.
    pub field: &'static str,
    /// Its value as written.
    pub value: String,
    /// What is wrong or expected.
    pub reason: &'static str,
}

/// The URL slug: `Slug:` when given, else Pelican's slug of `Title:`. A `Slug:` must be one
/// path segment (not empty, no `/`, `\`, `?` or `#`, not `.` or `..`); a title whose slug is
/// empty (`!!!`) needs a `Slug:`.
pub fn slug(meta: &Metadata) -> Result<String, FieldError> {
    if let Some(f) = meta.field("slug") {
        let s = f.value.trim();
        if s.is_empty() || s.contains(['/', '\\', '?', '#']) || s == "." || s == ".." {
            return Err(FieldError {
                line: f.line,
                field: "Slug",
                value: f.value.clone(),
                reason: "expected a URL path segment",
            });
        }
        return Ok(s.to_string());
    }
    let title = meta.field("title");
    let slug = title.map(|f| pelican_slugify(&f.value)).unwrap_or_default();
    if slug.is_empty() {
        return Err(FieldError {
            line: title
                .or(meta.fields.first())
                .map_or(1, |f: &crate::MetaField| f.line),
            field: "Title",
            value: title.map(|f| f.value.clone()).unwrap_or_default(),
            reason: "gives an empty URL slug; add a `Slug:`",
        });
    }
    Ok(slug)
}

/// The issue number: `Number:` (a whole number) when given, else the number ending the title
/// (older issues are titled "This Week in Rust 57" and have no `Number:`). `Ok(None)` when
/// neither gives one.
pub fn number(meta: &Metadata) -> Result<Option<u32>, FieldError> {
    match meta.field("number") {
        Some(f) => f.value.trim().parse().map(Some).map_err(|_| FieldError {
            line: f.line,
            field: "Number",
            value: f.value.clone(),
            reason: "expected a whole number",
        }),
        None => Ok(meta.title().and_then(title_number)),
    }
}

/// The number a title ends with: `This Week in Rust 57` -> 57.
pub fn title_number(title: &str) -> Option<u32> {
    title.split_whitespace().last()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(src: &str) -> Metadata {
        Metadata::parse(src)
    }

    #[test]
    fn paths() {
        let d = Date::new(2023, 11, 22).unwrap();
        assert_eq!(
            url_path(d, "this-week-in-rust-522"),
            "blog/2023/11/22/this-week-in-rust-522/"
        );
        assert_eq!(ARCHIVE_PATH, "blog/archives/");
    }

    #[test]
    fn slug_field_wins_and_must_be_one_segment() {
        assert_eq!(
            slug(&meta("Title: T 1\nSlug:  custom \n\n")).unwrap(),
            "custom"
        );
        assert_eq!(
            slug(&meta("Title: This Week in Rust 1\n\n")).unwrap(),
            "this-week-in-rust-1"
        );
        for bad in ["", "a/b", "a\\b", "a?b", "a#b", ".", ".."] {
            let e = slug(&meta(&format!(
                "Title: T 1\nDate: 2020-01-01\nSlug: {bad}\n\n"
            )))
            .unwrap_err();
            assert_eq!((e.line, e.field), (3, "Slug"), "{bad:?}");
            assert_eq!(
                e.to_string(),
                format!("line 3: invalid `Slug:` value {bad:?}: expected a URL path segment")
            );
        }
        let e = slug(&meta("Date: 2020-01-01\nTitle: !!!\n\n")).unwrap_err();
        assert_eq!((e.line, e.field, e.value.as_str()), (2, "Title", "!!!"));
        assert!(e.to_string().contains("empty URL slug"), "{e}");
        assert_eq!(slug(&meta("Date: 2020-01-01\n\n")).unwrap_err().line, 1);
    }

    #[test]
    fn numbers() {
        assert_eq!(number(&meta("Title: T\nNumber: 3\n\n")), Ok(Some(3)));
        assert_eq!(
            number(&meta("Title: This Week in Rust 57\n\n")),
            Ok(Some(57))
        );
        assert_eq!(number(&meta("Title: T\n\n")), Ok(None));
        let e = number(&meta("Title: T 4\nNumber: x\n\n")).unwrap_err();
        assert_eq!((e.line, e.field), (2, "Number"));
        assert_eq!(title_number("These Weeks in Rust"), None);
    }
}
