//! iCalendar (RFC 5545) source.
//!
//! Content lines are read by [`syntax`] (unfolding, escapes); dates, time
//! zones and recurrences use `jiff` with its bundled tzdb and the
//! hand-written [`rrule`] expansion.
//!
//! Mapping of VEVENT properties:
//! - SUMMARY -> title; URL (else the first `http(s)://` link in DESCRIPTION)
//!   -> event URL (events with neither are skipped with a warning);
//! - ORGANIZER's `CN` -> organizer (else the calendar's X-WR-CALNAME, else the
//!   title); an http(s) ORGANIZER value -> organizer URL (else the Meetup group
//!   page for Meetup event URLs, else the event URL);
//! - LOCATION -> location, see [`address::location_from_text`];
//! - DTSTART/DTEND/DURATION -> dates in the event's own local time: the TZID
//!   zone, or for UTC times the zone of the location (else X-WR-TIMEZONE, else
//!   UTC); all-day events use their dates, DTEND being exclusive;
//! - RRULE, RDATE, EXDATE and RECURRENCE-ID overrides are applied; cancelled
//!   events and instances are dropped.

pub mod address;
pub mod rrule;
pub mod syntax;
pub mod tz;

use std::collections::{HashMap, HashSet};

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

use crate::text::{clean_text, clean_url, first_url, organizer_url_for};
use rrule::{RRule, Until, parse_ical_datetime};
use syntax::{Component, Property};
use twir_events::format::Warning;
use twir_events::model::Event;
use twir_events::section::Window;
use tz::{Zones, zone_for_location};

/// An unreadable calendar.
#[derive(Debug, thiserror::Error)]
#[error("not an iCalendar file: {0}")]
pub struct IcsError(String);

/// How a DTSTART-like value was written.
#[derive(Debug, Clone)]
struct Stamp {
    dt: DateTime,
    /// `Z`: UTC.
    utc: bool,
    /// `VALUE=DATE`
    date_only: bool,
    /// The TZID zone, if any.
    zone: Option<TimeZone>,
}

impl Stamp {
    /// The same instant as civil time in `frame` (or unchanged when either
    /// side has no zone: floating times stay floating).
    fn in_frame(&self, frame: Option<&TimeZone>) -> DateTime {
        let from = if self.utc {
            Some(TimeZone::UTC)
        } else {
            self.zone.clone()
        };
        match (from, frame) {
            (Some(from), Some(to)) if !self.date_only => from
                .to_ambiguous_timestamp(self.dt)
                .compatible()
                .map(|ts| to.to_datetime(ts))
                .unwrap_or(self.dt),
            _ => self.dt,
        }
    }
}

fn param<'a>(p: &'a Property, key: &str) -> Option<&'a str> {
    p.param(key)
}

fn prop<'a>(c: &'a Component, name: &str) -> Option<&'a Property> {
    c.find_prop(name)
}

fn props<'a>(c: &'a Component, name: &'a str) -> impl Iterator<Item = &'a Property> {
    c.properties
        .iter()
        .filter(move |p| p.name.eq_ignore_ascii_case(name))
}

fn text<'a>(c: &'a Component, name: &str) -> Option<&'a str> {
    prop(c, name)
        .map(|p| p.value.as_str())
        .filter(|v| !v.trim().is_empty())
}

/// All comma-separated values of a date property (`EXDATE`, `RDATE`).
fn stamps(p: &Property, zones: &Zones) -> Vec<Stamp> {
    let zone = param(p, "TZID").and_then(|z| zones.get(z));
    let date_only = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    p.value
        .split(',')
        .filter_map(parse_ical_datetime)
        .map(|(dt, utc, is_date)| Stamp {
            dt,
            utc,
            date_only: date_only || is_date,
            zone: zone.clone(),
        })
        .collect()
}

