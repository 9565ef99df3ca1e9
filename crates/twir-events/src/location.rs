//! The location field of an entry: `Berlin, DE`, `Seattle, WA, US`,
//! `Virtual`, `Virtual (Berlin, DE)`, `Hybrid (Vancouver, BC, CA)`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Whether people meet in person, online, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LocationKind {
    /// In person only: printed as the bare place.
    InPerson,
    /// Online only: `Virtual` or `Virtual (place)`, the place giving the time zone.
    Virtual,
    /// In person and online: `Hybrid (place)`.
    Hybrid,
}

/// A parsed location field.
///
/// `city`, `state` and `country` hold the text as written; use
/// [`crate::normalise_location`] to get canonical codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    /// In person, virtual or hybrid.
    pub kind: LocationKind,
    /// City (or any leading text of the place, e.g. `Frankfurt (Main)`).
    pub city: Option<String>,
    /// State/province/territory code (US, CA and AU entries).
    pub state: Option<String>,
    /// Country code (`DE`, `UK`, ...).
    pub country: Option<String>,
    /// For virtual events whose source gave a time zone but no place: the UTC
    /// offset in seconds, printed as `Virtual (UTC+2)` / `Virtual (UTC-3:30)`.
    pub utc_offset: Option<i32>,
}

/// Why a location field could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocationError {
    /// The field is blank.
    #[error("location is empty")]
    Empty,
    /// A part between commas is blank, or parentheses are unbalanced.
    #[error("location {0:?} is malformed: {1}")]
    Malformed(String, &'static str),
    /// The country is missing or not a known country.
    #[error("unknown country {0:?}")]
    UnknownCountry(String),
    /// A US/CA/AU location without a state code whose city is not in the table.
    #[error("location {0:?} needs a state/province/territory code")]
    MissingState(String),
    /// The state code is not a state of that country.
    #[error("{state:?} is not a state/province/territory of {country}")]
    UnknownState {
        /// The state as written.
        state: String,
        /// The canonical country code.
        country: String,
    },
}

/// Ways the archive writes "hybrid" before a parenthesised place, longest first
/// so that `Hybrid - Virtual and In-Person (...)` is not read as `Hybrid`.
const HYBRID_PREFIXES: &[&str] = &[
    "hybrid - virtual and in-person",
    "hybrid: virtual and in-person",
    "hybrid: in-person and virtual",
    "virtual and in-person",
    "virtual + in-person",
    "virtual + in person",
    "hybrid -",
    "hybrid:",
    "hybrid",
];

/// Ways the archive writes "hybrid" after a place: `Munich, DE + Virtual`.
const HYBRID_SUFFIXES: &[&str] = &["- virtual + in-person", "+ virtual"];

impl Location {
    /// An in-person location from parts.
    pub fn in_person(city: &str, state: Option<&str>, country: &str) -> Location {
        Location {
            kind: LocationKind::InPerson,
            city: Some(city.to_string()),
            state: state.map(str::to_string),
            country: Some(country.to_string()),
            utc_offset: None,
        }
    }

    /// True for purely virtual locations.
    pub fn is_virtual(&self) -> bool {
        self.kind == LocationKind::Virtual
    }

    /// True for hybrid locations.
    pub fn is_hybrid(&self) -> bool {
        self.kind == LocationKind::Hybrid
    }

