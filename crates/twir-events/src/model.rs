//! The event model: one TWiR "Upcoming Events" entry and the region headings.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::geo::{self, Continent};
use crate::location::Location;

/// A Markdown link `[text](url)` naming an organizer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    /// Link text, as Markdown (kept verbatim).
    pub text: String,
    /// Link target.
    pub url: String,
}

/// One community event, as listed in TWiR.
///
/// Text fields hold Markdown exactly as it appears between the delimiters of
/// the entry (`[...]`, `(...)`, `[**...**]`), so printing an event that was
/// parsed from TWiR reproduces its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// First day, in the event's own local time.
    pub start: Date,
    /// Last day for multi-day events (conferences); `None` for one-day events.
    pub end: Option<Date>,
    /// Where the event happens, and whether it is virtual or hybrid.
    pub location: Location,
    /// Name of the organizing group.
    pub organizer: String,
    /// Link to the organizing group.
    pub organizer_url: String,
    /// Further organizers linked on the same line (TWiR joins them with ` | `).
    pub co_organizers: Vec<Link>,
    /// Event title (printed in bold).
    pub title: String,
    /// Link to the event page.
    pub url: String,
    /// Further links on the title line (livestream, mirror page), text verbatim;
    /// printed after the title joined with ` | `.
    pub extra_links: Vec<Link>,
    /// IANA time zone the source stated for the event, when it stated one.
    ///
    /// Not printed: for virtual events the zone shows up through the location
    /// (`Virtual (Berlin, DE)`), or as `Virtual (UTC+2)` when a source gave a zone
    /// but no place (see [`Location::utc_offset`]).
    pub time_zone: Option<String>,
}

impl Event {
    /// True for purely virtual events (listed under `### Virtual` only).
    pub fn is_virtual(&self) -> bool {
        self.location.is_virtual()
    }

    /// True for hybrid events (listed under `### Virtual` and their continent).
    pub fn is_hybrid(&self) -> bool {
        self.location.is_hybrid()
    }

    /// Last day of the event (the start day for one-day events).
    pub fn last_day(&self) -> Date {
        self.end.unwrap_or(self.start)
    }

    /// True when any day of the event falls in `[first, last]` (inclusive).
    pub fn overlaps(&self, first: Date, last: Date) -> bool {
        self.start <= last && self.last_day() >= first
    }
}

/// The headings of TWiR's events section, in the order TWiR prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Region {
    /// `### Virtual`: virtual and hybrid events.
    Virtual,
    /// `### Africa`
    Africa,
    /// `### Asia`
    Asia,
    /// `### Europe`
    Europe,
    /// `### North America` (includes Central America and the Caribbean).
    NorthAmerica,
    /// `### Oceania`
    Oceania,
    /// `### South America`
    SouthAmerica,
}

impl Region {
    /// All regions in TWiR's heading order.
    pub const ALL: [Region; 7] = [
        Region::Virtual,
        Region::Africa,
        Region::Asia,
        Region::Europe,
        Region::NorthAmerica,
        Region::Oceania,
        Region::SouthAmerica,
    ];

    /// The heading text, e.g. `North America`.
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

    /// Recognises a heading line such as `### Europe` (also `# Oceania`,
    /// `### Oceania:` and `### Online` for Virtual, which occur in the archive) or a
    /// bare heading name.
    pub fn from_heading(line: &str) -> Option<Region> {
        let name = line
            .trim()
            .trim_start_matches('#')
            .trim()
            .trim_end_matches(':')
            .trim();
        if name.eq_ignore_ascii_case("online") {
            return Some(Region::Virtual);
        }
        Region::ALL
            .into_iter()
            .find(|r| r.heading().eq_ignore_ascii_case(name))
    }

    fn from_continent(c: Continent) -> Option<Region> {
        match c {
            Continent::Africa => Some(Region::Africa),
            Continent::Asia => Some(Region::Asia),
            Continent::Europe => Some(Region::Europe),
            Continent::NorthAmerica => Some(Region::NorthAmerica),
            Continent::Oceania => Some(Region::Oceania),
            Continent::SouthAmerica => Some(Region::SouthAmerica),
            Continent::Antarctica => None,
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.heading())
    }
}

/// The primary region of a location: `Virtual` for virtual events, the
/// continent of the country for in-person and hybrid events.
///
/// Returns `None` when the country is missing or unknown (accepts ISO codes,
/// TWiR's `UK` and full country names), or lies in Antarctica.
pub fn region_for(location: &Location) -> Option<Region> {
    if location.is_virtual() {
        return Some(Region::Virtual);
    }
    Region::from_continent(country_of(location)?.continent)
}

