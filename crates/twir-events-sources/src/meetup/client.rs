//! Fetching a group's events from Meetup's GraphQL API through `twir-net`.

use twir_net::{HttpClient, NetError, ServiceConfig, Url};

use super::{GqlResponse, Group, map_group, request_body};
use twir_events::format::Warning;
use twir_events::model::Event;
use twir_events::section::Window;

/// Why a group could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum MeetupFetchError {
    /// Transport or HTTP failure (after retries). Boxed: `NetError` is large.
    #[error(transparent)]
    Net(Box<NetError>),
    /// The API answered with GraphQL errors.
    #[error("Meetup API error for group {group}: {message}")]
    Graphql {
        /// Group urlname.
        group: String,
        /// The errors' messages.
        message: String,
    },
    /// No group with that urlname.
    #[error("no Meetup group named {0:?}")]
    NoGroup(String),
    /// The base URL does not parse.
    #[error("invalid Meetup API URL {0:?}")]
    BadUrl(String),
}

impl From<NetError> for MeetupFetchError {
    fn from(e: NetError) -> Self {
        MeetupFetchError::Net(Box::new(e))
    }
}

/// A Meetup GraphQL client.
#[derive(Debug, Clone)]
pub struct MeetupClient {
    http: HttpClient,
    endpoint: Url,
    /// Events requested per page.
    pub page_size: u32,
    /// Safety stop for pagination per group.
    pub max_pages: u32,
}

impl MeetupClient {
    /// A client for `base_url` (the GraphQL endpoint, default
    /// [`super::DEFAULT_BASE_URL`]) authenticated with `MEETUP_TOKEN` when set.
    pub fn new(base_url: &str) -> Result<MeetupClient, MeetupFetchError> {
        let url =
            Url::parse(base_url).map_err(|_| MeetupFetchError::BadUrl(base_url.to_string()))?;
        let config = ServiceConfig::builder(url)
            .token_from_env(super::TOKEN_ENV)
            .build();
        Ok(MeetupClient::from_http(HttpClient::new(config)?))
    }

    /// A client on an already configured [`HttpClient`]; requests go to its
    /// base URL.
    pub fn from_http(http: HttpClient) -> MeetupClient {
        let endpoint = http.config().base_url.clone();
        MeetupClient {
            http,
            endpoint,
            page_size: 50,
            max_pages: 10,
        }
    }

    /// One GraphQL POST. It only reads, so `twir-net` retries it like a GET (after a
    /// time-out or a 5xx) and counts its attempts as one request's.
    async fn post(&self, body: &serde_json::Value) -> Result<GqlResponse, NetError> {
        self.http
            .post_json_readonly(self.endpoint.clone(), body)
            .await
    }

    /// Upcoming events of one group that touch `window`, following pages
    /// until the events pass the window's end.
    pub async fn group_events(
        &self,
        urlname: &str,
        window: Window,
    ) -> Result<(Vec<Event>, Vec<Warning>), MeetupFetchError> {
        let source = format!("meetup:{urlname}");
        let mut events = Vec::new();
        let mut warnings = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..self.max_pages.max(1) {
            let resp = self
                .post(&request_body(urlname, self.page_size, after.as_deref()))
                .await?;
            let group: Group = match resp.data.and_then(|d| d.group_by_urlname) {
                Some(g) => g,
                None if !resp.errors.is_empty() => {
                    let message = resp
                        .errors
                        .iter()
                        .map(|e| e.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; ");
                    return Err(MeetupFetchError::Graphql {
                        group: urlname.to_string(),
                        message,
                    });
                }
                None => return Err(MeetupFetchError::NoGroup(urlname.to_string())),
            };
            let (mut evs, mut warns) = map_group(&group, window, &source);
            events.append(&mut evs);
            warnings.append(&mut warns);
            // Events come in date order: once a page reaches past the window,
            // later pages cannot contribute.
            let past_window = group
                .events
                .edges
                .last()
                .and_then(|e| e.node.date_time.get(..10))
                .and_then(|d| d.parse::<jiff::civil::Date>().ok())
                .is_some_and(|d| d > window.end);
            match group.events.page_info {
                Some(p) if p.has_next_page && !past_window && p.end_cursor.is_some() => {
                    after = p.end_cursor
                }
                _ => break,
            }
        }
        Ok((events, warnings))
    }
}