    /// The place without the kind: `Seattle, WA, US`, or empty.
    pub fn place(&self) -> String {
        [&self.city, &self.state, &self.country]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Reads a location field as TWiR writes it (see the module docs). Accepts
    /// the older wordings of hybrid events (`Virtual and In-Person (...)`,
    /// `Munich, DE + Virtual`); they print back as `Hybrid (...)`.
    pub fn parse(text: &str) -> Result<Location, LocationError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(LocationError::Empty);
        }
        // No lower-cased copy: Unicode lower-casing of the whole text cost more than the rest
        // of the parse, and no other character lower-cases to one of `virtual`'s letters.
        if text.eq_ignore_ascii_case("virtual") {
            return Ok(Self::with_place(LocationKind::Virtual, None));
        }
        if let Some(rest) = strip_prefix_ci(text, "virtual")
            && rest.trim_start().starts_with('(')
        {
            let inner = parenthesised(text, rest)?;
            if let Some(off) = parse_utc_offset(inner) {
                let mut loc = Self::with_place(LocationKind::Virtual, None);
                loc.utc_offset = Some(off);
                return Ok(loc);
            }
            return Ok(Self::with_place(
                LocationKind::Virtual,
                Some(place(text, inner)?),
            ));
        }
        for prefix in HYBRID_PREFIXES {
            if let Some(rest) = strip_prefix_ci(text, prefix) {
                let rest = rest.trim();
                if rest.is_empty() {
                    return Ok(Self::with_place(LocationKind::Hybrid, None));
                }
                let inner = if rest.starts_with('(') {
                    parenthesised(text, rest)?
                } else {
                    rest
                };
                return Ok(Self::with_place(
                    LocationKind::Hybrid,
                    Some(place(text, inner)?),
                ));
            }
        }
        for suffix in HYBRID_SUFFIXES {
            if let Some(inner) = strip_suffix_ci(text, suffix) {
                return Ok(Self::with_place(
                    LocationKind::Hybrid,
                    Some(place(text, inner)?),
                ));
            }
        }
        Ok(Self::with_place(
            LocationKind::InPerson,
            Some(place(text, text)?),
        ))
    }

    fn with_place(kind: LocationKind, parts: Option<Parts>) -> Location {
        let (city, state, country) = parts.unwrap_or_default();
        Location {
            kind,
            city,
            state,
            country,
            utc_offset: None,
        }
    }
}

type Parts = (Option<String>, Option<String>, Option<String>);

/// `text` without `suffix` (compared ignoring ASCII case) at its end. Lower-casing the whole
/// text to compare would change byte lengths (`İ` becomes three bytes), so offsets found in the
/// lower-cased copy cannot be used on `text`.
fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let at = text.len().checked_sub(suffix.len())?;
    let tail = text.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..at])
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The text inside `( ... )` that must close at the end of `rest`.
fn parenthesised<'a>(whole: &str, rest: &'a str) -> Result<&'a str, LocationError> {
    let rest = rest.trim();
    rest.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .ok_or_else(|| {
            LocationError::Malformed(whole.to_string(), "text after the closing parenthesis")
        })
}

/// Splits `City[, ST], CC`. The second-to-last part counts as a state only when
/// it looks like a code (2-3 letters), so `Akwa Ibom State` stays in the city.
fn place(whole: &str, inner: &str) -> Result<Parts, LocationError> {
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(LocationError::Malformed(
            whole.to_string(),
            "empty part between commas",
        ));
    }
    let depth = inner.chars().fold(0i32, |d, c| match c {
        '(' => d + 1,
        ')' => d - 1,
        _ => d,
    });
    if depth != 0 {
        return Err(LocationError::Malformed(
            whole.to_string(),
            "unbalanced parentheses",
        ));
    }
    Ok(match parts.as_slice() {
        [] => (None, None, None),
        [city] => (Some(city.to_string()), None, None),
        [city, country] => (Some(city.to_string()), None, Some(country.to_string())),
        [head @ .., state, country] => {
            let is_code =
                (2..=3).contains(&state.len()) && state.chars().all(|c| c.is_ascii_alphabetic());
            if is_code {
                (
                    Some(head.join(", ")),
                    Some(state.to_string()),
                    Some(country.to_string()),
                )
            } else {
                (
                    Some(format!("{}, {state}", head.join(", "))),
                    None,
                    Some(country.to_string()),
                )
            }
        }
    })
}

/// `UTC`, `UTC+2`, `UTC-5`, `UTC+5:30`.
fn parse_utc_offset(text: &str) -> Option<i32> {
    let rest = text.trim().strip_prefix("UTC")?;
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, rest) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None => (rest, "0"),
    };
    let h: i32 = h.parse().ok().filter(|h| (0..=14).contains(h))?;
    let m: i32 = m.parse().ok().filter(|m| (0..60).contains(m))?;
    Some(sign * (h * 3600 + m * 60))
}

