//! The parts of Mailchimp's JSON that twir reads and writes (Marketing API 3.0).

use serde::{Deserialize, Serialize};

/// A campaign as `GET /campaigns` and `GET /campaigns/{id}` return it (fields twir uses).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Campaign {
    /// The API id.
    pub id: String,
    /// The id in Mailchimp's web interface (`/campaigns/edit?id=`).
    #[serde(default)]
    pub web_id: Option<u64>,
    /// `save` (draft), `paused`, `schedule`, `sending` or `sent`.
    #[serde(default)]
    pub status: String,
    /// When it was sent or is scheduled to be (RFC 3339).
    #[serde(default)]
    pub send_time: Option<String>,
    /// Title, subject and the like.
    #[serde(default)]
    pub settings: CampaignSettingsOut,
    /// The audience.
    #[serde(default)]
    pub recipients: Option<RecipientsOut>,
}

/// The settings Mailchimp returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct CampaignSettingsOut {
    /// Internal name.
    #[serde(default)]
    pub title: String,
    /// Subject line.
    #[serde(default)]
    pub subject_line: Option<String>,
}

/// The audience Mailchimp returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RecipientsOut {
    /// The list id.
    #[serde(default)]
    pub list_id: Option<String>,
}

/// One page of `GET /campaigns`.
#[derive(Debug, Clone, Deserialize)]
pub struct CampaignPage {
    /// The campaigns of this page.
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
    /// How many campaigns match in all.
    #[serde(default)]
    pub total_items: usize,
}

/// The body of `POST /campaigns` and `PATCH /campaigns/{id}`.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignRequest<'a> {
    /// Always `regular` on creation; absent on update.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'a str>,
    /// The audience.
    pub recipients: Recipients<'a>,
    /// Subject, sender, title.
    pub settings: Settings<'a>,
}

/// The audience of a campaign.
#[derive(Debug, Clone, Serialize)]
pub struct Recipients<'a> {
    /// The list id.
    pub list_id: &'a str,
}

/// The settings twir sets.
#[derive(Debug, Clone, Serialize)]
pub struct Settings<'a> {
    /// Subject line.
    pub subject_line: &'a str,
    /// Inbox preview text.
    pub preview_text: &'a str,
    /// Internal name (how twir finds the campaign again).
    pub title: &'a str,
    /// Sender name.
    pub from_name: &'a str,
    /// Sender and reply-to address.
    pub reply_to: &'a str,
}

/// The body of `PUT /campaigns/{id}/content`.
#[derive(Debug, Clone, Serialize)]
pub struct Content<'a> {
    /// The HTML part.
    pub html: &'a str,
    /// The plain-text part.
    pub plain_text: &'a str,
}

/// The body of `POST /campaigns/{id}/actions/test`.
#[derive(Debug, Clone, Serialize)]
pub struct TestRequest<'a> {
    /// Where the test goes.
    pub test_emails: &'a [String],
    /// `html` (the multipart message with both parts).
    pub send_type: &'a str,
}

/// The body of `POST /campaigns/{id}/actions/schedule`.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleRequest {
    /// When, in UTC (RFC 3339), on a quarter hour.
    pub schedule_time: String,
}

/// An audience's defaults for new campaigns (`GET /lists/{id}`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct List {
    /// The audience's name.
    #[serde(default)]
    pub name: String,
    /// Defaults of campaigns sent to it.
    #[serde(default)]
    pub campaign_defaults: CampaignDefaults,
}

/// Sender defaults of an audience.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CampaignDefaults {
    /// Sender name.
    #[serde(default)]
    pub from_name: String,
    /// Sender address.
    #[serde(default)]
    pub from_email: String,
}

/// `GET /campaigns/{id}/send-checklist`.
#[derive(Debug, Clone, Deserialize)]
pub struct Checklist {
    /// Whether Mailchimp would send it.
    pub is_ready: bool,
    /// What it checked.
    #[serde(default)]
    pub items: Vec<ChecklistItem>,
}

/// One checklist line.
#[derive(Debug, Clone, Deserialize)]
pub struct ChecklistItem {
    /// `success`, `warning` or `error`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The heading.
    #[serde(default)]
    pub heading: String,
    /// The explanation.
    #[serde(default)]
    pub details: String,
}

/// Mailchimp's error document (RFC 7807 problem details).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Problem {
    /// Short summary, e.g. "Invalid Resource".
    #[serde(default)]
    pub title: String,
    /// The explanation.
    #[serde(default)]
    pub detail: String,
    /// Per-field errors.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

/// One field's error.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FieldError {
    /// The field.
    #[serde(default)]
    pub field: String,
    /// What is wrong.
    #[serde(default)]
    pub message: String,
}
