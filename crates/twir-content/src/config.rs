//! `twir.toml`: optional overrides of the defaults, which fit TWiR's own repository.

use crate::error::ContentError;
use serde::Deserialize;
use std::path::Path;

/// The whole configuration; every field has a default.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The website.
    pub site: SiteConfig,
    /// Where things are, relative to the site root.
    pub paths: PathsConfig,
    /// `twir check` settings.
    pub check: CheckConfig,
    /// The email edition.
    pub email: EmailConfig,
    /// GitHub repositories and API.
    pub github: GithubConfig,
    /// The Upcoming Events section `twir events` writes.
    pub events: EventsConfig,
}

/// Website identity and layout settings.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// Site name, e.g. "This Week in Rust".
    pub name: String,
    /// Absolute base URL, without trailing slash.
    pub url: String,
    /// One-line description (feeds, meta tags).
    pub description: String,
    /// Language code for `<html lang>`.
    pub language: String,
    /// IANA time zone for dates in feeds and pages.
    pub timezone: String,
    /// Issues per index page.
    pub per_page: usize,
    /// Items in the feeds.
    pub feed_items: usize,
    /// Where readers subscribe to the email.
    pub subscribe_url: String,
    /// Author/publisher name for feeds.
    pub author: String,
}

/// Folder layout.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct PathsConfig {
    /// Published issues (and `pages/`, `images/`).
    pub content: String,
    /// The issue in progress and `DRAFT_TEMPLATE`.
    pub draft: String,
    /// Where `twir build` writes the site.
    pub output: String,
    /// Optional theme folder overriding the built-in templates and static files.
    pub theme: Option<String>,
}

/// Settings of `twir check`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct CheckConfig {
    /// How many recent published issues duplicate links are checked against.
    pub recent: usize,
    /// Heading of the community links section.
    pub community_section: String,
    /// Heading of the section only editors may add links to.
    pub project_tooling_section: String,
    /// How many days after the issue date events may be listed (at most
    /// [`MAX_EVENT_DAYS`]).
    #[serde(deserialize_with = "event_days")]
    pub event_days: u32,
    /// Why outside contributors may not add links to the project/tooling section, shown with
    /// `twir check --deny-project-tooling-links` (TWiR's policy by default).
    pub project_tooling_policy: String,
}

/// TWiR's policy for its Project/Tooling Updates section.
pub const TWIR_PROJECT_TOOLING_POLICY: &str = "the editors now pick this section's links from r/rust (https://www.reddit.com/r/rust/): post your project there, within its rules (why: https://github.com/rust-lang/this-week-in-rust/issues/8575)";

/// The longest events window `[check] event_days` accepts: a hundred years.
pub const MAX_EVENT_DAYS: u32 = 36_600;

fn event_days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let days = u32::deserialize(d)?;
    if days > MAX_EVENT_DAYS {
        return Err(serde::de::Error::custom(format!(
            "event_days = {days} is more than {MAX_EVENT_DAYS} days"
        )));
    }
    Ok(days)
}

/// Settings of `twir email`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct EmailConfig {
    /// `From:` header of the `.eml`. Unset (the default), the `.eml` is written only when
    /// `[email.mailchimp]` names a sender (`from_name` and `reply_to`).
    pub from: String,
    /// `To:` header of the `.eml`; the default names no one (recipients are added when sending).
    pub to: String,
    /// Subject template; `{number}` and `{title}` are replaced (default: the title).
    pub subject: String,
    /// The unsubscribe placeholder the mailing service fills in.
    pub unsubscribe: String,
    /// Maximum content width in pixels.
    pub width: u32,
    /// A Pelican theme folder the edition is rendered with (its `templates/article.html`),
    /// e.g. `themes/newsletter`. Unset: the `THEME` that `pelicanconf.py` selects with
    /// `USE_EMAIL_THEME=1`, else twir's own email template.
    pub theme: Option<String>,
    /// Sending through Mailchimp (`twir email --mailchimp`).
    pub mailchimp: MailchimpConfig,
}

/// Settings of `twir email --mailchimp`. The API key never goes here: it comes from the
/// `MAILCHIMP_API_KEY` environment variable.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct MailchimpConfig {
    /// The audience (list) the campaign goes to. Unset: the `id` of `site.subscribe_url` when
    /// that is a Mailchimp sign-up form (`*.list-manage.com/subscribe?u=...&id=LIST`).
    pub list_id: Option<String>,
    /// The campaign's name in Mailchimp, by which a rerun finds it again; `{number}` and
    /// `{title}` are replaced.
    pub title: String,
    /// Subject line; `{number}` and `{title}` are replaced. Unset: `email.subject`.
    pub subject: Option<String>,
    /// Inbox preview text. Unset: the opening words of the issue.
    pub preview_text: Option<String>,
    /// Sender name. Unset: the audience's default.
    pub from_name: Option<String>,
    /// Sender (and reply-to) address. Unset: the audience's default.
    pub reply_to: Option<String>,
    /// API root. Unset: `https://DC.api.mailchimp.com/3.0/`, DC from the key's suffix.
    pub api_url: Option<String>,
}

