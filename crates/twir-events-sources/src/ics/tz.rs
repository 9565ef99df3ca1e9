//! Time zones for iCalendar: TZID parameters, VTIMEZONE components, and a
//! best guess of an event's zone from its location (for UTC times).

use std::collections::HashMap;

use super::syntax::Component;
use jiff::tz::TimeZone;

use twir_events::location::Location;

/// Resolves TZID values: IANA names through jiff's bundled tzdb (also the
/// `/mozilla.org/.../Europe/Berlin` style prefixes some exporters write), and
/// anything else through the calendar's VTIMEZONE definitions.
#[derive(Debug, Default, Clone)]
pub struct Zones {
    custom: HashMap<String, TimeZone>,
}

impl Zones {
    /// Reads the VTIMEZONE components of a calendar. Definitions that cannot
    /// be turned into a rule are skipped (their TZID then falls back to tzdb).
    pub fn from_components(components: &[Component]) -> Zones {
        let mut custom = HashMap::new();
        for c in components.iter().filter(|c| c.name == "VTIMEZONE") {
            let Some(id) = c.find_prop("TZID").map(|p| p.value.as_str().to_string()) else {
                continue;
            };
            if let Some(tz) = vtimezone_to_tz(c) {
                custom.insert(id, tz);
            }
        }
        Zones { custom }
    }

    /// The zone for a TZID value.
    pub fn get(&self, tzid: &str) -> Option<TimeZone> {
        let tzid = tzid.trim().trim_matches('"');
        if let Ok(tz) = TimeZone::get(tzid) {
            return Some(tz);
        }
        if let Some(tz) = self.custom.get(tzid) {
            return Some(tz.clone());
        }
        // `/mozilla.org/20050126_1/America/New_York`, `/Europe/Berlin`.
        let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
        (1..=parts.len().min(3))
            .rev()
            .find_map(|n| TimeZone::get(&parts[parts.len() - n..].join("/")).ok())
    }
}

/// Builds a POSIX TZ rule (`STD5DST4,M3.2.0/2,M11.1.0/2`) from the STANDARD
/// and DAYLIGHT observances' TZOFFSETTO, DTSTART time and yearly RRULE, and
/// lets jiff evaluate it. A zone with only one observance is a fixed offset.
fn vtimezone_to_tz(c: &Component) -> Option<TimeZone> {
    let find = |name: &str| {
        c.components
            .iter()
            .rfind(|o| o.name.eq_ignore_ascii_case(name))
    };
    let std = find("STANDARD");
    let dst = find("DAYLIGHT");
    let std_off = std.or(dst).and_then(|o| offset_prop(o, "TZOFFSETTO"))?;
    let (Some(std), Some(dst)) = (std, dst) else {
        return jiff::tz::Offset::from_seconds(std_off)
            .ok()
            .map(TimeZone::fixed);
    };
    let dst_off = offset_prop(dst, "TZOFFSETTO")?;
    let posix = format!(
        "STD{}DST{},{},{}",
        posix_offset(std_off),
        posix_offset(dst_off),
        posix_rule(dst)?,
        posix_rule(std)?
    );
    TimeZone::posix(&posix).ok()
}

/// `+0100` / `-0430` -> seconds east of UTC.
fn offset_prop(o: &Component, name: &str) -> Option<i32> {
    let v = o.find_prop(name)?.value.as_str().trim().to_string();
    let (sign, digits) = match v.as_bytes().first()? {
        b'+' => (1, &v[1..]),
        b'-' => (-1, &v[1..]),
        _ => (1, v.as_str()),
    };
    if digits.len() < 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    let s: i32 = digits.get(4..6).and_then(|s| s.parse().ok()).unwrap_or(0);
    Some(sign * (h * 3600 + m * 60 + s))
}

/// POSIX offsets are west-positive: UTC-5 is `5`.
fn posix_offset(east: i32) -> String {
    let west = -east;
    let sign = if west < 0 { "-" } else { "" };
    let a = west.abs();
    format!("{sign}{}:{:02}:{:02}", a / 3600, a % 3600 / 60, a % 60)
}

/// `Mm.w.d/hh:mm:ss` from an observance's `RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU`
/// and its DTSTART time (local time before the transition).
fn posix_rule(o: &Component) -> Option<String> {
    let rrule = o.find_prop("RRULE")?.value.as_str().to_ascii_uppercase();
    let mut month = None;
    let mut byday = None;
    for part in rrule.split(';') {
        match part.split_once('=') {
            Some(("BYMONTH", m)) => month = m.parse::<u8>().ok(),
            Some(("BYDAY", d)) => byday = Some(d.to_string()),
            _ => {}
        }
    }
    let byday = byday?;
    let (n, wd) = byday.split_at_checked(byday.len().checked_sub(2)?)?;
    let n: i8 = n.trim_start_matches('+').parse().ok()?;
    let week = if n < 0 { 5 } else { n.min(5) };
    let day = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
        .iter()
        .position(|d| *d == wd)?;
    let start = o.find_prop("DTSTART")?.value.as_str().to_string();
    let time = start.split_once('T').map(|(_, t)| t).unwrap_or("020000");
    let (h, m, s) = (time.get(..2)?, time.get(2..4)?, time.get(4..6)?);
    Some(format!("M{}.{week}.{day}/{h}:{m}:{s}", month?))
}

