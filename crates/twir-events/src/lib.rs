//! TWiR's "Upcoming Events" section: the event model, parsing and printing of
//! entries and whole sections, location normalisation, and the event sources
//! (iCalendar, Meetup, hand-written TOML).

pub mod entry;
pub mod format;
pub mod geo;
pub mod ics;
pub mod location;
pub mod meetup;
pub mod model;
pub mod normalise;
pub mod section;
pub mod text;

pub use entry::{EntryError, EntryField, parse_entry};
pub use location::{Location, LocationError, LocationKind};
pub use model::{Event, Link, Region, SortKey, region_for, regions_for, sort_key};
pub use normalise::{normalise, normalise_location};
pub use section::{ParsedEntry, RegionBlock, Section, Window, parse_section};
pub use format::{Warning, format_events_list, format_section};
