//! Putting an edition together: body HTML -> email HTML (template, absolute URLs, inlined CSS),
//! plain text, and the MIME message.

use crate::body;
use crate::error::EmailError;
use crate::inline::inline_css;
use crate::issue::IssueInfo;
use crate::mime::{MessageParts, build_message, fnv1a, header::first_address};
use crate::size::SizeReport;
use crate::template::{HTML_NAME, TEXT_NAME, Templates};
use crate::text;
use crate::theme::{self, EmailTheme};
use crate::{pelican, restyle};
use minijinja::{Value, context};
use std::path::{Path, PathBuf};
use twir_content::{Document, Site};

/// Length of the inbox preview text taken from the first paragraph.
const PREHEADER_CHARS: usize = 140;

/// Choices made by the caller rather than by `twir.toml`.
#[derive(Debug, Clone)]
pub struct Options {
    /// A theme folder overriding `paths.theme` (its `templates/email.html` and `email.txt`).
    pub theme: Option<PathBuf>,
    /// The `To:` header, overriding `email.to`.
    pub to: Option<String>,
    /// The moment the message is dated (`Date:`, and part of the `Message-ID:`).
    pub now: jiff::Timestamp,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: None,
            to: None,
            now: jiff::Timestamp::now(),
        }
    }
}

/// A finished email edition.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The issue it was made from.
    pub issue: IssueInfo,
    /// The subject line.
    pub subject: String,
    /// The inbox preview text: the opening words of the issue.
    pub preheader: String,
    /// The email-safe HTML document.
    pub html: String,
    /// The plain-text alternative.
    pub text: String,
    /// The complete message (CRLF line endings); `None` when no sender is configured
    /// (`email.from`, or `[email.mailchimp]` `from_name` and `reply_to`).
    pub eml: Option<String>,
    /// Sizes, and how the HTML compares with Gmail's clipping limit.
    pub size: SizeReport,
}

/// Builds the edition of `doc` with the theme [`crate::theme::choose`] picks: the
/// repository's email theme (Pelican), else twir's own email template.
pub fn build(site: &Site, doc: &Document, options: &Options) -> Result<Edition, EmailError> {
    let parts = parts(site, doc, options.theme.as_deref())?;
    finish(site, parts, options)
}

/// Builds the edition with twir's email templates from body HTML already rendered (e.g.
/// cached by the site builder); `options.theme` may name a folder of template overrides.
pub fn build_from_body(
    site: &Site,
    doc: &Document,
    body_html: &str,
    options: &Options,
) -> Result<Edition, EmailError> {
    let dir = theme_dir(site, options.theme.as_deref());
    let parts = twir_parts(site, doc, body_html, dir.as_deref())?;
    finish(site, parts, options)
}

/// The email HTML of `doc` alone, for previews (`twir serve` at `/email/N/`): the same
/// document `twir email` writes to `N.html`, with the same theme.
pub fn preview_html(site: &Site, doc: &Document) -> Result<String, EmailError> {
    Ok(parts(site, doc, None)?.html)
}

/// The folder of twir template overrides: the one given, else `paths.theme` under the site
/// root.
pub fn theme_dir(site: &Site, given: Option<&Path>) -> Option<PathBuf> {
    given.map(Path::to_path_buf).or_else(|| {
        site.config
            .paths
            .theme
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| site.root.join(t))
    })
}

/// What a theme makes of an issue.
struct Parts {
    issue: IssueInfo,
    html: String,
    text: String,
    preheader: String,
}

fn parts(site: &Site, doc: &Document, given: Option<&Path>) -> Result<Parts, EmailError> {
    match theme::choose(site, given)? {
        EmailTheme::Twir(dir) => twir_parts(
            site,
            doc,
            &twir_markdown::render(doc.body()),
            dir.as_deref(),
        ),
        EmailTheme::Pelican { dir, settings } => {
            let rendered = pelican::render(site, doc, &dir, settings.as_deref())?;
            let html = restyle::inline_keeping_markup(&rendered.page)?;
            let text = text::document_text(&html, &rendered.issue.urls, text::WIDTH);
            let preheader = text::preheader(&body::parse(&rendered.body), PREHEADER_CHARS);
            Ok(Parts {
                issue: rendered.issue,
                html,
                text,
                preheader,
            })
        }
    }
}

