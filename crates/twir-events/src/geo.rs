//! Country, continent, state and city tables (the data lives in `src/data/*.txt`).
//!
//! The tables are plain `|`-separated text compiled into the binary, parsed
//! once on first use.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// A continent, as used to pick a TWiR region heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Continent {
    /// Africa
    Africa,
    /// Antarctica (no TWiR heading)
    Antarctica,
    /// Asia (TWiR lists Israel here)
    Asia,
    /// Europe (TWiR lists Turkey and Russia here)
    Europe,
    /// North America, Central America and the Caribbean
    NorthAmerica,
    /// Oceania
    Oceania,
    /// South America
    SouthAmerica,
}

/// One row of the country table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryInfo {
    /// The code TWiR prints: ISO 3166-1 alpha-2, except `UK` for the United Kingdom.
    pub code: &'static str,
    /// English short name.
    pub name: &'static str,
    /// Continent the country is listed under.
    pub continent: Continent,
}

/// Keyed with FxHash: the lookups run for every event line a check reads, and SipHash's
/// protection against chosen collisions buys nothing for these fixed tables.
struct Tables {
    countries: Vec<CountryInfo>,
    /// Lower-cased code, name or alias -> index into `countries`.
    country_index: HashMap<String, usize>,
    /// (country, lower-cased code or name) -> canonical subdivision code.
    subdivisions: HashMap<(&'static str, String), &'static str>,
    /// (country, lower-cased city or alias) -> (city as printed, state code).
    cities: HashMap<(&'static str, String), (&'static str, &'static str)>,
}

const COUNTRIES: &str = include_str!("data/countries.txt");
const SUBDIVISIONS: &str = include_str!("data/subdivisions.txt");
const CITIES: &str = include_str!("data/cities.txt");

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('|').map(str::trim).collect())
}

fn continent(code: &str) -> Continent {
    match code {
        "AF" => Continent::Africa,
        "AN" => Continent::Antarctica,
        "AS" => Continent::Asia,
        "EU" => Continent::Europe,
        "NA" => Continent::NorthAmerica,
        "OC" => Continent::Oceania,
        // The table is compiled in and checked by a unit test; "SA" is the last code.
        _ => Continent::SouthAmerica,
    }
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut countries = Vec::new();
    let mut country_index = HashMap::default();
    for row in rows(COUNTRIES) {
        if row.len() < 3 {
            continue;
        }
        let idx = countries.len();
        countries.push(CountryInfo {
            code: row[0],
            name: row[2],
            continent: continent(row[1]),
        });
        country_index.insert(row[0].to_lowercase(), idx);
        for alias in &row[2..] {
            country_index.insert(alias.to_lowercase(), idx);
        }
    }
    let mut subdivisions = HashMap::default();
    for row in rows(SUBDIVISIONS) {
        if row.len() < 3 {
            continue;
        }
        subdivisions.insert((row[0], row[1].to_lowercase()), row[1]);
        for alias in &row[2..] {
            subdivisions.insert((row[0], alias.to_lowercase()), row[1]);
        }
    }
    let mut cities = HashMap::default();
    for row in rows(CITIES) {
        if row.len() < 3 {
            continue;
        }
        cities.insert((row[0], row[1].to_lowercase()), (row[1], row[2]));
        for alias in &row[3..] {
            cities.insert((row[0], alias.to_lowercase()), (row[1], row[2]));
        }
    }
    Tables {
        countries,
        country_index,
        subdivisions,
        cities,
    }
});

/// Looks a country up by code (`DE`, `gb`), TWiR's `UK`, or name (`Germany`,
/// `United States`), case-insensitively.
pub fn country(text: &str) -> Option<&'static CountryInfo> {
    let t = &*TABLES;
    let key = text.trim().to_lowercase();
    t.country_index.get(&key).map(|&i| &t.countries[i])
}

/// All countries in the table.
pub fn countries() -> &'static [CountryInfo] {
    &TABLES.countries
}

/// True for the countries whose TWiR locations carry a state/province/territory
/// code (`City, ST, CC`): the United States, Canada and Australia.
pub fn uses_state(country_code: &str) -> bool {
    matches!(country_code, "US" | "CA" | "AU")
}

/// Canonical state code for `text` (a code in any case, or a full name) in a
/// country that uses state codes.
pub fn subdivision(country_code: &str, text: &str) -> Option<&'static str> {
    let t = &*TABLES;
    let code = country(country_code)?.code;
    t.subdivisions
        .get(&(code, text.trim().to_lowercase()))
        .copied()
}

/// The state a well-known, unambiguous city lies in (`Sydney` -> `NSW`).
/// Accepts the spellings listed in the table (`Montréal`, `St. Louis`).
pub fn city_state(country_code: &str, city: &str) -> Option<&'static str> {
    let t = &*TABLES;
    let code = country(country_code)?.code;
    t.cities
        .get(&(code, city.trim().to_lowercase()))
        .map(|&(_, state)| state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_consistent() {
        let all = countries();
        assert_eq!(all.len(), 250, "249 ISO countries (GB as UK) plus Kosovo");
        for c in all {
            assert_eq!(c.code.len(), 2, "{c:?}");
            assert!(c.code.chars().all(|ch| ch.is_ascii_uppercase()), "{c:?}");
        }
        let continents: Vec<&str> = rows(COUNTRIES).map(|r| r[1]).collect();
        for c in continents {
            assert!(
                ["AF", "AN", "AS", "EU", "NA", "OC", "SA"].contains(&c),
                "{c}"
            );
        }
        // Every subdivision and city row refers to a known code.
        for row in rows(CITIES) {
            assert_eq!(subdivision(row[0], row[2]), Some(row[2]), "{row:?}");
        }
    }

    #[test]
    fn uk_is_canonical_and_gb_an_alias() {
        assert_eq!(country("GB").map(|c| c.code), Some("UK"));
        assert_eq!(country("uk").map(|c| c.code), Some("UK"));
        assert_eq!(country("England").map(|c| c.code), Some("UK"));
        assert_eq!(country("United Kingdom").map(|c| c.code), Some("UK"));
    }

    #[test]
    fn names_and_codes() {
        assert_eq!(country("Israel").map(|c| c.code), Some("IL"));
        assert_eq!(country("czech republic").map(|c| c.code), Some("CZ"));
        assert_eq!(country("USA").map(|c| c.code), Some("US"));
        assert_eq!(country("Deutschland").map(|c| c.code), Some("DE"));
        assert_eq!(country("No").map(|c| c.code), Some("NO"));
        assert_eq!(country("Narnia"), None);
        assert_eq!(country("SP"), None);
    }

    #[test]
    fn subdivisions_by_code_and_name() {
        assert_eq!(subdivision("AU", "nsw"), Some("NSW"));
        assert_eq!(subdivision("AU", "Victoria"), Some("VIC"));
        assert_eq!(subdivision("AU", "QL"), Some("QLD"));
        assert_eq!(subdivision("CA", "Québec"), Some("QC"));
        assert_eq!(subdivision("US", "Texas"), Some("TX"));
        assert_eq!(subdivision("US", "QC"), None);
        assert_eq!(subdivision("DE", "BY"), None);
    }
}