fn fmt_offset(secs: i32) -> String {
    if secs == 0 {
        return "UTC".to_string();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let (h, m) = (secs.abs() / 3600, secs.abs() % 3600 / 60);
    if m == 0 {
        format!("UTC{sign}{h}")
    } else {
        format!("UTC{sign}{h}:{m:02}")
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match self.utc_offset {
            Some(off) if self.city.is_none() && self.country.is_none() => fmt_offset(off),
            _ => self.place(),
        };
        match (self.kind, place.is_empty()) {
            (LocationKind::InPerson, _) => f.write_str(&place),
            (LocationKind::Virtual, true) => f.write_str("Virtual"),
            (LocationKind::Virtual, false) => write!(f, "Virtual ({place})"),
            (LocationKind::Hybrid, true) => f.write_str("Hybrid"),
            (LocationKind::Hybrid, false) => write!(f, "Hybrid ({place})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(text: &str) -> String {
        Location::parse(text)
            .map(|l| l.to_string())
            .unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn canonical_forms_round_trip() {
        for t in [
            "Berlin, DE",
            "Seattle, WA, US",
            "Virtual",
            "Virtual (Berlin, DE)",
            "Virtual (Charlottesville, VA, US)",
            "Hybrid (Vancouver, BC, CA)",
            "Frankfurt (Main), DE",
            "Los Angeles (Chino Hills), CA, US",
            "Ikot Akpaden, Mkpat Enin, Akwa Ibom State, NG",
            "Virtual (Global)",
            "Virtual (UTC-5)",
            "Virtual (UTC+5:30)",
            "Virtual (UTC)",
        ] {
            assert_eq!(round(t), t);
        }
    }

    #[test]
    fn parts_are_split() {
        let l = Location::parse("Virtual (Seattle, WA, US)").unwrap();
        assert_eq!(l.kind, LocationKind::Virtual);
        assert_eq!(l.city.as_deref(), Some("Seattle"));
        assert_eq!(l.state.as_deref(), Some("WA"));
        assert_eq!(l.country.as_deref(), Some("US"));
        let l = Location::parse("Virtual (UTC-3:30)").unwrap();
        assert_eq!(l.utc_offset, Some(-(3 * 3600 + 1800)));
    }

    #[test]
    fn old_hybrid_wordings_become_hybrid() {
        for (input, want) in [
            (
                "Hybrid - Virtual and In-Person (München/Munich, DE)",
                "Hybrid (München/Munich, DE)",
            ),
            (
                "Hybrid: Virtual and In-Person (Montreal, QC, CA)",
                "Hybrid (Montreal, QC, CA)",
            ),
            (
                "Virtual and In-Person (Seattle, WA, US)",
                "Hybrid (Seattle, WA, US)",
            ),
            ("Virtual + In Person (Berlin, DE)", "Hybrid (Berlin, DE)"),
            (
                "Hybrid - Los Angeles, CA, US",
                "Hybrid (Los Angeles, CA, US)",
            ),
            ("Munich, DE + Virtual", "Hybrid (Munich, DE)"),
            ("Praha, CZ - Virtual + In-person", "Hybrid (Praha, CZ)"),
            ("Virtual(Berlin, DE)", "Virtual (Berlin, DE)"),
        ] {
            assert_eq!(round(input), want, "{input}");
        }
    }

    #[test]
    fn malformed_locations_are_rejected() {
        assert_eq!(Location::parse("  "), Err(LocationError::Empty));
        assert!(matches!(
            Location::parse("Berlin,, DE"),
            Err(LocationError::Malformed(..))
        ));
        assert!(matches!(
            Location::parse("Virtual (Berlin, DE"),
            Err(LocationError::Malformed(..))
        ));
        assert!(matches!(
            Location::parse("Hybrid (X) Munich, DE"),
            Err(LocationError::Malformed(..))
        ));
    }
}