/// The main zone of a location's country (or US/CA/AU state), used to turn
/// UTC times into the event's local date. `None` when the place is unknown
/// or the country spans several zones without a state to pick one.
pub fn zone_for_location(loc: &Location) -> Option<TimeZone> {
    let country = twir_events::geo::country(loc.country.as_deref()?)?.code;
    let state = loc.state.as_deref().unwrap_or("");
    let name = match (country, state) {
        ("US", "WA" | "OR" | "CA" | "NV") => "America/Los_Angeles",
        ("US", "AZ") => "America/Phoenix",
        ("US", "CO" | "UT" | "NM" | "MT" | "WY" | "ID") => "America/Denver",
        (
            "US",
            "TX" | "IL" | "MN" | "MO" | "TN" | "WI" | "IA" | "KS" | "OK" | "LA" | "AL" | "MS"
            | "AR" | "NE" | "SD" | "ND",
        ) => "America/Chicago",
        ("US", "AK") => "America/Anchorage",
        ("US", "HI") => "Pacific/Honolulu",
        ("US", "") => return None,
        ("US", _) => "America/New_York",
        ("CA", "BC") => "America/Vancouver",
        ("CA", "AB") => "America/Edmonton",
        ("CA", "SK") => "America/Regina",
        ("CA", "MB") => "America/Winnipeg",
        ("CA", "ON" | "QC") => "America/Toronto",
        ("CA", "NS" | "NB" | "PE") => "America/Halifax",
        ("CA", "NL") => "America/St_Johns",
        ("CA", _) => return None,
        ("AU", "NSW" | "VIC" | "TAS" | "ACT") => "Australia/Sydney",
        ("AU", "QLD") => "Australia/Brisbane",
        ("AU", "SA") => "Australia/Adelaide",
        ("AU", "NT") => "Australia/Darwin",
        ("AU", "WA") => "Australia/Perth",
        ("AU", _) => return None,
        (cc, _) => single_zone(cc)?,
    };
    TimeZone::get(name).ok()
}

fn single_zone(cc: &str) -> Option<&'static str> {
    Some(match cc {
        "UK" => "Europe/London",
        "IE" => "Europe/Dublin",
        "PT" => "Europe/Lisbon",
        "DE" | "AT" | "CH" | "FR" | "BE" | "NL" | "LU" | "DK" | "NO" | "SE" | "ES" | "IT"
        | "PL" | "CZ" | "SK" | "HU" | "SI" | "HR" | "RS" | "BA" | "ME" | "MK" | "AL" | "MT"
        | "LI" | "MC" | "AD" | "SM" | "VA" | "XK" => "Europe/Berlin",
        "FI" | "EE" | "LV" | "LT" | "UA" | "RO" | "BG" | "GR" | "CY" | "MD" => "Europe/Helsinki",
        "TR" => "Europe/Istanbul",
        "BY" => "Europe/Minsk",
        "IL" => "Asia/Jerusalem",
        "AE" => "Asia/Dubai",
        "IN" => "Asia/Kolkata",
        "PK" => "Asia/Karachi",
        "BD" => "Asia/Dhaka",
        "NP" => "Asia/Kathmandu",
        "LK" => "Asia/Colombo",
        "TH" => "Asia/Bangkok",
        "VN" => "Asia/Ho_Chi_Minh",
        "SG" => "Asia/Singapore",
        "MY" => "Asia/Kuala_Lumpur",
        "PH" => "Asia/Manila",
        "CN" => "Asia/Shanghai",
        "HK" => "Asia/Hong_Kong",
        "TW" => "Asia/Taipei",
        "KR" => "Asia/Seoul",
        "JP" => "Asia/Tokyo",
        "NZ" => "Pacific/Auckland",
        "ZA" => "Africa/Johannesburg",
        "NG" => "Africa/Lagos",
        "KE" | "UG" | "TZ" | "ET" | "RW" => "Africa/Nairobi",
        "EG" => "Africa/Cairo",
        "MA" => "Africa/Casablanca",
        "GH" => "Africa/Accra",
        "AR" => "America/Argentina/Buenos_Aires",
        "UY" => "America/Montevideo",
        "CL" => "America/Santiago",
        "CO" => "America/Bogota",
        "PE" => "America/Lima",
        "EC" => "America/Guayaquil",
        "VE" => "America/Caracas",
        "CR" => "America/Costa_Rica",
        "GT" => "America/Guatemala",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tzid_prefixes_resolve() {
        let z = Zones::default();
        assert_eq!(
            z.get("Europe/Berlin")
                .and_then(|t| t.iana_name().map(str::to_string))
                .as_deref(),
            Some("Europe/Berlin")
        );
        assert!(z.get("/mozilla.org/20050126_1/America/New_York").is_some());
        assert!(z.get("\"Australia/Sydney\"").is_some());
        assert!(z.get("Mars/Olympus_Mons").is_none());
    }

    #[test]
    fn zones_from_locations() {
        let name = |s: &str| {
            let loc = twir_events::normalise_location(s).unwrap();
            zone_for_location(&loc).and_then(|t| t.iana_name().map(str::to_string))
        };
        assert_eq!(
            name("Seattle, WA, US").as_deref(),
            Some("America/Los_Angeles")
        );
        assert_eq!(name("Perth, AU").as_deref(), Some("Australia/Perth"));
        assert_eq!(name("London, UK").as_deref(), Some("Europe/London"));
        assert_eq!(
            name("Virtual (Berlin, DE)").as_deref(),
            Some("Europe/Berlin")
        );
        assert_eq!(name("Virtual"), None);
    }
}
