//! What the event rules and the formatter need to know about an event entry: its dates, whether
//! it is virtual or hybrid, which region headings it belongs under, and its sort key.
//!
//! The `twir-events` crate owns the event semantics (location grammar, country and continent
//! tables); this module adapts it to the checker: [`parse_event`] reads the date and location
//! fields, [`regions`] says which headings an event belongs under, and [`sort_key`] is the
//! order `event-order` checks and `twir fmt` sorts by (start date, then location as written,
//! so that sorting never rewrites an entry).

use jiff::civil::Date;
use twir_content::metadata::parse_date_strict;

/// A region heading of the Upcoming Events section (the events crate's, so that the checker
/// and the generators agree on the headings).
pub use twir_events::Region;

/// How people attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    /// On site only.
    InPerson,
    /// Online only (`Virtual`, `Virtual (Berlin, DE)`).
    Virtual,
    /// Both (`Hybrid (Vancouver, CA)`).
    Hybrid,
}

/// The facts of one event line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFacts {
    /// First day.
    pub start: Date,
    /// Last day of a multi-day event.
    pub end: Option<Date>,
    /// Virtual, hybrid or in person.
    pub attendance: Attendance,
    /// The continent of the place, when the country is known.
    pub continent: Option<Region>,
}

/// Parses the date and location fields of an event line.
pub fn parse_event(date: &str, location: &str) -> Result<EventFacts, String> {
    let (start, end) = parse_dates(date)?;
    let loc = twir_events::Location::parse(location).map_err(|e| e.to_string())?;
    let attendance = match loc.kind {
        twir_events::LocationKind::InPerson => Attendance::InPerson,
        twir_events::LocationKind::Virtual => Attendance::Virtual,
        twir_events::LocationKind::Hybrid => Attendance::Hybrid,
    };
    let continent = twir_events::regions_for(&loc)
        .into_iter()
        .find(|r| *r != Region::Virtual);
    Ok(EventFacts {
        start,
        end,
        attendance,
        continent,
    })
}

/// The headings an event may be listed under: virtual events under Virtual only, hybrid events
/// under Virtual and their continent, in-person events under their continent. Empty when the
/// continent is unknown (then any continent heading is accepted).
pub fn regions(facts: &EventFacts) -> Vec<Region> {
    match facts.attendance {
        Attendance::Virtual => vec![Region::Virtual],
        Attendance::Hybrid => {
            let mut v = vec![Region::Virtual];
            v.extend(facts.continent);
            v
        }
        Attendance::InPerson => facts.continent.into_iter().collect(),
    }
}

/// The order of entries inside a region: start date, then the location as written.
pub fn sort_key(date: &str, location: &str) -> Option<(Date, String)> {
    let (start, _) = parse_dates(date).ok()?;
    Some((start, location.trim().to_string()))
}

fn parse_dates(text: &str) -> Result<(Date, Option<Date>), String> {
    let t = text.trim();
    let (a, b) = match t.split_once(" - ") {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (t, None),
    };
    let start = parse_date_strict(a).ok_or_else(|| format!("`{a}` is not a YYYY-MM-DD date"))?;
    let end = match b {
        Some(b) => {
            let e =
                parse_date_strict(b).ok_or_else(|| format!("`{b}` is not a YYYY-MM-DD date"))?;
            if e < start {
                return Err(format!("the event ends ({e}) before it starts ({start})"));
            }
            Some(e)
        }
        None => None,
    };
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kinds_and_continents() {
        let f = parse_event("2026-08-19", "Hybrid (Vancouver, CA)").unwrap();
        assert_eq!(f.attendance, Attendance::Hybrid);
        assert_eq!(regions(&f), [Region::Virtual, Region::NorthAmerica]);
        let f = parse_event("2026-08-19", "Virtual (Berlin, DE)").unwrap();
        assert_eq!(regions(&f), [Region::Virtual]);
        let f = parse_event("2026-09-08 - 2026-09-11", "Montreal, QC, CA").unwrap();
        assert_eq!(f.end, Date::new(2026, 9, 11).ok());
        assert_eq!(regions(&f), [Region::NorthAmerica]);
        assert_eq!(
            regions(&parse_event("2026-01-01", "Tel Aviv, IL").unwrap()),
            [Region::Asia]
        );
        assert_eq!(
            regions(&parse_event("2026-01-01", "London, UK").unwrap()),
            [Region::Europe]
        );
    }

    #[test]
    fn rejects_bad_fields() {
        assert!(parse_event("2026-8-19", "Berlin, DE").is_err());
        assert!(parse_event("2026-08-19 - 2026-08-01", "Berlin, DE").is_err());
        assert!(parse_event("2026-08-19", "").is_err());
    }

    #[test]
    fn headings() {
        assert_eq!(Region::from_heading("Oceania:"), Some(Region::Oceania));
        assert_eq!(Region::from_heading("Online"), Some(Region::Virtual));
        assert_eq!(Region::from_heading("Jobs"), None);
        assert_eq!(Region::NorthAmerica.heading(), "North America");
    }
}