/// Upcoming Events settings.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct EventsConfig {
    /// The paragraph (Markdown, with its link definitions) that closes the section: where
    /// organizers add their events. TWiR's calendar paragraph when unset.
    pub footer: Option<String>,
}

/// GitHub settings.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct GithubConfig {
    /// `owner/name` of the newsletter repository (link submissions).
    pub repository: String,
    /// API base URL.
    pub api_url: String,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            name: "This Week in Rust".into(),
            url: "https://this-week-in-rust.org".into(),
            description: "Handpicked Rust updates, delivered to your inbox.".into(),
            language: "en".into(),
            timezone: "America/New_York".into(),
            per_page: 10,
            feed_items: 4,
            subscribe_url: "https://this-week-in-rust.us11.list-manage.com/subscribe?u=fd84c1c757e02889a9b08d289&id=0ed8b72485".into(),
            author: "TWiR Contributors".into(),
        }
    }
}

impl Default for PathsConfig {
    fn default() -> Self {
        PathsConfig {
            content: "content".into(),
            draft: "draft".into(),
            output: "output".into(),
            theme: None,
        }
    }
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            recent: 25,
            community_section: "Updates from Rust Community".into(),
            project_tooling_section: "Project/Tooling Updates".into(),
            event_days: 28,
            project_tooling_policy: TWIR_PROJECT_TOOLING_POLICY.into(),
        }
    }
}

impl Default for EmailConfig {
    fn default() -> Self {
        EmailConfig {
            from: String::new(),
            to: "undisclosed-recipients:;".into(),
            subject: "{title}".into(),
            unsubscribe: "*|UNSUB|*".into(),
            width: 650,
            theme: None,
            mailchimp: MailchimpConfig::default(),
        }
    }
}

impl Default for MailchimpConfig {
    fn default() -> Self {
        MailchimpConfig {
            list_id: None,
            title: "{title}".into(),
            subject: None,
            preview_text: None,
            from_name: None,
            reply_to: None,
            api_url: None,
        }
    }
}

impl Default for GithubConfig {
    fn default() -> Self {
        GithubConfig {
            repository: "rust-lang/this-week-in-rust".into(),
            api_url: "https://api.github.com".into(),
        }
    }
}

impl Config {
    /// Parses configuration text read from `path` (used in error messages).
    pub fn parse(path: &Path, text: &str) -> Result<Config, ContentError> {
        toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            ContentError::Config {
                path: path.to_path_buf(),
                line,
                message: e.message().to_string(),
            }
        })
    }

    /// Loads `ROOT/twir.toml` when it exists, else the defaults.
    pub fn load(root: &Path) -> Result<Config, ContentError> {
        let path = root.join("twir.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(ContentError::Io { path, source }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_merge_with_defaults() {
        let c = Config::parse(
            Path::new("twir.toml"),
            "[site]\nname = \"X\"\n[check]\nrecent = 3\n",
        )
        .unwrap();
        assert_eq!(c.site.name, "X");
        assert_eq!(c.site.per_page, 10);
        assert_eq!(c.check.recent, 3);
        assert_eq!(c.paths.content, "content");
        assert_eq!(c.events.footer, None);
        let c = Config::parse(
            Path::new("twir.toml"),
            "[events]\nfooter = \"\"\"\nAdd yours to the [calendar].\n\n[calendar]: https://c.example/\n\"\"\"\n",
        )
        .unwrap();
        assert_eq!(
            c.events.footer.as_deref(),
            Some("Add yours to the [calendar].\n\n[calendar]: https://c.example/\n")
        );
    }

    #[test]
    fn email_theme_and_mailchimp() {
        let c = Config::default();
        assert_eq!(c.email.theme, None);
        assert_eq!(c.email.mailchimp.title, "{title}");
        assert_eq!(c.email.mailchimp.list_id, None);
        let c = Config::parse(
            Path::new("twir.toml"),
            "[email]\ntheme = \"themes/mail\"\n[email.mailchimp]\nlist_id = \"abc\"\nreply_to = \"a@b.org\"\n",
        )
        .unwrap();
        assert_eq!(c.email.theme.as_deref(), Some("themes/mail"));
        assert_eq!(c.email.mailchimp.list_id.as_deref(), Some("abc"));
        assert_eq!(c.email.mailchimp.reply_to.as_deref(), Some("a@b.org"));
        assert_eq!(c.email.subject, "{title}");
        let e = Config::parse(
            Path::new("twir.toml"),
            "[email.mailchimp]\napi_key = \"x\"\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown field `api_key`"), "{e}");
    }

    #[test]
    fn absurd_event_days_is_an_error_with_line() {
        let e = Config::parse(
            Path::new("twir.toml"),
            "[check]\nrecent = 3\nevent_days = 4294967295\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("twir.toml:3: "), "{e}");
        assert!(
            e.contains("event_days = 4294967295 is more than 36600"),
            "{e}"
        );
        let c = Config::parse(Path::new("twir.toml"), "[check]\nevent_days = 36600\n").unwrap();
        assert_eq!(c.check.event_days, 36600);
    }

    #[test]
    fn unknown_keys_are_errors_with_line() {
        let e =
            Config::parse(Path::new("twir.toml"), "[site]\nname = \"X\"\nnmae = 1\n").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with("twir.toml:3: invalid configuration"),
            "{msg}"
        );
    }
}
