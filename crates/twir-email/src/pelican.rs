//! Rendering an issue with a Pelican email theme, as `USE_EMAIL_THEME=1 pelican` renders the
//! issue's page: the same settings (`pelicanconf.py` read with `USE_EMAIL_THEME=1`), the same
//! article object (`article.number`, `article.date.strftime(...)`, `article.url`...), the
//! theme's `article.html` (or the issue's `Template:`), through `twir-pelican`'s template
//! layer, the one the website uses.

use crate::error::EmailError;
use crate::issue::{IssueInfo, field_error};
use crate::message_body::message_body;
use crate::urls::SiteUrls;
use minijinja::Value;
use std::path::Path;
use std::sync::Arc;
use twir_content::{Document, Site};
use twir_pelican::reader::{Reader, SourceFile, markdown_fields};
use twir_pelican::{
    ContentKind, PelicanConfig, PelicanSettings, PelicanTheme, PyValue, SharedContext,
};

/// An issue rendered with the theme, before its CSS is inlined.
#[derive(Debug)]
pub struct Rendered {
    /// The page the theme wrote.
    pub page: String,
    /// The issue's identity and addresses (from `SITEURL` and the article's URL).
    pub issue: IssueInfo,
    /// The body as the theme received it (`article.content`).
    pub body: String,
}

/// Renders `doc` with the Pelican theme at `dir`; `settings` is the repository's
/// `pelicanconf.py`, read with `USE_EMAIL_THEME=1` (without one, `twir.toml`'s site settings
/// stand in for it).
pub fn render(
    site: &Site,
    doc: &Document,
    dir: &Path,
    settings: Option<&Path>,
) -> Result<Rendered, EmailError> {
    let config = config(site, settings)?;
    let pelican = |e: &dyn std::fmt::Display| EmailError::Pelican(e.to_string());
    let tz_name = config.opt_str("TIMEZONE").map_err(|e| pelican(&e))?;
    let tz = match tz_name {
        Some(name) => jiff::tz::TimeZone::get(name).map_err(|e| {
            pelican(&config.error("TIMEZONE", format!("unknown time zone `{name}`: {e}")))
        })?,
        None => jiff::tz::TimeZone::UTC,
    };
    let plugins = config.plugins().map_err(|e| pelican(&e))?;
    let (trim_blocks, lstrip_blocks) = config.jinja_environment().map_err(|e| pelican(&e))?;
    let options = twir_pelican::ThemeOptions {
        static_dir: config
            .string("THEME_STATIC_DIR")
            .map_err(|e| pelican(&e))?
            .to_string(),
        static_paths: config
            .strings("THEME_STATIC_PATHS")
            .map_err(|e| pelican(&e))?,
        webassets: plugins.webassets,
        trim_blocks,
        lstrip_blocks,
        search_box: None,
    };
    let theme = PelicanTheme::load(Some(dir), options).map_err(|e| pelican(&e))?;

    // The article as Pelican reads it; its URL decides where relative links point.
    let (fields, body_at) = markdown_fields(&doc.source);
    let body_html = twir_markdown::render(doc.source.get(body_at..).unwrap_or(""));
    let path = doc.path.clone().unwrap_or_else(|| "<input>".into());
    let relative = path
        .strip_prefix(site.content_dir())
        .unwrap_or(&path)
        .to_string_lossy()
        .replace('\\', "/");
    let markdown = |s: &str| twir_markdown::render(s);
    let reader = Reader {
        config: &config,
        tz: &tz,
        markdown: &markdown,
    };
    let mut article = reader
        .read(&SourceFile {
            path: &path,
            relative_path: &relative,
            kind: ContentKind::Article,
            fields: &fields,
            body_html: Arc::from(""),
        })
        .map_err(|e| pelican(&e))?;
    let site_url = config
        .opt_str("SITEURL")
        .map_err(|e| pelican(&e))?
        .unwrap_or("");
    let urls = SiteUrls::pelican(site_url, &article.url)?;
    let body = message_body(&body_html, &urls);
    article.content = Arc::from(body.as_str());
    let issue = issue_info(doc, &article, urls)?;

    let article = Arc::new(article);
    let value = article.value();
    let mut shared = config.template_values();
    // The edition is one article: a theme that lists the others gets just this one.
    shared.insert("articles".into(), Value::from(vec![value.clone()]));
    shared.insert("dates".into(), Value::from(vec![value.clone()]));
    let category = article
        .category
        .as_ref()
        .map(|c| Value::from_dyn_object(c.clone()))
        .unwrap_or(Value::UNDEFINED);
    let ctx = SharedContext::new(shared).page(vec![
        ("article", value),
        ("category", category),
        ("url", Value::from(article.url.as_str())),
        ("output_file", Value::from(article.save_as.as_str())),
        ("blog", Value::from(true)),
    ]);
    let template = format!("{}.html", article.template);
    let page = theme.render(&template, ctx).map_err(|e| pelican(&e))?;
    Ok(Rendered { page, issue, body })
}

/// The settings: `pelicanconf.py` with `USE_EMAIL_THEME=1` and the keys `twir.toml` sets
/// over it (as the website does), or `twir.toml`'s site settings over Pelican's defaults.
fn config(site: &Site, settings: Option<&Path>) -> Result<PelicanConfig, EmailError> {
    let env = |name: &str| {
        if name == crate::theme::EMAIL_THEME_ENV {
            Some("1".to_string())
        } else {
            std::env::var(name).ok()
        }
    };
    match settings {
        Some(file) => {
            let s = PelicanSettings::load(file, &env)
                .map_err(|e| EmailError::Pelican(e.to_string()))?;
            let mut config = PelicanConfig::new(&s);
            // The keys `twir.toml` sets win over `pelicanconf.py`, as on the website.
            twir_pelican::apply_twir_toml(site, &mut config)
                .map_err(|e| EmailError::Pelican(e.to_string()))?;
            Ok(config)
        }
        None => {
            let s = PelicanSettings {
                path: site.root.join("twir.toml"),
                settings: Vec::new(),
            };
            let mut config = PelicanConfig::new(&s);
            let c = &site.config.site;
            for (name, value) in [
                ("SITENAME", c.name.as_str()),
                ("SITEURL", c.url.trim_end_matches('/')),
                ("TIMEZONE", c.timezone.as_str()),
                ("DEFAULT_LANG", c.language.as_str()),
                ("AUTHOR", c.author.as_str()),
            ] {
                config.set(name, PyValue::Str(value.to_string()), 0);
            }
            Ok(config)
        }
    }
}

fn issue_info(
    doc: &Document,
    article: &twir_pelican::Content,
    urls: SiteUrls,
) -> Result<IssueInfo, EmailError> {
    let file = doc.name();
    // `Number:` as the other editions read it; without one, the number ending the title as
    // Pelican's reader gave it.
    let number = match doc.meta.field("number") {
        Some(_) => twir_content::identity::number(&doc.meta).map_err(|e| field_error(&file, e))?,
        None => twir_content::identity::title_number(&article.title),
    }
    .ok_or_else(|| EmailError::MissingField {
        file: file.clone(),
        field: "Number",
    })?;
    let date = article
        .date
        .as_ref()
        .map(|z| z.date())
        .ok_or(EmailError::MissingField {
            file,
            field: "Date",
        })?;
    Ok(IssueInfo {
        title: article.title.clone(),
        number,
        date,
        urls,
    })
}
