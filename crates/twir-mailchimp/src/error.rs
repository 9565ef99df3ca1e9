//! What can go wrong talking to Mailchimp. Every message is built from text already passed
//! through [`crate::ApiKey::redact`]: none of them can hold the key.

/// Why a Mailchimp step failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MailchimpError {
    /// `MAILCHIMP_API_KEY` is missing or malformed (the message never quotes it).
    #[error("{0}")]
    Key(String),
    /// A setting in `twir.toml` (or on the command line) is missing or unusable.
    #[error("{setting}: {reason}")]
    Config {
        /// The setting, e.g. `email.mailchimp.list_id`.
        setting: String,
        /// What is wrong and how to fix it.
        reason: String,
    },
    /// The request failed (network, time-out, HTTP error): `step` says what twir was doing.
    #[error("{step}: {message}")]
    Request {
        /// What twir was doing, e.g. "creating the campaign".
        step: String,
        /// The failure, redacted.
        message: String,
        /// Whether trying again later may help.
        transient: bool,
    },
    /// The campaign for this issue already went out: twir never makes a second one.
    #[error(
        "campaign \"{title}\" (id {id}) has status \"{status}\": it was already sent{}, so twir \
         leaves it alone and creates no second one",
        send_time.as_deref().map(|t| format!(" on {t}")).unwrap_or_default()
    )]
    AlreadySent {
        /// The campaign's title.
        title: String,
        /// Its id.
        id: String,
        /// `sent` or `sending`.
        status: String,
        /// When, if Mailchimp said.
        send_time: Option<String>,
    },
    /// Mailchimp's pre-send checklist found problems.
    #[error("campaign \"{title}\" is not ready to send: {}", problems.join("; "))]
    NotReady {
        /// The campaign's title.
        title: String,
        /// The checklist's errors.
        problems: Vec<String>,
    },
}
