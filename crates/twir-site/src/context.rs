//! The values templates see. Each post's listing data is serialised once per render pass and
//! shared by every page that lists it.

use crate::dates;
use crate::model::{Entry, Kind, SiteModel, Term};
use crate::urls;
use minijinja::Value;
use serde::Serialize;

/// Settings that shape links and optional features of the rendered pages.
#[derive(Debug, Clone)]
pub struct RenderSettings {
    /// Absolute site URL without trailing slash (feeds, canonical links, sitemap).
    pub site_url: String,
    /// Path prefix of in-site links (`""` for a site at the domain root).
    pub base: String,
    /// Whether the search box is shown.
    pub search: bool,
}

/// A category or tag as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct TermCtx {
    /// Display name.
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// Link target.
    pub href: String,
}

/// What listings show about a post.
#[derive(Debug, Clone, Serialize)]
pub struct PostCtx {
    /// Title.
    pub title: String,
    /// Issue number.
    pub number: Option<u32>,
    /// In-site link.
    pub href: String,
    /// Absolute URL.
    pub url: String,
    /// `22 November 2023`.
    pub date: String,
    /// `2023-11-22`.
    pub short_date: String,
    /// RFC 3339 time.
    pub datetime: String,
    /// Year of publication.
    pub year: i16,
    /// Category.
    pub category: Option<TermCtx>,
    /// Tags.
    pub tags: Vec<TermCtx>,
    /// Whether it is an unpublished draft.
    pub draft: bool,
    /// `Summary:`.
    pub summary: Option<String>,
    /// `Author:`.
    pub author: Option<String>,
}

/// Shared template data for one render pass.
#[derive(Debug)]
pub struct Ctx {
    /// The `site` variable.
    pub site: Value,
    /// Settings used.
    pub settings: RenderSettings,
    /// Listing data of [`SiteModel::posts`], same order.
    pub posts: Vec<Value>,
    /// The same, unserialised (archives group by year).
    pub post_data: Vec<PostCtx>,
}

impl RenderSettings {
    /// In-site link to a relative URL.
    pub fn href(&self, rel: &str) -> String {
        format!("{}/{rel}", self.base)
    }

    /// Absolute URL of a relative URL.
    pub fn abs(&self, rel: &str) -> String {
        format!("{}/{rel}", self.site_url)
    }

    /// A category's or tag's template data.
    pub fn term(&self, t: &Term, url: String) -> TermCtx {
        TermCtx {
            name: t.name.clone(),
            slug: t.slug.clone(),
            href: self.href(&url),
        }
    }

    /// A post's listing data.
    pub fn post(&self, e: &Entry) -> PostCtx {
        let date = e.date.as_ref();
        PostCtx {
            title: e.title.clone(),
            number: e.number,
            href: self.href(&e.url),
            url: self.abs(&e.url),
            date: date.map(dates::human).unwrap_or_default(),
            short_date: date.map(dates::ymd).unwrap_or_default(),
            datetime: date.map(dates::rfc3339).unwrap_or_default(),
            year: date.map(|d| d.year()).unwrap_or_default(),
            category: e
                .category
                .as_ref()
                .map(|c| self.term(c, urls::category(&c.slug))),
            tags: e
                .tags
                .iter()
                .map(|t| self.term(t, urls::tag(&t.slug)))
                .collect(),
            draft: e.kind == Kind::Draft,
            summary: e.summary.clone(),
            author: e.author.clone(),
        }
    }
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    name: &'a str,
    url: &'a str,
    base: &'a str,
    description: &'a str,
    language: &'a str,
    subscribe_url: &'a str,
    author: &'a str,
    search: bool,
    search_box: Value,
    has_tags: bool,
    feeds: Feeds,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct Feeds {
    atom: String,
    rss: String,
}

#[derive(Serialize)]
struct PageLink {
    title: String,
    href: String,
}

impl Ctx {
    /// Prepares the shared data of a render pass.
    pub fn new(
        cfg: &twir_content::config::SiteConfig,
        model: &SiteModel,
        settings: RenderSettings,
    ) -> Ctx {
        let site = Value::from_serialize(&SiteCtx {
            name: &cfg.name,
            url: &settings.site_url,
            base: &settings.base,
            description: &cfg.description,
            language: &cfg.language,
            subscribe_url: &cfg.subscribe_url,
            author: &cfg.author,
            search: settings.search,
            search_box: Value::from_safe_string(if settings.search {
                crate::search::search_box(&settings)
            } else {
                String::new()
            }),
            has_tags: !model.tags.is_empty(),
            feeds: Feeds {
                atom: settings.href("atom.xml"),
                rss: settings.href("rss.xml"),
            },
            pages: model
                .pages
                .iter()
                .map(|p| PageLink {
                    title: p.title.clone(),
                    href: settings.href(&p.url),
                })
                .collect(),
        });
        let post_data: Vec<PostCtx> = model.posts.iter().map(|e| settings.post(e)).collect();
        let posts = post_data.iter().map(Value::from_serialize).collect();
        Ctx {
            site,
            settings,
            posts,
            post_data,
        }
    }

    /// Listing data of the posts at `indices`.
    pub fn list(&self, indices: impl IntoIterator<Item = usize>) -> Vec<Value> {
        indices.into_iter().map(|i| self.posts[i].clone()).collect()
    }
}
