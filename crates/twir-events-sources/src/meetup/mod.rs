//! Meetup source: the group list, the GraphQL request, the response model and
//! its mapping to [`Event`]s. The network part is in [`client`].

pub mod client;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Deserialize;
use serde_json::json;

use crate::text::{clean_text, clean_url, meetup_group, place_name};
use twir_events::format::Warning;
use twir_events::location::{Location, LocationKind};
use twir_events::model::Event;
use twir_events::normalise::normalise;
use twir_events::section::Window;

/// Default endpoint of Meetup's GraphQL API.
pub const DEFAULT_BASE_URL: &str = "https://api.meetup.com/gql-ext";

/// Environment variable holding the Meetup OAuth access token.
pub const TOKEN_ENV: &str = "MEETUP_TOKEN";

/// Upcoming (active) events of one group, one page at a time.
pub const GROUP_EVENTS_QUERY: &str = "\
query ($urlname: String!, $first: Int!, $after: String) {
  groupByUrlname(urlname: $urlname) {
    name
    urlname
    city
    state
    country
    timezone
    events(first: $first, after: $after, status: ACTIVE) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          title
          eventUrl
          dateTime
          endTime
          eventType
          venues { name city state country }
        }
      }
    }
  }
}";

/// Problems with the group list file.
#[derive(Debug, thiserror::Error)]
pub enum MeetupError {
    /// The group list is not a JSON array of strings.
    #[error("group list is not a JSON array of Meetup URLs: {0}")]
    GroupList(#[from] serde_json::Error),
    /// An entry of the group list is not a Meetup group URL.
    #[error("not a Meetup group URL: {0:?}")]
    NotAGroup(String),
}

/// Reads a group list such as `rust-meetups.json` (a JSON array of group
/// URLs) into group `urlname`s, in order, without duplicates.
pub fn group_urlnames(json: &str) -> Result<Vec<String>, MeetupError> {
    let urls: Vec<String> = serde_json::from_str(json)?;
    let mut out: Vec<String> = Vec::new();
    for url in urls {
        let name = meetup_group(&url).ok_or_else(|| MeetupError::NotAGroup(url.clone()))?;
        if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    Ok(out)
}

/// The JSON body of the GraphQL request for one page of a group's events.
pub fn request_body(urlname: &str, first: u32, after: Option<&str>) -> serde_json::Value {
    json!({
        "query": GROUP_EVENTS_QUERY,
        "variables": { "urlname": urlname, "first": first, "after": after },
    })
}

/// A GraphQL response.
#[derive(Debug, Deserialize)]
pub struct GqlResponse {
    /// The data, absent on errors.
    pub data: Option<GqlData>,
    /// GraphQL-level errors (the HTTP status is still 200).
    #[serde(default)]
    pub errors: Vec<GqlError>,
}

/// One GraphQL error.
#[derive(Debug, Deserialize)]
pub struct GqlError {
    /// Error text.
    pub message: String,
}

/// The `data` object.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GqlData {
    /// `null` when no group has that urlname.
    pub group_by_urlname: Option<Group>,
}

/// A Meetup group.
#[derive(Debug, Clone, Deserialize)]
pub struct Group {
    /// Display name, used as the organizer.
    pub name: String,
    /// The group's URL name.
    pub urlname: String,
    /// Home city.
    pub city: Option<String>,
    /// Home state (US/CA/AU), any case.
    pub state: Option<String>,
    /// Home country code, lower case in Meetup's answers.
    pub country: Option<String>,
    /// IANA zone.
    pub timezone: Option<String>,
    /// One page of events.
    pub events: Connection,
}

/// A page of events.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    /// Cursor information.
    pub page_info: Option<PageInfo>,
    /// The events.
    #[serde(default)]
    pub edges: Vec<Edge>,
}

/// Cursor information.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageInfo {
    /// More pages follow.
    pub has_next_page: bool,
    /// Cursor for the next page.
    pub end_cursor: Option<String>,
}

/// Edge wrapper.
#[derive(Debug, Clone, Deserialize)]
pub struct Edge {
    /// The event.
    pub node: MeetupEvent,
}

/// One event as Meetup returns it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetupEvent {
    /// Meetup's id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Event page.
    pub event_url: String,
    /// Start, ISO 8601 with the local offset (`2026-08-20T18:30-07:00`).
    pub date_time: String,
    /// End, same format.
    pub end_time: Option<String>,
    /// `PHYSICAL`, `ONLINE` or `HYBRID`.
    pub event_type: Option<String>,
    /// Venues (usually one).
    #[serde(default)]
    pub venues: Vec<Venue>,
}

