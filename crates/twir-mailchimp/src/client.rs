//! The Mailchimp Marketing API client, on the shared HTTP layer of `twir-net` (retries on 5xx
//! and time-outs, waits on 429, typed errors), with every message scrubbed of the key.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use twir_net::{
    AuthScheme, Fetched, HttpClient, Method, NetError, ServiceConfig, ServiceConfigBuilder, Url,
};

use crate::error::MailchimpError;
use crate::key::{ApiKey, KEY_ENV};
use crate::models::{
    Campaign, CampaignPage, CampaignRequest, Checklist, Content, List, Problem, ScheduleRequest,
    TestRequest,
};

/// Campaigns fetched per page while looking for an issue's campaign (Mailchimp's maximum).
const PAGE: usize = 1000;
/// Safety stop: 50 pages of 1,000 campaigns.
const MAX_PAGES: usize = 50;

/// A client for one account's Marketing API.
#[derive(Debug, Clone)]
pub struct Mailchimp {
    http: HttpClient,
    key: ApiKey,
}

/// Result alias of this crate.
pub type Result<T, E = MailchimpError> = std::result::Result<T, E>;

impl Mailchimp {
    /// The HTTP configuration for `key`: the API root of its data centre (or `base_url`, for
    /// tests and proxies), Basic authentication, 30 s time-outs, 3 retries. Adjust limits on
    /// the builder, then pass the result to [`Mailchimp::new`].
    pub fn config_builder(key: &ApiKey, base_url: Option<&str>) -> Result<ServiceConfigBuilder> {
        let raw = base_url
            .map(str::to_string)
            .unwrap_or_else(|| key.default_api_url());
        let mut base = Url::parse(raw.trim()).map_err(|e| MailchimpError::Config {
            setting: "email.mailchimp.api_url".into(),
            reason: format!("{raw:?} is not a URL: {e}"),
        })?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(MailchimpError::Config {
                setting: "email.mailchimp.api_url".into(),
                reason: format!("{raw:?}: expected an http(s) URL"),
            });
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Ok(ServiceConfig::builder(base)
            .token(Some(key.authorization()))
            .auth(AuthScheme::Header("Authorization".into()))
            .token_env_var(KEY_ENV)
            .header("Accept", "application/json")
            .timeout(Duration::from_secs(30))
            .max_retries(3))
    }

    /// A client with the default configuration for `key` (API root overridden by `base_url`).
    pub fn connect(key: ApiKey, base_url: Option<&str>) -> Result<Mailchimp> {
        let config = Mailchimp::config_builder(&key, base_url)?.build();
        Mailchimp::new(key, config)
    }

    /// A client with an explicit configuration (see [`Mailchimp::config_builder`]).
    pub fn new(key: ApiKey, config: ServiceConfig) -> Result<Mailchimp> {
        let http = HttpClient::new(config).map_err(|e| request_error(&key, "setting up", &e))?;
        Ok(Mailchimp { http, key })
    }

    /// The key in use (for redaction by callers).
    pub fn key(&self) -> &ApiKey {
        &self.key
    }

    /// Where an editor reviews a campaign in Mailchimp's web interface.
    pub fn admin_url(&self, campaign: &Campaign) -> Option<String> {
        campaign.web_id.map(|id| {
            format!(
                "https://{}.admin.mailchimp.com/campaigns/edit?id={id}",
                self.key.data_centre()
            )
        })
    }

    /// An audience and its sender defaults.
    pub async fn list(&self, list_id: &str) -> Result<List> {
        let step = format!("reading audience {list_id}");
        self.json(&step, Method::GET, &["lists", list_id], &[], None::<&()>)
            .await
    }

    /// The campaign of `list_id` named `title`: a draft, paused or scheduled one if any, else
    /// the newest sent one; `None` when there is none.
    pub async fn find_campaign(&self, list_id: &str, title: &str) -> Result<Option<Campaign>> {
        let step = format!("looking for campaign \"{title}\"");
        let count = PAGE.to_string();
        let mut offset = 0usize;
        let mut sent = None;
        for _ in 0..MAX_PAGES {
            let off = offset.to_string();
            let query = [
                ("list_id", list_id),
                ("count", count.as_str()),
                ("offset", off.as_str()),
                ("sort_field", "create_time"),
                ("sort_dir", "DESC"),
                (
                    "fields",
                    "campaigns.id,campaigns.web_id,campaigns.status,campaigns.send_time,\
                     campaigns.settings.title,campaigns.recipients.list_id,total_items",
                ),
            ];
            let page: CampaignPage = self
                .json(&step, Method::GET, &["campaigns"], &query, None::<&()>)
                .await?;
            let got = page.campaigns.len();
            for c in page.campaigns {
                if c.settings.title.trim() != title.trim() {
                    continue;
                }
                if matches!(c.status.as_str(), "sent" | "sending") {
                    sent.get_or_insert(c);
                } else {
                    return Ok(Some(c));
                }
            }
            offset += got;
            if got == 0 || offset >= page.total_items {
                return Ok(sent);
            }
        }
        Ok(sent)
    }