/// The country a location is in. The last part is read as a country (`DE`, `UK`, `Israel`),
/// except in `City, ST` where `ST` is a state of the US, Canada or Australia and the city a
/// known one there: `Columbus, IL` is in the US, not in Israel (while `Vancouver, CA` stays
/// in Canada and `Tel Aviv, IL` in Israel).
pub fn country_of(location: &Location) -> Option<&'static geo::CountryInfo> {
    let written = location.country.as_deref()?;
    let as_country = geo::country(written);
    if location.state.is_none()
        && let Some(city) = location.city.as_deref()
    {
        if let Some(c) = as_country
            && geo::uses_state(c.code)
            && geo::city_state(c.code, city).is_some()
        {
            return as_country;
        }
        for cc in ["US", "CA", "AU"] {
            if as_country.is_none_or(|c| c.code != cc)
                && geo::subdivision(cc, written).is_some()
                && geo::city_state(cc, city).is_some()
            {
                return geo::country(cc);
            }
        }
    }
    as_country
}

/// Every heading an event with this location is listed under: hybrid events
/// appear under `Virtual` and under their continent, as TWiR lists them.
pub fn regions_for(location: &Location) -> Vec<Region> {
    let mut out = Vec::with_capacity(2);
    if location.is_hybrid() {
        out.push(Region::Virtual);
    }
    if let Some(r) = region_for(location)
        && !out.contains(&r)
    {
        out.push(r);
    }
    if out.is_empty() && location.is_hybrid() {
        out.push(Region::Virtual);
    }
    out
}

/// Ordering key of an entry inside a region: date, then the location as
/// printed, then organizer, title and URL (which only break exact ties so the
/// output is deterministic).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    /// Start date.
    pub start: Date,
    /// Location as printed (`Hybrid (...)` sorts before `Virtual (...)`).
    pub location: String,
    /// Organizer name.
    pub organizer: String,
    /// Title.
    pub title: String,
    /// Event URL.
    pub url: String,
}

/// The key TWiR sorts entries by inside each region.
pub fn sort_key(event: &Event) -> SortKey {
    SortKey {
        start: event.start,
        location: event.location.to_string(),
        organizer: event.organizer.clone(),
        title: event.title.clone(),
        url: event.url.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::LocationKind;

    fn loc(kind: LocationKind, country: Option<&str>) -> Location {
        Location {
            kind,
            city: Some("X".into()),
            state: None,
            country: country.map(str::to_string),
            utc_offset: None,
        }
    }

    #[test]
    fn headings_round_trip_and_variants() {
        for r in Region::ALL {
            assert_eq!(Region::from_heading(&format!("### {r}")), Some(r));
        }
        assert_eq!(Region::from_heading("### Oceania:"), Some(Region::Oceania));
        assert_eq!(Region::from_heading("# Oceania"), Some(Region::Oceania));
        assert_eq!(Region::from_heading("### Jobs"), None);
    }

    #[test]
    fn regions_follow_country_and_kind() {
        use LocationKind::*;
        assert_eq!(region_for(&loc(InPerson, Some("DE"))), Some(Region::Europe));
        assert_eq!(region_for(&loc(InPerson, Some("UK"))), Some(Region::Europe));
        assert_eq!(region_for(&loc(InPerson, Some("IL"))), Some(Region::Asia));
        assert_eq!(
            region_for(&loc(InPerson, Some("MX"))),
            Some(Region::NorthAmerica)
        );
        assert_eq!(
            region_for(&loc(InPerson, Some("Brazil"))),
            Some(Region::SouthAmerica)
        );
        assert_eq!(region_for(&loc(InPerson, Some("ZZ"))), None);
        let city = |c: &str, cc: &str| Location::in_person(c, None, cc);
        assert_eq!(
            region_for(&city("Columbus", "IL")),
            Some(Region::NorthAmerica)
        );
        assert_eq!(
            region_for(&city("Atlanta", "GA")),
            Some(Region::NorthAmerica)
        );
        assert_eq!(region_for(&city("Tel Aviv", "IL")), Some(Region::Asia));
        assert_eq!(
            region_for(&city("Vancouver", "CA")),
            Some(Region::NorthAmerica)
        );
        assert_eq!(
            country_of(&city("Vancouver", "CA")).map(|c| c.code),
            Some("CA")
        );
        assert_eq!(region_for(&city("Berlin", "DE")), Some(Region::Europe));
        assert_eq!(region_for(&loc(Virtual, Some("DE"))), Some(Region::Virtual));
        assert_eq!(region_for(&loc(Hybrid, Some("AU"))), Some(Region::Oceania));
        assert_eq!(
            regions_for(&loc(Hybrid, Some("AU"))),
            vec![Region::Virtual, Region::Oceania]
        );
        assert_eq!(
            regions_for(&loc(Virtual, Some("US"))),
            vec![Region::Virtual]
        );
        assert_eq!(
            regions_for(&loc(InPerson, Some("ZA"))),
            vec![Region::Africa]
        );
    }
}