/// A venue.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Venue {
    /// Venue name.
    pub name: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State.
    pub state: Option<String>,
    /// Country code (lower case).
    pub country: Option<String>,
}

/// The local date of a Meetup time: the instant in the group's zone when it
/// is known, else the date as written (Meetup writes local times).
fn local_date(stamp: &str, zone: Option<&TimeZone>) -> Option<(Date, jiff::civil::Time)> {
    if let (Ok(ts), Some(tz)) = (stamp.parse::<jiff::Timestamp>(), zone) {
        let dt = tz.to_datetime(ts);
        return Some((dt.date(), dt.time()));
    }
    let dt: jiff::civil::DateTime = stamp.get(..16)?.parse().ok()?;
    Some((dt.date(), dt.time()))
}

fn place(city: Option<&str>, state: Option<&str>, country: Option<&str>) -> Option<Location> {
    let city = city
        .map(place_name)
        .filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("online event"))?;
    let country = country
        .map(|c| place_name(c).to_uppercase())
        .filter(|c| !c.is_empty())?;
    let state = state
        .map(|s| place_name(s).to_uppercase())
        .filter(|s| !s.is_empty());
    normalise(&Location {
        kind: LocationKind::InPerson,
        city: Some(city),
        state,
        country: Some(country),
        utc_offset: None,
    })
    .ok()
}

/// Maps one page of a group's events to [`Event`]s inside `window`. Online
/// events are `Virtual (group's city)`, as TWiR lists them; hybrid and
/// in-person events use the venue's city, falling back to the group's.
pub fn map_group(group: &Group, window: Window, source: &str) -> (Vec<Event>, Vec<Warning>) {
    let zone = group
        .timezone
        .as_deref()
        .and_then(|z| TimeZone::get(z).ok());
    let home = place(
        group.city.as_deref(),
        group.state.as_deref(),
        group.country.as_deref(),
    );
    let mut events = Vec::new();
    let mut warnings = Vec::new();
    for edge in &group.events.edges {
        let e = &edge.node;
        let skip = |why: String| Warning::Skipped {
            source: source.to_string(),
            message: format!("{} ({}): {why}", e.title, e.event_url),
        };
        let Some((start, _)) = local_date(&e.date_time, zone.as_ref()) else {
            warnings.push(skip(format!("bad dateTime {:?}", e.date_time)));
            continue;
        };
        let end = e
            .end_time
            .as_deref()
            .and_then(|t| local_date(t, zone.as_ref()))
            .map(|(d, t)| {
                if t == jiff::civil::Time::midnight() {
                    d.yesterday().unwrap_or(d)
                } else {
                    d
                }
            })
            .filter(|d| *d > start);
        let kind = match e
            .event_type
            .as_deref()
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            Some("ONLINE") => LocationKind::Virtual,
            Some("HYBRID") => LocationKind::Hybrid,
            _ => LocationKind::InPerson,
        };
        let venue = e.venues.first().cloned().unwrap_or_default();
        let venue_place = place(
            venue.city.as_deref(),
            venue.state.as_deref(),
            venue.country.as_deref(),
        );
        let located = match kind {
            LocationKind::Virtual => home.clone().or(venue_place),
            _ => venue_place.or_else(|| home.clone()),
        };
        let Some(mut location) = located else {
            warnings.push(skip(
                "no usable city/country on the venue or the group".into(),
            ));
            continue;
        };
        location.kind = kind;
        let Some(url) = clean_url(&e.event_url) else {
            warnings.push(skip("the eventUrl is not an http(s) URL".into()));
            continue;
        };
        let Some(organizer_url) = clean_url(&format!("https://www.meetup.com/{}", group.urlname))
        else {
            warnings.push(skip(format!("bad group urlname {:?}", group.urlname)));
            continue;
        };
        // An empty title would print `[****](...)`, which is no entry (meetup_json fuzz).
        let title = clean_text(&e.title);
        if title.is_empty() {
            warnings.push(skip("no title".into()));
            continue;
        }
        let organizer = Some(clean_text(&group.name))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| clean_text(&group.urlname));
        let event = Event {
            start,
            end,
            location,
            organizer,
            organizer_url,
            co_organizers: Vec::new(),
            title,
            url,
            extra_links: Vec::new(),
            time_zone: group.timezone.clone(),
        };
        if window.contains(&event) {
            events.push(event);
        }
    }
    (events, warnings)
}

#[cfg(test)]
mod tests;