/// Reads a calendar and returns its events that touch `window`, with
/// warnings for skipped events. `source` names the calendar in warnings.
pub fn events_from_ics(
    input: &str,
    source: &str,
    window: Window,
) -> Result<(Vec<Event>, Vec<Warning>), IcsError> {
    let cal = syntax::parse(input).map_err(|e| IcsError(e.to_string()))?;
    if !cal.components.iter().any(|c| c.name == "VEVENT") && !input.contains("BEGIN:VCALENDAR") {
        return Err(IcsError("no VCALENDAR".into()));
    }
    let zones = Zones::from_components(&cal.components);
    let cal_prop = |name: &str| {
        cal.properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| p.value.clone())
    };
    let ctx = Ctx {
        zones,
        cal_zone: cal_prop("X-WR-TIMEZONE").and_then(|z| TimeZone::get(z.trim()).ok()),
        cal_name: cal_prop("X-WR-CALNAME").filter(|n| !n.trim().is_empty()),
        source: source.to_string(),
        window,
    };
    let vevents: Vec<&Component> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    // RECURRENCE-ID overrides replace one instance of their master.
    let mut overridden: HashMap<String, Vec<Stamp>> = HashMap::new();
    for v in &vevents {
        if let (Some(uid), Some(rid)) = (text(v, "UID"), prop(v, "RECURRENCE-ID")) {
            overridden
                .entry(uid.to_string())
                .or_default()
                .extend(stamps(rid, &ctx.zones));
        }
    }
    let mut events = Vec::new();
    let mut warnings = Vec::new();
    for v in vevents {
        let is_override = prop(v, "RECURRENCE-ID").is_some();
        let skip = if is_override {
            &[][..]
        } else {
            text(v, "UID")
                .and_then(|u| overridden.get(u))
                .map_or(&[][..], Vec::as_slice)
        };
        match ctx.vevent(v, skip) {
            Ok(mut list) => events.append(&mut list),
            Err(message) => warnings.push(Warning::Skipped {
                source: ctx.source.clone(),
                message,
            }),
        }
    }
    Ok((events, warnings))
}

struct Ctx {
    zones: Zones,
    cal_zone: Option<TimeZone>,
    cal_name: Option<String>,
    source: String,
    window: Window,
}

