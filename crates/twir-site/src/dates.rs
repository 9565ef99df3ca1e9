//! Issue dates in the site's time zone and the formats pages and feeds need.

use crate::error::SiteError;
use jiff::ZonedDateTime as Zoned;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

/// Looks up the configured IANA time zone.
pub fn time_zone(name: &str) -> Result<TimeZone, SiteError> {
    TimeZone::get(name).map_err(|e| SiteError::TimeZone {
        name: name.to_string(),
        message: e.to_string(),
    })
}

/// A local date and time (midnight when the issue gave no time) placed in `tz`. Times that do
/// not exist locally (spring-forward gaps) move forward, as clocks do.
pub fn localize(dt: DateTime, tz: &TimeZone) -> Result<Zoned, jiff::Error> {
    dt.to_zoned_datetime(tz.clone())
}

/// `2023-11-22T00:00:00-05:00` (Atom, sitemap, `<time datetime>`).
pub fn rfc3339(z: &Zoned) -> String {
    z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// `Wed, 22 Nov 2023 00:00:00 -0500` (RSS).
pub fn rfc822(z: &Zoned) -> String {
    z.strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// `22 November 2023` (pages).
pub fn human(z: &Zoned) -> String {
    z.strftime("%-d %B %Y").to_string()
}

/// `2023-11-22`.
pub fn ymd(z: &Zoned) -> String {
    z.strftime("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_york_midnight_and_dst() {
        let tz = time_zone("America/New_York").unwrap();
        let winter = localize(DateTime::constant(2023, 11, 22, 0, 0, 0, 0), &tz).unwrap();
        assert_eq!(rfc3339(&winter), "2023-11-22T00:00:00-05:00");
        assert_eq!(rfc822(&winter), "Wed, 22 Nov 2023 00:00:00 -0500");
        assert_eq!(human(&winter), "22 November 2023");
        let summer = localize(DateTime::constant(2013, 6, 7, 18, 46, 0, 0), &tz).unwrap();
        assert_eq!(rfc3339(&summer), "2013-06-07T18:46:00-04:00");
        assert!(time_zone("Mars/Olympus").is_err());
    }
}
