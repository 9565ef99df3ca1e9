//! Canonical locations: `City, ST, CC` for the US, Canada and Australia,
//! `City, CC` elsewhere, ISO codes (with TWiR's `UK`) for countries.

use crate::geo;
use crate::location::{Location, LocationError, LocationKind};

/// Parses a location field and brings it to TWiR's canonical form.
///
/// Rules, in order:
/// - country names and lower-case codes become codes (`Israel` -> `IL`,
///   `GB`/`England` -> `UK`, `No` -> `NO`);
/// - `City, OR` where the last part is a US state and no country -> `City, OR, US`;
///   `City, MN US` -> `City, MN, US`;
/// - in the US, Canada and Australia the state code is taken from the city table
///   when the city is known (fixing wrong codes such as `Sydney, VIC, AU`),
///   otherwise the written code is checked and upper-cased (`ACt` -> `ACT`,
///   names like `Queensland` -> `QLD`);
/// - elsewhere a state part is dropped (`City, CC`);
/// - virtual locations without a place, and virtual places without a country
///   (`Virtual (Global)`), are left as they are.
///
/// Returns an error for unknown countries, unknown state codes, and US/CA/AU
/// places whose state cannot be found.
pub fn normalise_location(text: &str) -> Result<Location, LocationError> {
    normalise(&Location::parse(text)?)
}

/// [`normalise_location`] for an already parsed location.
pub fn normalise(location: &Location) -> Result<Location, LocationError> {
    let mut loc = location.clone();
    loc.city = loc.city.as_deref().map(collapse_spaces);
    let Some(country_text) = loc.country.clone() else {
        if loc.kind == LocationKind::Virtual {
            return Ok(loc);
        }
        return Err(LocationError::UnknownCountry(String::new()));
    };
    let (mut state_text, country) = resolve_country(&country_text, loc.state.as_deref())
        .ok_or_else(|| LocationError::UnknownCountry(country_text.clone()))?;
    loc.country = Some(country.to_string());
    loc.state = None;
    if geo::uses_state(country) {
        // The parser only takes short codes as states, so a spelled-out state
        // (`Springfield, Illinois, US`) is still the tail of the city.
        if state_text.is_none()
            && let Some((city, tail)) = loc.city.as_deref().and_then(|c| c.rsplit_once(", "))
            && geo::subdivision(country, tail).is_some()
        {
            state_text = Some(tail.to_string());
            loc.city = Some(city.to_string());
        }
        let by_city = loc
            .city
            .as_deref()
            .and_then(|c| geo::city_state(country, c));
        let state = match (by_city, state_text) {
            (Some(s), _) => s,
            (None, Some(written)) => {
                geo::subdivision(country, &written).ok_or_else(|| LocationError::UnknownState {
                    state: written.clone(),
                    country: country.to_string(),
                })?
            }
            (None, None) => return Err(LocationError::MissingState(location.to_string())),
        };
        loc.state = Some(state.to_string());
    }
    Ok(loc)
}

