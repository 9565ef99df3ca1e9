//! Gathering events from every source for one issue (the `twir events` command).

use std::path::PathBuf;

use jiff::civil::Date;
use twir_net::{HttpClient, NetError, ServiceConfig, Url};

use crate::extra::{ExtraError, parse_extra};
use crate::ics::events_from_ics;
use crate::meetup::client::{MeetupClient, MeetupFetchError};
use crate::meetup::{DEFAULT_BASE_URL, MeetupError, group_urlnames};
use twir_events::format::{Warning, dedupe, find_duplicates, select};
use twir_events::model::{Event, region_for, sort_key};
use twir_events::section::Window;

/// What to collect.
#[derive(Debug, Clone)]
pub struct EventsQuery {
    /// iCalendar sources: file paths or `http(s)://` URLs.
    pub ics: Vec<String>,
    /// JSON list of Meetup group URLs (like `rust-meetups.json`).
    pub meetup_groups: Option<PathBuf>,
    /// TOML file of hand-added events (see [`crate::extra`]).
    pub extra: Option<PathBuf>,
    /// Issue date: the first day of the window.
    pub date: Date,
    /// Window length in days (TWiR: 28).
    pub days: u32,
}

impl EventsQuery {
    /// The inclusive window `[date, date + days]`.
    pub fn window(&self) -> Window {
        Window::for_issue(self.date, self.days)
    }
}

/// The network clients `collect` uses.
#[derive(Debug, Clone)]
pub struct Clients {
    /// Meetup GraphQL client.
    pub meetup: MeetupClient,
    /// Template configuration for fetching iCalendar URLs (its base URL is
    /// replaced by each feed's URL; token, timeouts and retries are kept).
    pub ics: ServiceConfig,
}

impl Clients {
    /// Clients for the real services: Meetup at `meetup_base_url` (default
    /// [`DEFAULT_BASE_URL`]) with the token from `MEETUP_TOKEN`, and
    /// unauthenticated iCalendar fetches.
    pub fn new(meetup_base_url: Option<&str>) -> Result<Clients, MeetupFetchError> {
        let meetup = MeetupClient::new(meetup_base_url.unwrap_or(DEFAULT_BASE_URL))?;
        let placeholder = Url::parse("https://calendar.invalid/")
            .map_err(|_| MeetupFetchError::BadUrl("ics".into()))?;
        Ok(Clients {
            meetup,
            ics: ServiceConfig::builder(placeholder).build(),
        })
    }
}

/// Events found and the problems met on the way.
#[derive(Debug, Clone)]
pub struct Collected {
    /// The window used.
    pub window: Window,
    /// Events inside the window, without exact duplicates, in [`sort_key`] order.
    pub events: Vec<Event>,
    /// Non-fatal problems: unreadable sources, skipped events, likely duplicates.
    pub warnings: Vec<Warning>,
    /// The sources that did not answer (`ics:PATH_OR_URL`, `meetup:GROUP`), in query order:
    /// their events are missing from `events`. The reasons are among `warnings`.
    pub failed: Vec<String>,
    /// Every Meetup group that was asked for (from the group list), answered or not.
    pub meetup_groups: Vec<String>,
}

impl Collected {
    /// True when every source asked for answered.
    pub fn is_complete(&self) -> bool {
        self.failed.is_empty()
    }
}

/// Failures that stop the collection: the files the user named are unusable.
#[derive(Debug, thiserror::Error)]
pub enum CollectError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The extra-events file is invalid.
    #[error("{path}:{source}")]
    Extra {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where.
        source: ExtraError,
    },
    /// The Meetup group list is invalid.
    #[error("{path}: {source}")]
    Groups {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        source: MeetupError,
    },
}

async fn read(path: &PathBuf) -> Result<String, CollectError> {
    tokio::fs::read_to_string(path)
        .await
        .map_err(|source| CollectError::Read {
            path: path.clone(),
            source,
        })
}

async fn fetch_ics(source: &str, clients: &Clients) -> Result<String, String> {
    if source.starts_with("http://") || source.starts_with("https://") {
        let url = Url::parse(source).map_err(|e| format!("bad URL: {e}"))?;
        let mut config = clients.ics.clone();
        config.base_url = url.clone();
        let http = HttpClient::new(config).map_err(|e| e.to_string())?;
        http.get_text(url).await.map_err(|e| e.to_string())
    } else {
        tokio::fs::read_to_string(source)
            .await
            .map_err(|e| e.to_string())
    }
}

/// Groups fetched at once; each also waits its turn for the client's per-host slots.
pub const MEETUP_GROUPS_AT_ONCE: usize = 4;

type GroupResult = Result<(Vec<Event>, Vec<Warning>), MeetupFetchError>;

