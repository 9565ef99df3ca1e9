//! Where the events of TWiR's "Upcoming Events" section come from: iCalendar feeds (files or
//! URLs), Meetup groups (GraphQL API) and a hand-written TOML file. [`collect`] asks every
//! source of an [`EventsQuery`] with the [`Clients`] and returns the events of the window,
//! sorted and without duplicates, ready for `twir_events::format_section`.
//!
//! The event model, its grammar and its printing are `twir-events`', which has no network
//! dependency so that the linter and the content model can use it.

pub mod collect;
pub mod extra;
pub mod ics;
pub mod keep;
pub mod meetup;
pub mod text;

pub use collect::{Clients, CollectError, Collected, EventsQuery, collect};
pub use extra::parse_extra;
pub use ics::events_from_ics;
pub use keep::{Kept, kept_from_failed_sources, merge_kept};
pub use meetup::client::MeetupClient;
