//! What the event rules and the formatter need to know about an event entry: its dates, whether
//! it is virtual or hybrid, which region headings it belongs under, and its sort key.
//!
//! This is deliberately a small seam: the `twir-events` crate owns the full event semantics
//! (location normalisation, the complete country tables). Everything here goes through
//! [`parse_event`], [`regions`] and [`sort_key`], so switching to `twir_events::parse_entry`,
//! `regions_for` and `sort_key` touches only this file.

use jiff::civil::Date;
use twir_content::metadata::parse_date_strict;

/// A region heading of the Upcoming Events section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    /// `### Virtual` (also `### Online` in old issues).
    Virtual,
    /// `### Africa`
    Africa,
    /// `### Asia`
    Asia,
    /// `### Europe`
    Europe,
    /// `### North America`
    NorthAmerica,
    /// `### Oceania`
    Oceania,
    /// `### South America`
    SouthAmerica,
}

impl Region {
    /// The region a heading names (`Oceania:` and `Online` occur in the archive).
    pub fn from_heading(text: &str) -> Option<Region> {
        let t = text.trim().trim_end_matches(':').trim().to_ascii_lowercase();
        Some(match t.as_str() {
            "virtual" | "online" => Region::Virtual,
            "africa" => Region::Africa,
            "asia" => Region::Asia,
            "europe" => Region::Europe,
            "north america" => Region::NorthAmerica,
            "oceania" => Region::Oceania,
            "south america" => Region::SouthAmerica,
            _ => return None,
        })
    }

    /// The heading text.
    pub fn heading(self) -> &'static str {
        match self {
            Region::Virtual => "Virtual",
            Region::Africa => "Africa",
            Region::Asia => "Asia",
            Region::Europe => "Europe",
            Region::NorthAmerica => "North America",
            Region::Oceania => "Oceania",
            Region::SouthAmerica => "South America",
        }
    }
}

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
    if location.trim().is_empty() {
        return Err("the location is empty".into());
    }
    let loc = location.trim();
    let lower = loc.to_ascii_lowercase();
    let in_person = lower.contains("in-person") || lower.contains("in person");
    let (attendance, place) = if lower.starts_with("hybrid") || (in_person && lower.starts_with("virtual")) {
        (Attendance::Hybrid, inner(loc))
    } else if lower.starts_with("virtual") || lower.starts_with("online") {
        (Attendance::Virtual, inner(loc))
    } else {
        (Attendance::InPerson, Some(loc))
    };
    let continent = place.and_then(|p| {
        let country = p.rsplit(',').next()?.trim();
        continent_of(country)
    });
    if attendance == Attendance::InPerson && !loc.contains(',') {
        return Err(format!(
            "the location `{loc}` should be `City, COUNTRY` (or `City, STATE, US`)"
        ));
    }
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

fn inner(loc: &str) -> Option<&str> {
    let open = loc.find('(')?;
    let close = loc.rfind(')')?;
    (close > open).then(|| &loc[open + 1..close])
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
            let e = parse_date_strict(b).ok_or_else(|| format!("`{b}` is not a YYYY-MM-DD date"))?;
            if e < start {
                return Err(format!("the event ends ({e}) before it starts ({start})"));
            }
            Some(e)
        }
        None => None,
    };
    Ok((start, end))
}

/// Country codes TWiR prints, by continent. Israel is listed under Asia, Turkey and Russia
/// under Europe, as TWiR does.
const COUNTRIES: &[(Region, &str)] = &[
    (
        Region::Africa,
        "DZ AO BJ BW BF BI CM CV CF TD KM CG CD CI DJ EG GQ ER ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD SZ TZ TG TN UG ZM ZW",
    ),
    (
        Region::Asia,
        "AF AM AZ BH BD BT BN KH CN GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM NP KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TM AE UZ VN YE",
    ),
    (
        Region::Europe,
        "AL AD AT BY BE BA BG HR CY CZ DK EE FI FR DE GR HU IS IE IT XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TR UA UK GB VA",
    ),
    (
        Region::NorthAmerica,
        "AG BS BB BZ CA CR CU DM DO SV GD GT HT HN JM MX NI PA KN LC VC TT US PR",
    ),
    (
        Region::Oceania,
        "AU FJ KI MH FM NR NZ PW PG WS SB TO TV VU",
    ),
    (
        Region::SouthAmerica,
        "AR BO BR CL CO EC GY PY PE SR UY VE",
    ),
];

fn continent_of(country: &str) -> Option<Region> {
    let c = country.trim();
    if c.len() != 2 {
        return None;
    }
    let c = c.to_ascii_uppercase();
    COUNTRIES
        .iter()
        .find(|(_, codes)| codes.split(' ').any(|x| x == c))
        .map(|(r, _)| *r)
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
        assert!(parse_event("2026-08-19", "Berlin").is_err());
    }

    #[test]
    fn headings() {
        assert_eq!(Region::from_heading("Oceania:"), Some(Region::Oceania));
        assert_eq!(Region::from_heading("Online"), Some(Region::Virtual));
        assert_eq!(Region::from_heading("Jobs"), None);
        assert_eq!(Region::NorthAmerica.heading(), "North America");
    }
}
