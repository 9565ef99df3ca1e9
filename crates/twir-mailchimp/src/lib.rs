//! Sending the email edition through Mailchimp's Marketing API (3.0), so that no editor pastes
//! HTML by hand.
//!
//! - [`ApiKey`]: the key from `MAILCHIMP_API_KEY`, its data centre from its suffix
//!   (`...-us11`); never printed, and scrubbed ([`ApiKey::redact`]) from every message.
//! - [`Mailchimp`]: the client, on `twir-net`'s HTTP layer (retries on 5xx and time-outs,
//!   429 waits, a base URL override for tests).
//! - [`publish`]: the whole routine for one issue: find the campaign by its title (so
//!   a rerun updates it instead of making a second one) or create it, set subject, preview
//!   text, sender and both parts, send tests, then schedule or send only when asked.
//!
//! Calls must run inside a Tokio runtime with the time driver enabled.

pub mod client;
pub mod error;
pub mod key;
pub mod models;
pub mod publish;

pub use client::Mailchimp;
pub use error::MailchimpError;
pub use key::{ApiKey, KEY_ENV};
pub use publish::{
    Delivery, Outcome, Plan, Sender, State, list_id_from_signup_url, parse_schedule_time, publish,
};
