//! What the edition needs to know about an issue: title, number, date and web address.

use crate::error::EmailError;
use crate::urls::SiteUrls;
use jiff::civil::Date;
use twir_content::identity::{self, FieldError};
use twir_content::{Document, Site};

/// An issue's identity, read from its metadata header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueInfo {
    /// `Title:`.
    pub title: String,
    /// `Number:`, else the number ending the title ("This Week in Rust 57").
    pub number: u32,
    /// `Date:` (the day part).
    pub date: Date,
    /// Where the website shows it.
    pub urls: SiteUrls,
}

impl IssueInfo {
    /// Reads the header of `doc`; `Title` and `Date` are required, and a number must be found.
    pub fn new(site: &Site, doc: &Document) -> Result<IssueInfo, EmailError> {
        let file = doc.name();
        let missing = |field| EmailError::MissingField {
            file: file.clone(),
            field,
        };
        let title = doc
            .meta
            .title()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| missing("Title"))?
            .to_string();
        let raw_date = doc.meta.get("date").ok_or_else(|| missing("Date"))?;
        let line_of = |key: &str| doc.meta.field(key).map_or(1, |f| f.line);
        let date = doc.meta.date().ok_or_else(|| EmailError::InvalidField {
            file: file.clone(),
            line: line_of("date"),
            field: "Date",
            value: raw_date.to_string(),
            reason: "expected YYYY-MM-DD".into(),
        })?;
        let number = identity::number(&doc.meta)
            .map_err(|e| field_error(&file, e))?
            .ok_or_else(|| missing("Number"))?;
        let slug = identity::slug(&doc.meta).map_err(|e| field_error(&file, e))?;
        let urls = SiteUrls::new(&site.config.site.url, date, &slug)?;
        Ok(IssueInfo {
            title,
            number,
            date,
            urls,
        })
    }

    /// "August 19, 2026".
    pub fn date_long(&self) -> String {
        // The month's name from jiff's `%B`; day and year as plain numbers (`%Y` would pad
        // years before 1000).
        let month = self.date.strftime("%B");
        format!("{month} {}, {}", self.date.day(), self.date.year())
    }
}

/// A metadata field twir-content's issue identity rejects, in `file`.
pub(crate) fn field_error(file: &str, e: FieldError) -> EmailError {
    EmailError::InvalidField {
        file: file.to_string(),
        line: e.line,
        field: e.field,
        value: e.value,
        reason: e.reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(src: &str) -> Result<IssueInfo, EmailError> {
        let site = Site {
            root: ".".into(),
            config: Default::default(),
        };
        IssueInfo::new(&site, &Document::parse(src))
    }

    #[test]
    fn reads_the_header() {
        let i = info("Title: This Week in Rust 57\nDate: 2014-11-17 10:30\n\nx").unwrap();
        assert_eq!(i.number, 57);
        assert_eq!(i.date_long(), "November 17, 2014");
        assert_eq!(
            i.urls.web.as_str(),
            "https://this-week-in-rust.org/blog/2014/11/17/this-week-in-rust-57/"
        );
        let i = info("Title: T\nNumber: 3\nDate: 2020-01-02\nSlug: own\n\nx").unwrap();
        assert_eq!(i.number, 3);
        assert!(i.urls.web.as_str().ends_with("/2020/01/02/own/"));
    }

    #[test]
    fn slug_is_the_sites() {
        // The site refuses these `Slug:` values; the email used to fall back to the title's
        // slug and link to a page the site never wrote.
        for bad in ["", "a/b", ".."] {
            let e = info(&format!("Title: T 1\nDate: 2020-01-01\nSlug: {bad}\n\nx"))
                .unwrap_err()
                .to_string();
            assert_eq!(
                e,
                format!("<input>:3: invalid `Slug:` value {bad:?}: expected a URL path segment")
            );
        }
        let e = info("Title: !!!\nNumber: 1\nDate: 2020-01-01\n\nx")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("<input>:1: invalid `Title:`"), "{e}");
    }

    #[test]
    fn clear_errors() {
        let e = info("Title: T\n\nx").unwrap_err().to_string();
        assert_eq!(e, "<input>:1: missing `Date:` in the metadata header");
        let e = info("Title: T 1\nDate: soon\n\nx").unwrap_err().to_string();
        assert!(e.contains(":2: invalid `Date:` value \"soon\""), "{e}");
        let e = info("Title: T\nDate: 2020-01-01\n\nx")
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing `Number:`"), "{e}");
        let e = info("Title: T\nNumber: x\nDate: 2020-01-01\n\nx")
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected a whole number"), "{e}");
    }
}
