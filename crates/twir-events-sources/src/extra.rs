//! Hand-added events (conferences, Luma pages, anything not in a feed) from a
//! TOML file. See `tests/fixtures/extra-events.toml` for a documented example:
//!
//! ```toml
//! [[event]]
//! start = 2026-09-08          # TOML date or "YYYY-MM-DD"
//! end = 2026-09-11            # optional, for multi-day events
//! location = "Hybrid (Montreal, QC, CA)"   # TWiR notation, normalised
//! organizer = "RustConf 2026"
//! organizer_url = "https://rustconf.com/"
//! title = "RustConf 2026"
//! url = "https://rustconf.com/"
//! # optional:
//! co_organizers = [{ name = "Rust Foundation", url = "https://rustfoundation.org/" }]
//! time_zone = "America/Toronto"
//! ```

use jiff::civil::Date;
use serde::Deserialize;

use crate::text::{clean_text, clean_url};
use twir_events::location::Location;
use twir_events::model::{Event, Link};
use twir_events::normalise::normalise;

/// A bad extra-events file. Displayed as `LINE: message`, for the caller to put the file's
/// name in front.
#[derive(Debug, thiserror::Error)]
pub enum ExtraError {
    /// Not valid TOML, or a field is missing or has the wrong type.
    #[error("{line}: {message}")]
    Toml {
        /// 1-based line of the problem.
        line: usize,
        /// What TOML reported.
        message: String,
    },
    /// A field of one event is invalid.
    #[error("{line}: event #{index} ({title:?}): {field}: {reason}")]
    Field {
        /// 1-based line where the event starts.
        line: usize,
        /// 1-based position in the file.
        index: usize,
        /// The event's title.
        title: String,
        /// Field name.
        field: &'static str,
        /// Why.
        reason: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    event: Vec<toml::Spanned<Entry>>,
}

/// 1-based line of byte `offset` of `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    start: toml::Value,
    end: Option<toml::Value>,
    location: String,
    organizer: String,
    organizer_url: String,
    title: String,
    url: String,
    #[serde(default)]
    co_organizers: Vec<CoOrganizer>,
    time_zone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CoOrganizer {
    name: String,
    url: String,
}

/// Reads a TOML value holding a date (`2026-09-08` or `"2026-09-08"`).
fn date(v: &toml::Value) -> Result<Date, String> {
    let text = match v {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.clone(),
        other => return Err(format!("expected a date, found a {}", other.type_str())),
    };
    text.trim()
        .parse()
        .map_err(|e| format!("{text:?} is not a YYYY-MM-DD date: {e}"))
}

/// Parses the extra-events file. Every event must be complete; locations
/// are normalised (so `Sydney, AU` becomes `Sydney, NSW, AU`).
pub fn parse_extra(text: &str) -> Result<Vec<Event>, ExtraError> {
    let file: File = toml::from_str(text).map_err(|e| ExtraError::Toml {
        line: e.span().map_or(1, |s| line_at(text, s.start)),
        message: e.message().trim_end().to_string(),
    })?;
    let mut out = Vec::with_capacity(file.event.len());
    for (i, spanned) in file.event.into_iter().enumerate() {
        let line = line_at(text, spanned.span().start);
        let e = spanned.into_inner();
        let fail = |field: &'static str, reason: String| ExtraError::Field {
            line,
            index: i + 1,
            title: e.title.clone(),
            field,
            reason,
        };
        let start = date(&e.start).map_err(|r| fail("start", r))?;
        let end = e
            .end
            .as_ref()
            .map(date)
            .transpose()
            .map_err(|r| fail("end", r))?;
        if end.is_some_and(|d| d < start) {
            return Err(fail("end", "before start".into()));
        }
        let location = Location::parse(&e.location)
            .and_then(|l| normalise(&l))
            .map_err(|err| fail("location", err.to_string()))?;
        for (field, value) in [("organizer", &e.organizer), ("title", &e.title)] {
            if value.trim().is_empty() {
                return Err(fail(field, "empty".into()));
            }
        }
        let url_of = |field: &'static str, value: &str| {
            clean_url(value).ok_or_else(|| fail(field, format!("{value:?} is not an http(s) URL")))
        };
        let organizer_url = url_of("organizer_url", &e.organizer_url)?;
        let url = url_of("url", &e.url)?;
        let co_organizers = e
            .co_organizers
            .iter()
            .map(|c| {
                Ok(Link {
                    text: clean_text(&c.name),
                    url: url_of("co_organizers", &c.url)?,
                })
            })
            .collect::<Result<Vec<_>, ExtraError>>()?;
        if let Some(tz) = &e.time_zone
            && jiff::tz::TimeZone::get(tz).is_err()
        {
            return Err(fail("time_zone", format!("unknown time zone {tz:?}")));
        }
        out.push(Event {
            start,
            end: end.filter(|d| *d != start),
            location,
            organizer: clean_text(&e.organizer),
            organizer_url,
            co_organizers,
            title: clean_text(&e.title),
            url,
            extra_links: Vec::new(),
            time_zone: e.time_zone.clone(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../tests/fixtures/extra-events.toml");

    #[test]
    fn documented_example_parses() {
        let events = parse_extra(EXAMPLE).unwrap();
        let md: Vec<String> = events.iter().map(Event::to_markdown).collect();
        assert_eq!(md.len(), 3);
        assert_eq!(
            md[0],
            "* 2026-09-08 - 2026-09-11 | Hybrid (Montreal, QC, CA) | [RustConf 2026](https://rustconf.com/) | [Rust Foundation](https://rustfoundation.org/)\n    * [**RustConf 2026**](https://rustconf.com/)"
        );
        assert!(
            md[1].starts_with("* 2026-08-27 | Melbourne, VIC, AU |"),
            "{}",
            md[1]
        );
        assert!(
            md[2].starts_with("* 2026-08-21 | Virtual | [Rust Girona]"),
            "{}",
            md[2]
        );
        assert_eq!(events[0].time_zone.as_deref(), Some("America/Toronto"));
    }

    fn err_of(toml: &str) -> String {
        parse_extra(toml).unwrap_err().to_string()
    }

    const GOOD: &str = "start = 2026-09-08\nlocation = \"Berlin, DE\"\norganizer = \"O\"\norganizer_url = \"https://o/\"\ntitle = \"T\"\nurl = \"https://t/\"\n";

    #[test]
    fn errors_name_event_and_field() {
        assert!(parse_extra(&format!("[[event]]\n{GOOD}")).is_ok());
        assert!(parse_extra("").unwrap().is_empty());
        assert!(
            err_of(&format!(
                "[[event]]\n{GOOD}[[event]]\n{}",
                GOOD.replace("Berlin, DE", "Atlantis, XX")
            ))
            .contains("event #2 (\"T\"): location")
        );
        // Lines: where the bad event is, where TOML stopped.
        let bad_second = format!(
            "[[event]]\n{GOOD}\n[[event]]\n{}",
            GOOD.replace("Berlin, DE", "Atlantis, XX")
        );
        let e = err_of(&bad_second);
        let line: usize = e.split(':').next().unwrap().parse().unwrap();
        assert!((9..=10).contains(&line), "{e}");
        assert!(err_of("[[event]]\nstart = 2026-09-08\nlocation = \n").starts_with("3: "));
        assert!(
            err_of(&format!(
                "[[event]]\n{}",
                GOOD.replace("2026-09-08", "\"next week\"")
            ))
            .contains("start")
        );
        assert!(
            err_of(&format!("[[event]]\n{GOOD}end = 2026-09-01\n")).contains("end: before start")
        );
        assert!(err_of(&format!("[[event]]\n{}", GOOD.replace("https://t/", "t"))).contains("url"));
        assert!(
            err_of(&format!("[[event]]\n{GOOD}time_zone = \"Mars/Base\"\n")).contains("time_zone")
        );
        assert!(err_of(&format!("[[event]]\n{GOOD}colour = \"red\"\n")).contains("colour"));
        assert!(err_of("[[event]]\ntitle = \"x\"\n").contains("missing field"));
    }
}