/// Finds the canonical country code, and the state text to use with it.
fn resolve_country(country: &str, state: Option<&str>) -> Option<(Option<String>, &'static str)> {
    if let Some(info) = geo::country(country) {
        return Some((state.map(str::to_string), info.code));
    }
    // `Minneapolis, MN US`: state and country separated by a space only.
    if let Some((st, cc)) = country.trim().rsplit_once(' ')
        && let Some(info) = geo::country(cc)
        && geo::uses_state(info.code)
        && state.is_none()
    {
        return Some((Some(st.to_string()), info.code));
    }
    // `Portland, OR`: a US state code where the country should be. Only when
    // the code is not also a country, so `Vancouver, CA` stays in Canada.
    if state.is_none() && geo::subdivision("US", country).is_some() {
        return Some((Some(country.to_string()), "US"));
    }
    None
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> String {
        match normalise_location(text) {
            Ok(l) => l.to_string(),
            Err(e) => format!("ERR {e}"),
        }
    }

    #[test]
    fn australian_state_codes_follow_the_city() {
        assert_eq!(norm("Sydney, AU"), "Sydney, NSW, AU");
        assert_eq!(norm("Sydney, VIC, AU"), "Sydney, NSW, AU");
        assert_eq!(norm("Melbourne, AU"), "Melbourne, VIC, AU");
        assert_eq!(norm("Brisbane, AU"), "Brisbane, QLD, AU");
        assert_eq!(norm("Brisbane City, QL, AU"), "Brisbane City, QLD, AU");
        assert_eq!(norm("Perth, AU"), "Perth, WA, AU");
        assert_eq!(norm("Adelaide, AU"), "Adelaide, SA, AU");
        assert_eq!(norm("Hobart, AU"), "Hobart, TAS, AU");
        assert_eq!(norm("Canberra, ACt, AU"), "Canberra, ACT, AU");
        assert_eq!(norm("Darwin, AU"), "Darwin, NT, AU");
        assert_eq!(
            norm("Melbourne, VIC, AU + Virtual"),
            "Hybrid (Melbourne, VIC, AU)"
        );
        assert_eq!(
            norm("Virtual (Melbourne, AU)"),
            "Virtual (Melbourne, VIC, AU)"
        );
        // Unknown city: the written code is checked, not guessed.
        assert_eq!(norm("Toowoomba, qld, AU"), "Toowoomba, QLD, AU");
        assert_eq!(
            norm("Toowoomba, Queensland, Australia"),
            "Toowoomba, QLD, AU"
        );
        assert!(norm("Toowoomba, AU").starts_with("ERR"));
        assert!(norm("Toowoomba, XX, AU").starts_with("ERR"));
    }

    #[test]
    fn canadian_province_codes() {
        assert_eq!(norm("Vancouver, CA"), "Vancouver, BC, CA");
        assert_eq!(norm("Hybrid (Vancouver, CA)"), "Hybrid (Vancouver, BC, CA)");
        assert_eq!(norm("Montreal, CA"), "Montreal, QC, CA");
        assert_eq!(norm("Montréal, CA"), "Montréal, QC, CA");
        assert_eq!(norm("Halifax, NS, CA"), "Halifax, NS, CA");
        assert_eq!(norm("Sherbrooke, Quebec, Canada"), "Sherbrooke, QC, CA");
        assert!(norm("Sherbrooke, CA").starts_with("ERR"));
    }

    #[test]
    fn us_state_codes() {
        assert_eq!(norm("Seattle, WA, US"), "Seattle, WA, US");
        assert_eq!(
            norm("Virtual (Charlottesville, NC, US)"),
            "Virtual (Charlottesville, VA, US)"
        );
        assert_eq!(norm("Minneapolis, MN US"), "Minneapolis, MN, US");
        assert_eq!(norm("Portland, OR"), "Portland, OR, US");
        assert_eq!(norm("Dallas, USA"), "Dallas, TX, US");
        assert_eq!(
            norm("Springfield, Illinois, United States"),
            "Springfield, IL, US"
        );
        assert_eq!(norm("Boston,  MA, US"), "Boston, MA, US");
        assert!(norm("Springfield, US").starts_with("ERR"));
        assert!(norm("Springfield, ZZ, US").starts_with("ERR"));
    }

    #[test]
    fn other_countries_are_city_and_code() {
        assert_eq!(norm("Tel Aviv, Israel"), "Tel Aviv, IL");
        assert_eq!(norm("London, GB"), "London, UK");
        assert_eq!(
            norm("Virtual (Cardiff, United Kingdom)"),
            "Virtual (Cardiff, UK)"
        );
        assert_eq!(norm("Bergen, No"), "Bergen, NO");
        assert_eq!(norm("Kuala Lumpur, Malaysia"), "Kuala Lumpur, MY");
        assert_eq!(norm("São Paulo, SP, BR"), "São Paulo, BR");
        assert_eq!(norm("Zürich, Schweiz"), "Zürich, CH");
        assert!(norm("São Paulo, SP").starts_with("ERR"));
        assert!(norm("Atlantis, Narnia").starts_with("ERR"));
    }

    #[test]
    fn virtual_without_country_is_kept() {
        assert_eq!(norm("Virtual"), "Virtual");
        assert_eq!(norm("Virtual (Global)"), "Virtual (Global)");
        assert_eq!(norm("Virtual (UTC+2)"), "Virtual (UTC+2)");
        assert!(norm("Hybrid (Global)").starts_with("ERR"));
    }
}