/// Fetches every group, [`MEETUP_GROUPS_AT_ONCE`] at a time, results in the order of
/// `groups`. A missing or refused token fails every group the same way: once one is
/// refused, groups not yet started are not asked, and only the first refusal (in file order)
/// is reported (`true` returned, `None` for the others). A host that stops answering or the
/// command's deadline end the others quickly (see `twir_net`'s budgets).
async fn fetch_groups(
    client: &MeetupClient,
    groups: &[String],
    window: Window,
) -> (Vec<Option<GroupResult>>, bool) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let slots = Arc::new(tokio::sync::Semaphore::new(MEETUP_GROUPS_AT_ONCE));
    let refused = Arc::new(AtomicBool::new(false));
    let mut tasks = tokio::task::JoinSet::new();
    for (i, group) in groups.iter().enumerate() {
        let (client, group) = (client.clone(), group.clone());
        let (slots, refused) = (slots.clone(), refused.clone());
        tasks.spawn(async move {
            let _slot = slots.acquire_owned().await;
            if refused.load(Ordering::Acquire) {
                return (i, None);
            }
            let r = client.group_events(&group, window).await;
            if matches!(&r, Err(MeetupFetchError::Net(n)) if matches!(**n, NetError::Unauthorized { .. }))
            {
                refused.store(true, Ordering::Release);
            }
            (i, Some(r))
        });
    }
    let mut out: Vec<Option<GroupResult>> = Vec::new();
    out.resize_with(groups.len(), || None);
    while let Some(joined) = tasks.join_next().await {
        if let Ok((i, r)) = joined {
            out[i] = r;
        }
    }
    let refused = refused.load(Ordering::Acquire);
    if refused {
        // Say it once: keep the first refusal, drop the others.
        let mut seen = false;
        for r in &mut out {
            let is_refusal = matches!(r, Some(Err(MeetupFetchError::Net(n))) if matches!(**n, NetError::Unauthorized { .. }));
            if is_refusal {
                if seen {
                    *r = None;
                }
                seen = true;
            }
        }
    }
    (out, refused)
}

/// Collects events from all sources of `query`, in this order of precedence
/// for exact duplicates (same day and URL): the extra file, the iCalendar
/// sources in the order given, then the Meetup groups in file order.
///
/// Unreadable feeds and groups become warnings; an unreadable or invalid
/// extra file or group list is an error.
pub async fn collect(query: &EventsQuery, clients: &Clients) -> Result<Collected, CollectError> {
    let window = query.window();
    let mut all: Vec<Event> = Vec::new();
    let mut warnings = Vec::new();
    let mut failed = Vec::new();

    if let Some(path) = &query.extra {
        all.extend(
            parse_extra(&read(path).await?).map_err(|source| CollectError::Extra {
                path: path.clone(),
                source,
            })?,
        );
    }
    let groups = match &query.meetup_groups {
        Some(path) => {
            group_urlnames(&read(path).await?).map_err(|source| CollectError::Groups {
                path: path.clone(),
                source,
            })?
        }
        None => Vec::new(),
    };

    for source in &query.ics {
        let label = format!("ics:{source}");
        match fetch_ics(source, clients).await {
            Ok(text) => match events_from_ics(&text, &label, window) {
                Ok((events, warns)) => {
                    all.extend(events);
                    warnings.extend(warns);
                }
                Err(e) => {
                    warnings.push(Warning::Source {
                        source: label.clone(),
                        message: e.to_string(),
                    });
                    failed.push(label);
                }
            },
            Err(message) => {
                warnings.push(Warning::Source {
                    source: label.clone(),
                    message,
                });
                failed.push(label);
            }
        }
    }

    let (results, refused) = fetch_groups(&clients.meetup, &groups, window).await;
    for (group, result) in groups.iter().zip(results) {
        let label = format!("meetup:{group}");
        match result {
            Some(Ok((events, warns))) => {
                all.extend(events);
                warnings.extend(warns);
            }
            Some(Err(e)) => {
                warnings.push(Warning::Source {
                    source: label.clone(),
                    message: e.to_string(),
                });
                failed.push(label);
            }
            // Not asked: the token was refused (said once, for the first group refused); it
            // did not answer either.
            None if refused => failed.push(label),
            None => {
                warnings.push(Warning::Source {
                    source: label.clone(),
                    message: "not fetched: the request task failed".into(),
                });
                failed.push(label);
            }
        }
    }

    let mut events = dedupe(select(&all, window));
    warnings.extend(find_duplicates(&events));
    for e in &events {
        if region_for(&e.location).is_none() {
            warnings.push(Warning::NoRegion {
                entry: e.to_markdown(),
            });
        }
    }
    events.sort_by_cached_key(sort_key);
    Ok(Collected {
        window,
        events,
        warnings,
        failed,
        meetup_groups: groups,
    })
}