    /// Creates a regular campaign.
    pub async fn create_campaign(&self, request: &CampaignRequest<'_>) -> Result<Campaign> {
        self.json(
            "creating the campaign",
            Method::POST,
            &["campaigns"],
            &[],
            Some(request),
        )
        .await
    }

    /// Updates a campaign's audience and settings.
    pub async fn update_campaign(
        &self,
        id: &str,
        request: &CampaignRequest<'_>,
    ) -> Result<Campaign> {
        self.json(
            "updating the campaign",
            Method::PATCH,
            &["campaigns", id],
            &[],
            Some(request),
        )
        .await
    }

    /// Sets the HTML and text content.
    pub async fn set_content(&self, id: &str, content: &Content<'_>) -> Result<()> {
        self.send(
            "setting the campaign's content",
            Method::PUT,
            &["campaigns", id, "content"],
            Some(content),
        )
        .await
        .map(drop)
    }

    /// Sends a test message to `emails`.
    pub async fn send_test(&self, id: &str, emails: &[String]) -> Result<()> {
        let body = TestRequest {
            test_emails: emails,
            send_type: "html",
        };
        self.send(
            "sending the test email",
            Method::POST,
            &["campaigns", id, "actions", "test"],
            Some(&body),
        )
        .await
        .map(drop)
    }

    /// Mailchimp's pre-send checklist.
    pub async fn checklist(&self, id: &str) -> Result<Checklist> {
        self.json(
            "reading the send checklist",
            Method::GET,
            &["campaigns", id, "send-checklist"],
            &[],
            None::<&()>,
        )
        .await
    }

    /// Schedules the campaign at `time` (on a quarter hour).
    pub async fn schedule(&self, id: &str, time: jiff::Timestamp) -> Result<()> {
        let body = ScheduleRequest {
            schedule_time: time.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
        };
        self.send(
            "scheduling the campaign",
            Method::POST,
            &["campaigns", id, "actions", "schedule"],
            Some(&body),
        )
        .await
        .map(drop)
    }

    /// Takes a scheduled campaign back to a draft (needed before it can be edited).
    pub async fn unschedule(&self, id: &str) -> Result<()> {
        self.send(
            "unscheduling the campaign",
            Method::POST,
            &["campaigns", id, "actions", "unschedule"],
            None::<&()>,
        )
        .await
        .map(drop)
    }

    /// Sends the campaign to its audience now.
    pub async fn send_now(&self, id: &str) -> Result<()> {
        self.send(
            "sending the campaign",
            Method::POST,
            &["campaigns", id, "actions", "send"],
            None::<&()>,
        )
        .await
        .map(drop)
    }

    fn url(&self, step: &str, segments: &[&str], query: &[(&str, &str)]) -> Result<Url> {
        let mut url = self
            .http
            .endpoint("", query)
            .map_err(|e| request_error(&self.key, step, &e))?;
        url.path_segments_mut()
            .map_err(|()| MailchimpError::Config {
                setting: "email.mailchimp.api_url".into(),
                reason: "the API root cannot have a path".into(),
            })?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    async fn send<B: Serialize + ?Sized>(
        &self,
        step: &str,
        method: Method,
        segments: &[&str],
        body: Option<&B>,
    ) -> Result<Fetched> {
        let url = self.url(step, segments, &[])?;
        self.http
            .send_json(method, url, body)
            .await
            .map_err(|e| request_error(&self.key, step, &e))
    }

    async fn json<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        step: &str,
        method: Method,
        segments: &[&str],
        query: &[(&str, &str)],
        body: Option<&B>,
    ) -> Result<T> {
        let url = self.url(step, segments, query)?;
        let fetched = self
            .http
            .send_json(method, url, body)
            .await
            .map_err(|e| request_error(&self.key, step, &e))?;
        fetched
            .json()
            .map_err(|e| request_error(&self.key, step, &e))
    }
}

/// A request failure as the editor sees it: Mailchimp's own explanation when it sent one
/// (title, detail, field errors), the path rather than the whole URL, and never the key.
fn request_error(key: &ApiKey, step: &str, e: &NetError) -> MailchimpError {
    let message = match e {
        NetError::Status { status, body, url } => match serde_json::from_str::<Problem>(body) {
            Ok(p) if !(p.title.is_empty() && p.detail.is_empty()) => {
                let mut m = format!("HTTP {status}: {}", p.title);
                if !p.detail.is_empty() {
                    m.push_str(&format!(": {}", p.detail));
                }
                for f in &p.errors {
                    m.push_str(&format!(" ({}: {})", f.field, f.message));
                }
                m
            }
            _ => format!("HTTP {status} from {}: {body}", url.path()),
        },
        NetError::Unauthorized { status, hint, .. } => format!("HTTP {status}: {hint}"),
        NetError::NotFound { status, url } => format!("HTTP {status}: {} not found", url.path()),
        other => other.to_string(),
    };
    MailchimpError::Request {
        step: step.to_string(),
        message: key.redact(&message),
        transient: e.is_transient(),
    }
}