impl Ctx {
    fn vevent(&self, v: &Component, skip: &[Stamp]) -> Result<Vec<Event>, String> {
        let summary = text(v, "SUMMARY").map(clean_text).unwrap_or_default();
        let what = if summary.is_empty() {
            text(v, "UID").unwrap_or("?").to_string()
        } else {
            summary.clone()
        };
        if text(v, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED")) {
            return Ok(Vec::new());
        }
        if summary.is_empty() {
            return Err(format!("event {what:?} has no SUMMARY"));
        }
        let url = match text(v, "URL") {
            Some(u) => clean_url(u).ok_or_else(|| format!("event {what:?}: bad URL {u:?}"))?,
            None => text(v, "DESCRIPTION")
                .and_then(first_url)
                .and_then(|u| clean_url(&u))
                .ok_or_else(|| format!("event {what:?} has no URL"))?,
        };
        let loc_text = text(v, "LOCATION").unwrap_or("");
        let mut location = address::location_from_text(loc_text)
            .ok_or_else(|| format!("event {what:?}: location {loc_text:?} not understood"))?;

        let dtstart = prop(v, "DTSTART").ok_or_else(|| format!("event {what:?} has no DTSTART"))?;
        let start = stamps(dtstart, &self.zones)
            .into_iter()
            .next()
            .ok_or_else(|| format!("event {what:?}: bad DTSTART {:?}", dtstart.value.as_str()))?;
        if let Some(tzid) = param(dtstart, "TZID")
            && start.zone.is_none()
        {
            return Err(format!("event {what:?}: unknown TZID {tzid:?}"));
        }
        // The local frame: the TZID zone, or for UTC times the place's zone.
        let frame = start
            .zone
            .clone()
            .or_else(|| {
                start
                    .utc
                    .then(|| zone_for_location(&location).or_else(|| self.cal_zone.clone()))
                    .flatten()
            })
            .or_else(|| start.utc.then_some(TimeZone::UTC));
        let local_start = start.in_frame(frame.as_ref());
        let length = self.length(v, &start, local_start, frame.as_ref())?;

        let horizon = self.window.end.to_datetime(Time::MAX);
        let mut starts = match text(v, "RRULE") {
            Some(r) => {
                let rule = RRule::parse(r).map_err(|e| format!("event {what:?}: {e}"))?;
                let until = rule.until.map(|u| match u {
                    Until::Date(d) => d.to_datetime(Time::MAX),
                    Until::Local(t) => t,
                    Until::Utc(t) => Stamp {
                        dt: t,
                        utc: true,
                        date_only: false,
                        zone: None,
                    }
                    .in_frame(frame.as_ref()),
                });
                rule.expand(local_start, until, horizon)
            }
            None => vec![local_start],
        };
        for p in props(v, "RDATE") {
            starts.extend(stamps(p, &self.zones).iter().map(|s| {
                let dt = s.in_frame(frame.as_ref());
                if s.date_only {
                    dt.date().to_datetime(local_start.time())
                } else {
                    dt
                }
            }));
        }
        let mut ex_times = HashSet::new();
        let mut ex_dates = HashSet::new();
        for s in props(v, "EXDATE")
            .flat_map(|p| stamps(p, &self.zones))
            .chain(skip.iter().cloned())
        {
            if s.date_only {
                ex_dates.insert(s.dt.date());
            } else {
                ex_times.insert(s.in_frame(frame.as_ref()));
            }
        }
        starts.sort();
        starts.dedup();
        starts.retain(|s| !ex_times.contains(s) && !ex_dates.contains(&s.date()));

        if let Some(tz) = &frame
            && location.is_virtual()
            && location.city.is_none()
            && location.country.is_none()
            && let Ok(ts) = tz.to_ambiguous_timestamp(local_start).compatible()
            && tz.iana_name() != Some("UTC")
        {
            location.utc_offset = Some(tz.to_offset(ts).seconds());
        }
        let organizer = prop(v, "ORGANIZER");
        let organizer_name = organizer
            .and_then(|p| param(p, "CN"))
            .map(|n| clean_text(n.trim_matches('"')))
            .filter(|n| !n.is_empty())
            .or_else(|| self.cal_name.as_deref().map(clean_text))
            .unwrap_or_else(|| summary.clone());
        let organizer_url = organizer
            .and_then(|p| clean_url(p.value.as_str()))
            .unwrap_or_else(|| organizer_url_for(&url));

        let mut out = Vec::new();
        for s in starts {
            let last = last_day(s, length, start.date_only);
            let event = Event {
                start: s.date(),
                end: (last > s.date()).then_some(last),
                location: location.clone(),
                organizer: organizer_name.clone(),
                organizer_url: organizer_url.clone(),
                co_organizers: Vec::new(),
                title: summary.clone(),
                url: url.clone(),
                extra_links: Vec::new(),
                time_zone: frame
                    .as_ref()
                    .and_then(|t| t.iana_name())
                    .map(str::to_string),
            };
            if self.window.contains(&event) {
                out.push(event);
            }
        }
        Ok(out)
    }

    /// Event length from DTEND or DURATION (zero when neither is given; a
    /// VALUE=DATE event then lasts one day).
    fn length(
        &self,
        v: &Component,
        start: &Stamp,
        local_start: DateTime,
        frame: Option<&TimeZone>,
    ) -> Result<jiff::SignedDuration, String> {
        if let Some(p) = prop(v, "DTEND")
            && let Some(end) = stamps(p, &self.zones).into_iter().next()
        {
            let local_end = end.in_frame(frame);
            return Ok(local_start
                .duration_until(local_end)
                .max(jiff::SignedDuration::ZERO));
        }
        if let Some(d) = text(v, "DURATION") {
            let span: jiff::Span = d
                .trim()
                .parse()
                .map_err(|e| format!("bad DURATION {d:?}: {e}"))?;
            let end = local_start
                .checked_add(span)
                .map_err(|e| format!("bad DURATION {d:?}: {e}"))?;
            return Ok(local_start.duration_until(end));
        }
        Ok(if start.date_only {
            jiff::SignedDuration::from_hours(24)
        } else {
            jiff::SignedDuration::ZERO
        })
    }
}

/// Last calendar day an occurrence covers. An end exactly at midnight (and
/// the exclusive DTEND of all-day events) belongs to the previous day.
fn last_day(start: DateTime, length: jiff::SignedDuration, date_only: bool) -> Date {
    let Ok(end) = start.checked_add(length) else {
        return start.date();
    };
    if end > start && (date_only || end.time() == Time::midnight()) {
        end.date().yesterday().unwrap_or(end.date())
    } else {
        end.date()
    }
}

#[cfg(test)]
mod tests;
