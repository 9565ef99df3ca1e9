//! Which issue comes next: its number, its date, and the previous issue.

use crate::error::WorkflowError;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use std::path::PathBuf;
use twir_content::load::read_text;
use twir_content::{Metadata, Site};

/// The issue a new draft is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextIssue {
    /// Its number: the newest published issue's number + 1.
    pub number: u32,
    /// Its date.
    pub date: Date,
    /// The newest published issue.
    pub previous: PathBuf,
    /// The newest published issue's date.
    pub previous_date: Date,
    /// The text after the date in issue file names (`this-week-in-rust`).
    pub name_suffix: String,
}

impl NextIssue {
    /// File name of the draft: `YYYY-MM-DD-<suffix>.md`.
    pub fn file_name(&self) -> String {
        format!("{}-{}.md", self.date, self.name_suffix)
    }

    /// A warning when the issue does not come exactly a week after the previous one.
    pub fn cadence_warning(&self) -> Option<String> {
        let days = (self.date - self.previous_date).get_days();
        let week = self.previous_date.checked_add(7.days()).ok() == Some(self.date);
        (!week).then(|| {
            format!(
                "the new issue's date {} is {days} days after the previous issue ({}), not 7",
                self.date, self.previous_date
            )
        })
    }
}

/// The Wednesday 4 to 10 days after `today` (TWiR publishes on Wednesdays); `today` itself
/// at the very end of the calendar, where there is no such day.
pub fn default_issue_date(today: Date) -> Date {
    (4..=10)
        .filter_map(|n| today.checked_add(n.days()).ok())
        .find(|d| d.weekday() == Weekday::Wednesday)
        .unwrap_or(today)
}

/// The number after `number`, or the error naming `path`'s `Number:` line when there is none.
pub fn successor(number: u32, path: &std::path::Path, line: usize) -> Result<u32, WorkflowError> {
    number
        .checked_add(1)
        .ok_or_else(|| WorkflowError::BadMetadata {
            path: path.to_path_buf(),
            line,
            message: format!(
                "`Number: {number}` is the largest issue number; there is no next one"
            ),
        })
}

/// The day `days` after `date`, or the error naming `path`'s `Date:` line when the calendar
/// ends first.
pub fn days_after(
    date: Date,
    days: i64,
    path: &std::path::Path,
    line: usize,
) -> Result<Date, WorkflowError> {
    jiff::Span::new()
        .try_days(days)
        .and_then(|span| date.checked_add(span))
        .map_err(|_| WorkflowError::BadMetadata {
            path: path.to_path_buf(),
            line,
            message: format!("{date} + {days} days is past the last date twir knows (9999-12-31)"),
        })
}

/// Works out the next issue from the newest published issue that has a `Number`.
/// `date` defaults to [`default_issue_date`] of `today`.
pub fn next_issue(
    site: &Site,
    date: Option<Date>,
    today: Date,
) -> Result<NextIssue, WorkflowError> {
    let issues = site.issues()?;
    let mut best: Option<(u32, usize, Date, PathBuf, String)> = None;
    for f in issues.iter().rev() {
        // Only the header matters here; skip parsing bodies.
        let meta = Metadata::parse(&read_text(&f.path)?);
        let Some(number) = meta.number() else {
            continue;
        };
        let Some(pdate) = meta.date().or(f.name_date) else {
            let line = meta.field("date").map(|f| f.line).unwrap_or(1);
            return Err(WorkflowError::BadMetadata {
                path: f.path.clone(),
                line,
                message: "missing or malformed `Date:` (expected YYYY-MM-DD)".into(),
            });
        };
        if best.as_ref().is_none_or(|(n, ..)| number > *n) {
            let line = meta.field("number").map(|f| f.line).unwrap_or(1);
            best = Some((number, line, pdate, f.path.clone(), suffix_of(&f.stem)));
        }
    }
    let (number, number_line, previous_date, previous, name_suffix) =
        best.ok_or_else(|| WorkflowError::NoPreviousIssue(site.content_dir()))?;
    Ok(NextIssue {
        number: successor(number, &previous, number_line)?,
        date: date.unwrap_or_else(|| default_issue_date(today)),
        previous,
        previous_date,
        name_suffix,
    })
}

/// `2024-01-03-this-week-in-rust` -> `this-week-in-rust`.
fn suffix_of(stem: &str) -> String {
    let parts: Vec<&str> = stem.splitn(4, '-').collect();
    match parts.as_slice() {
        [_, _, _, rest] if twir_content::site::date_prefix(stem).is_some() => rest.to_string(),
        _ => "this-week-in-rust".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_date_is_the_wednesday_four_to_ten_days_ahead() {
        // 2026-11-25 is a Wednesday: +4 is Sunday, the next Wednesday is 2026-12-02.
        assert_eq!(
            default_issue_date(Date::constant(2026, 11, 25)),
            Date::constant(2026, 12, 2)
        );
        // From a Saturday (2026-11-28): +4 = Wednesday 2026-12-02 itself.
        assert_eq!(
            default_issue_date(Date::constant(2026, 11, 28)),
            Date::constant(2026, 12, 2)
        );
        // From a Sunday (2026-11-29): +4 = Thursday, so the Wednesday after, 10 days ahead.
        assert_eq!(
            default_issue_date(Date::constant(2026, 11, 29)),
            Date::constant(2026, 12, 9)
        );
        // No Wednesday left in the calendar: no panic.
        assert_eq!(default_issue_date(Date::MAX), Date::MAX);
    }

    #[test]
    fn the_calendar_and_the_numbers_end_with_an_error() {
        let p = std::path::Path::new("content/x.md");
        let e = successor(u32::MAX, p, 2).unwrap_err().to_string();
        assert!(e.starts_with("content/x.md:2: `Number: 4294967295`"), "{e}");
        assert_eq!(successor(7, p, 2).unwrap(), 8);
        let e = days_after(Date::MAX, 7, p, 3).unwrap_err().to_string();
        assert!(e.starts_with("content/x.md:3: 9999-12-31 + 7 days"), "{e}");
        assert!(days_after(Date::MIN, i64::from(u32::MAX), p, 3).is_err());
        assert_eq!(
            days_after(Date::constant(2026, 1, 7), 7, p, 3).unwrap(),
            Date::constant(2026, 1, 14)
        );
        let n = NextIssue {
            number: 2,
            date: Date::MAX,
            previous: PathBuf::new(),
            previous_date: Date::constant(9999, 12, 30),
            name_suffix: "x".into(),
        };
        assert!(n.cadence_warning().unwrap().contains("1 days"));
    }

    #[test]
    fn suffix_from_stem() {
        assert_eq!(
            suffix_of("2024-01-03-this-week-in-rust"),
            "this-week-in-rust"
        );
        assert_eq!(
            suffix_of("2020-12-2-this-week-in-rust"),
            "this-week-in-rust"
        );
        assert_eq!(suffix_of("weird"), "this-week-in-rust");
    }

    #[test]
    fn cadence_warning_only_off_week() {
        let mut n = NextIssue {
            number: 2,
            date: Date::constant(2026, 1, 14),
            previous: PathBuf::new(),
            previous_date: Date::constant(2026, 1, 7),
            name_suffix: "x".into(),
        };
        assert!(n.cadence_warning().is_none());
        n.date = Date::constant(2026, 1, 21);
        assert!(n.cadence_warning().unwrap().contains("14 days"));
    }
}
