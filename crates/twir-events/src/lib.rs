//! TWiR's "Upcoming Events" section: the event model, the grammar of an entry, the sort key,
//! parsing and printing of entries and whole sections, and location normalisation. No
//! network: the linter, the draft workflow and the content model call it; the event sources
//! (iCalendar, Meetup, hand-written TOML) live in `twir-events-sources`.
//!
//! - One entry: [`split_line`] (is a list item an event, and where are its fields),
//!   [`parse_dates`] (the date field), [`parse_entry`] / [`Event::to_markdown`].
//! - A section ([`SECTION_TITLE`]): [`parse_section`] (regions, entries with line numbers and
//!   per-entry errors) and [`format_section`] (window line, regions, calendar
//!   paragraph).
//! - Rules other crates check: [`region_for`] / [`regions_for`],
//!   [`sort_key`], [`normalise_location`], [`Window`].
//!
//! Location notation: `City, ST, CC` for the US, Canada and Australia,
//! `City, CC` elsewhere (`UK` for the United Kingdom, as TWiR writes it);
//! `Virtual (City, CC)` for online events whose time zone is that place's;
//! `Virtual (UTC+2)` when a source gave only a time zone; plain `Virtual`
//! when it gave neither; `Hybrid (City, CC)` for hybrid events, which are
//! listed under `### Virtual` and under their continent.

pub mod entry;
pub mod format;
pub mod geo;
pub mod location;
pub mod model;
pub mod normalise;
pub mod section;

pub use entry::{Dates, EntryError, EntryField, LineFields, parse_dates, parse_entry, split_line};
pub use format::{
    CALENDAR_PARAGRAPH, Warning, format_events_list, format_section, format_section_with,
};
pub use location::{Location, LocationError, LocationKind};
pub use model::{Event, Link, Region, SortKey, region_for, regions_for, sort_key};
pub use normalise::{normalise, normalise_location};
pub use section::{ParsedEntry, RegionBlock, SECTION_TITLE, Section, Window, parse_section};
