//! The date range a newsletter issue covers.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

use crate::GitHubError;

/// An inclusive range of UTC calendar days, e.g. 2026-08-11..=2026-08-18.
///
/// TWiR issues come out on Wednesdays and cover "the previous Tuesday to
/// this Tuesday", both ends included (so consecutive windows share their
/// boundary Tuesday, exactly like the `merged:A..B` searches the newsletter
/// links to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// First day (inclusive).
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
}

impl Window {
    /// A window from `start` to `end`, both inclusive.
    pub fn new(start: Date, end: Date) -> Result<Self, GitHubError> {
        if start > end {
            return Err(GitHubError::InvalidWindow(format!(
                "start {start} is after end {end}"
            )));
        }
        Ok(Window { start, end })
    }

    /// The standard window for an issue published on `issue_date`: from the
    /// Tuesday a week before "this Tuesday" to "this Tuesday", where "this
    /// Tuesday" is the last Tuesday strictly before `issue_date`.
    ///
    /// For the usual Wednesday issue 2026-08-19 that is 2026-08-11..=2026-08-18.
    pub fn for_issue(issue_date: Date) -> Self {
        Window::ending_before(issue_date, Weekday::Tuesday, 7)
    }

    /// A window of `days + 1` calendar days ending on the last `weekday`
    /// strictly before `date` (for a differently timed schedule).
    pub fn ending_before(date: Date, weekday: Weekday, days: i16) -> Self {
        let back = (date.weekday().to_monday_zero_offset() - weekday.to_monday_zero_offset())
            .rem_euclid(7);
        let back = if back == 0 { 7 } else { back };
        let end = date.saturating_sub(jiff::Span::new().days(i64::from(back)));
        let start = end.saturating_sub(jiff::Span::new().days(i64::from(days)));
        Window { start, end }
    }

    /// Whether the UTC calendar day of `ts` lies within the window.
    pub fn contains(&self, ts: Timestamp) -> bool {
        let day = ts.to_zoned_datetime(TimeZone::UTC).date();
        self.start <= day && day <= self.end
    }

    /// First instant of the window (start day, 00:00:00 UTC).
    pub fn start_timestamp(&self) -> Timestamp {
        midnight_utc(self.start)
    }

    /// First instant after the window (the day after `end`, 00:00:00 UTC).
    pub fn end_exclusive_timestamp(&self) -> Timestamp {
        midnight_utc(self.end.saturating_add(jiff::Span::new().days(1)))
    }

    /// GitHub search range syntax, `2026-08-11..2026-08-18`.
    pub fn search_range(&self) -> String {
        format!("{}..{}", self.start, self.end)
    }
}

fn midnight_utc(date: Date) -> Timestamp {
    date.to_datetime(jiff::civil::Time::midnight())
        .to_zoned_datetime(TimeZone::UTC)
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MIN)
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn wednesday_issue_covers_tuesday_to_tuesday() {
        let w = Window::for_issue(date(2026, 8, 19));
        assert_eq!(w.start, date(2026, 8, 11));
        assert_eq!(w.end, date(2026, 8, 18));
        assert_eq!(w.search_range(), "2026-08-11..2026-08-18");
    }

    #[test]
    fn matches_archive_across_year_boundary() {
        // Issue 2026-01-07 linked merged:2025-12-30..2026-01-06.
        let w = Window::for_issue(date(2026, 1, 7));
        assert_eq!(w.search_range(), "2025-12-30..2026-01-06");
    }

    #[test]
    fn non_wednesday_dates_use_last_tuesday_before() {
        let w = Window::for_issue(date(2026, 8, 18)); // a Tuesday
        assert_eq!(w.end, date(2026, 8, 11));
        let w = Window::for_issue(date(2026, 8, 21)); // a Friday
        assert_eq!(w.end, date(2026, 8, 18));
    }

    #[test]
    fn contains_is_inclusive_by_utc_day() {
        let w = Window::for_issue(date(2026, 8, 19));
        let ts = |s: &str| s.parse::<Timestamp>().unwrap();
        assert!(w.contains(ts("2026-08-11T00:00:00Z")));
        assert!(w.contains(ts("2026-08-18T23:59:59Z")));
        assert!(!w.contains(ts("2026-08-19T00:00:00Z")));
        assert!(!w.contains(ts("2026-08-10T23:59:59Z")));
        assert_eq!(w.start_timestamp(), ts("2026-08-11T00:00:00Z"));
        assert_eq!(w.end_exclusive_timestamp(), ts("2026-08-19T00:00:00Z"));
    }

    #[test]
    fn inverted_window_is_rejected() {
        assert!(Window::new(date(2026, 1, 2), date(2026, 1, 1)).is_err());
    }
}