fn twir_parts(
    site: &Site,
    doc: &Document,
    body_html: &str,
    dir: Option<&Path>,
) -> Result<Parts, EmailError> {
    let issue = IssueInfo::new(site, doc)?;
    let templates = Templates::load(dir)?;
    let parsed = body::parse(body_html);
    let unsubscribe = site.config.email.unsubscribe.trim();
    let html_ctx = context(site, &issue, unsubscribe, &parsed, Body::Html);
    let html = inline_css(&templates.render(HTML_NAME, &html_ctx)?)?;
    let text_ctx = context(site, &issue, unsubscribe, &parsed, Body::Text);
    let text = templates.render(TEXT_NAME, &text_ctx)?;
    Ok(Parts {
        issue,
        html,
        text,
        preheader: text::preheader(&parsed, PREHEADER_CHARS),
    })
}

/// The subject, the message and the size report around the parts.
fn finish(site: &Site, parts: Parts, options: &Options) -> Result<Edition, EmailError> {
    let Parts {
        issue,
        html,
        text,
        preheader,
    } = parts;
    let cfg = &site.config.email;
    let unsubscribe = cfg.unsubscribe.trim();
    let subject = cfg
        .subject
        .replace("{number}", &issue.number.to_string())
        .replace("{title}", &issue.title);
    let date = date_header(site, options.now)?;
    let eml = match sender(site) {
        Some(from) => {
            let message_id = message_id(&issue, options.now, &html, &from);
            let to = options.to.as_deref().unwrap_or(&cfg.to);
            let eml = build_message(&MessageParts {
                from: &from,
                to,
                subject: &subject,
                date: &date,
                message_id: &message_id,
                unsubscribe,
                text: &text,
                html: &html,
            })
            .map_err(|e| EmailError::Config {
                setting: "from/to/subject",
                value: format!("{from} / {to} / {subject}"),
                reason: e.0,
            })?;
            Some(eml)
        }
        None => None,
    };
    let size = SizeReport {
        html: html.len(),
        text: text.len(),
        eml: eml.as_ref().map(String::len),
    };
    Ok(Edition {
        issue,
        subject,
        preheader,
        html,
        text,
        eml,
        size,
    })
}

#[derive(Clone, Copy)]
enum Body {
    Html,
    Text,
}

fn context(
    site: &Site,
    issue: &IssueInfo,
    unsubscribe: &str,
    parsed: &scraper::Html,
    kind: Body,
) -> Value {
    let body = match kind {
        Body::Html => Value::from_safe_string(body::email_html(parsed, &issue.urls)),
        Body::Text => Value::from(text::to_text(parsed, &issue.urls, text::WIDTH)),
    };
    let s = &site.config.site;
    context! {
        site => context! {
            name => s.name,
            url => issue.urls.root.as_str(),
            language => s.language,
            subscribe_url => s.subscribe_url,
        },
        issue => context! {
            title => issue.title,
            number => issue.number,
            date => issue.date.to_string(),
            date_long => issue.date_long(),
            web_url => issue.urls.web.as_str(),
            archive_url => issue.urls.archive.as_str(),
        },
        body => body,
        preheader => text::preheader(parsed, PREHEADER_CHARS),
        unsubscribe => unsubscribe,
        width => site.config.email.width,
    }
}

/// The `From:` of the `.eml`: `email.from`, else the Mailchimp sender when both its name and
/// address are configured. twir invents no address.
pub fn sender(site: &Site) -> Option<String> {
    let cfg = &site.config.email;
    if !cfg.from.trim().is_empty() {
        return Some(cfg.from.trim().to_string());
    }
    let mc = &cfg.mailchimp;
    match (mc.from_name.as_deref(), mc.reply_to.as_deref()) {
        (Some(name), Some(addr)) if !addr.trim().is_empty() => {
            Some(format!("{} <{}>", name.trim(), addr.trim()))
        }
        _ => None,
    }
}

/// `Date:` in the site's time zone (UTC if the zone is unknown to this machine).
fn date_header(site: &Site, now: jiff::Timestamp) -> Result<String, EmailError> {
    let tz = jiff::tz::TimeZone::get(&site.config.site.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let zoned = now.to_zoned_datetime(tz);
    jiff::fmt::rfc2822::to_string(&zoned).map_err(|e| EmailError::Config {
        setting: "date",
        value: now.to_string(),
        reason: e.to_string(),
    })
}

/// A Message-ID unique to this issue, moment and content, under the sender's domain.
fn message_id(issue: &IssueInfo, now: jiff::Timestamp, html: &str, from: &str) -> String {
    let domain = first_address(from)
        .and_then(|a| a.rsplit_once('@').map(|(_, d)| d.to_string()))
        .or_else(|| issue.urls.root.host_str().map(str::to_string))
        .unwrap_or_else(|| "localhost".to_string());
    let hash = fnv1a(&[html.as_bytes()]);
    format!(
        "<twir-{}.{}.{:08x}@{domain}>",
        issue.number,
        now.as_second(),
        hash & 0xffff_ffff
    )
}
