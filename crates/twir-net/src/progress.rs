//! Progress reporting hook, so a CLI can draw a progress bar for long
//! paginated runs without this crate depending on a terminal library.

use std::time::Duration;

use url::Url;

/// Something worth telling the user about while requests run.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ProgressEvent<'a> {
    /// A page of a paginated listing arrived.
    Page {
        /// URL of the first page (identifies the listing).
        listing: &'a Url,
        /// 1-based number of the page just fetched.
        page: usize,
        /// Total pages, when the server announced a `rel="last"` link.
        total_pages: Option<u64>,
    },
    /// The client is sleeping before retrying.
    Waiting {
        /// URL about to be retried.
        url: &'a Url,
        /// How long it sleeps.
        wait: Duration,
        /// Why.
        reason: WaitReason,
    },
}

/// Why the client is waiting.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitReason {
    /// The server rate limited us.
    RateLimited,
    /// Back-off after a transient failure, described in the string
    /// (e.g. "HTTP 502 Bad Gateway", "timed out").
    Retry(String),
}

/// Receives [`ProgressEvent`]s. Implemented for any
/// `Fn(&ProgressEvent) + Send + Sync` closure.
///
/// Called synchronously on the request task, so keep it quick (updating an
/// `indicatif` bar is fine).
pub trait Progress: Send + Sync {
    /// Handles one event.
    fn report(&self, event: &ProgressEvent<'_>);
}

impl<F> Progress for F
where
    F: Fn(&ProgressEvent<'_>) + Send + Sync,
{
    fn report(&self, event: &ProgressEvent<'_>) {
        self(event)
    }
}
