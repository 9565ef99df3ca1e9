//! Every generated file as a job: issue pages, index pages, archives, categories, tags, pages,
//! feeds, sitemap. Jobs are independent, so they render in parallel and a live rebuild can run
//! just the ones a change touches.

use crate::context::Ctx;
use crate::error::SiteError;
use crate::feeds::{self, FeedInfo};
use crate::model::SiteModel;
use crate::theme::Theme;
use crate::{sitemap, urls};
use minijinja::{Value, context};
use serde::Serialize;

/// One generated file or group of files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    /// The page of post `i` (index into [`SiteModel::posts`]).
    Post(usize),
    /// Index page `n` (1-based).
    Index(usize),
    /// `blog/archives/`.
    Archives,
    /// `categories/`.
    Categories,
    /// Category `i` and its feeds.
    Category(usize),
    /// `tags/`.
    Tags,
    /// Tag `i`.
    Tag(usize),
    /// Page `i` (index into [`SiteModel::pages`]).
    Page(usize),
    /// `404.html`.
    NotFound,
    /// `atom.xml` and `rss.xml`.
    Feeds,
    /// `sitemap.xml` and `robots.txt`.
    Sitemap,
}

/// A generated file: path relative to the output root, and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// `blog/2023/11/22/this-week-in-rust-522/index.html`.
    pub path: String,
    /// The file's text.
    pub content: String,
}

/// Everything a job needs.
pub struct Renderer<'a> {
    /// Templates.
    pub theme: &'a Theme,
    /// The content.
    pub model: &'a SiteModel,
    /// Shared template data.
    pub ctx: &'a Ctx,
    /// Site settings (feeds, pagination).
    pub config: &'a twir_content::config::SiteConfig,
}

/// Number of index pages (at least one, even for an empty site).
pub fn index_page_count(model: &SiteModel, per_page: usize) -> usize {
    model.posts.len().div_ceil(per_page.max(1)).max(1)
}

/// Every job of a full build.
pub fn all_jobs(model: &SiteModel, per_page: usize) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..model.posts.len()).map(Job::Post).collect();
    jobs.extend((1..=index_page_count(model, per_page)).map(Job::Index));
    jobs.extend([
        Job::Archives,
        Job::Categories,
        Job::NotFound,
        Job::Feeds,
        Job::Sitemap,
    ]);
    jobs.extend((0..model.categories.len()).map(Job::Category));
    if !model.tags.is_empty() {
        jobs.push(Job::Tags);
    }
    jobs.extend((0..model.tags.len()).map(Job::Tag));
    jobs.extend((0..model.pages.len()).map(Job::Page));
    jobs
}

#[derive(Serialize)]
struct Pagination {
    page: usize,
    pages: usize,
    newer: Option<String>,
    older: Option<String>,
}

#[derive(Serialize)]
struct TermPage {
    name: String,
    slug: String,
    href: String,
    count: usize,
    atom: String,
    rss: String,
}

impl Renderer<'_> {
    fn page(&self, path: String, template: &str, ctx: Value) -> Result<Output, SiteError> {
        Ok(Output {
            path,
            content: self.theme.render(template, ctx)?,
        })
    }

    fn canonical(&self, rel: &str) -> String {
        self.ctx.settings.abs(rel)
    }

    /// Renders one job.
    pub fn render(&self, job: Job) -> Result<Vec<Output>, SiteError> {
        let m = self.model;
        let site = &self.ctx.site;
        let s = &self.ctx.settings;
        let per_page = self.config.per_page.max(1);
        Ok(match job {
            Job::Post(i) => {
                let e = &m.posts[i];
                let issue = context! { ..self.ctx.posts[i].clone(), ..context! { body => Value::from_safe_string(e.html.clone()) } };
                let newer = i.checked_sub(1).map(|j| self.ctx.posts[j].clone());
                let older = self.ctx.posts.get(i + 1).cloned();
                vec![self.page(
                    urls::file_of(&e.url),
                    "issue.html",
                    context! { site, issue, newer, older, canonical => self.canonical(&e.url) },
                )?]
            }
            Job::Index(n) => {
                let pages = index_page_count(m, per_page);
                let start = (n - 1) * per_page;
                let end = (start + per_page).min(m.posts.len());
                let pagination = Pagination {
                    page: n,
                    pages,
                    newer: (n > 1).then(|| s.href(&urls::index_page(n - 1))),
                    older: (n < pages).then(|| s.href(&urls::index_page(n + 1))),
                };
                let url = urls::index_page(n);
                vec![self.page(
                    urls::file_of(&url),
                    "index.html",
                    context! { site, posts => self.ctx.list(start..end), pagination, canonical => self.canonical(&url) },
                )?]
            }
            Job::Archives => {
                let mut years: Vec<(i16, Vec<Value>)> = Vec::new();
                for (i, p) in self.ctx.post_data.iter().enumerate() {
                    match years.last_mut() {
                        Some((y, list)) if *y == p.year => list.push(self.ctx.posts[i].clone()),
                        _ => years.push((p.year, vec![self.ctx.posts[i].clone()])),
                    }
                }
                let years: Vec<Value> = years
                    .into_iter()
                    .map(|(year, posts)| context! { year, posts })
                    .collect();
                vec![self.page(
                    urls::file_of(urls::ARCHIVES),
                    "archives.html",
                    context! { site, years, count => m.posts.len(), canonical => self.canonical(urls::ARCHIVES) },
                )?]
            }
            Job::Categories => {
                let categories: Vec<TermPage> =
                    (0..m.categories.len()).map(|i| self.category(i)).collect();
                vec![self.page(
                    urls::file_of(urls::CATEGORIES),
                    "categories.html",
                    context! { site, categories, canonical => self.canonical(urls::CATEGORIES) },
                )?]
            }
            Job::Category(i) => {
                let g = &m.categories[i];
                let url = urls::category(&g.term.slug);
                let category = self.category(i);
                let info = FeedInfo {
                    title: format!("{} - {}", self.config.name, g.term.name),
                    site_url: &s.site_url,
                    description: &self.config.description,
                    language: &self.config.language,
                    author: &self.config.author,
                    alternate: url.clone(),
                    atom_path: format!("{url}atom.xml"),
                    rss_path: format!("{url}rss.xml"),
                };
                let items = m.feed_posts(Some(&g.members), self.config.feed_items);
                vec![
                    self.page(
                        urls::file_of(&url),
                        "category.html",
                        context! { site, category, posts => self.ctx.list(g.members.iter().copied()), canonical => self.canonical(&url) },
                    )?,
                    Output {
                        path: info.atom_path.clone(),
                        content: feeds::atom(&info, &items),
                    },
                    Output {
                        path: info.rss_path.clone(),
                        content: feeds::rss(&info, &items),
                    },
                ]
            }
            Job::Tags => {
                let tags: Vec<TermPage> = (0..m.tags.len()).map(|i| self.tag(i)).collect();
                vec![self.page(
                    urls::file_of(urls::TAGS),
                    "tags.html",
                    context! { site, tags, canonical => self.canonical(urls::TAGS) },
                )?]
            }
            Job::Tag(i) => {
                let g = &m.tags[i];
                let url = urls::tag(&g.term.slug);
                vec![self.page(
                    urls::file_of(&url),
                    "tag.html",
                    context! { site, tag => self.tag(i), posts => self.ctx.list(g.members.iter().copied()), canonical => self.canonical(&url) },
                )?]
            }
            Job::Page(i) => {
                let p = &m.pages[i];
                let page = context! { title => &p.title, href => s.href(&p.url), body => Value::from_safe_string(p.html.clone()) };
                vec![self.page(
                    urls::file_of(&p.url),
                    "page.html",
                    context! { site, page, canonical => self.canonical(&p.url) },
                )?]
            }
            Job::NotFound => vec![self.page("404.html".into(), "404.html", context! { site })?],
            Job::Feeds => {
                let info = FeedInfo {
                    title: self.config.name.clone(),
                    site_url: &s.site_url,
                    description: &self.config.description,
                    language: &self.config.language,
                    author: &self.config.author,
                    alternate: String::new(),
                    atom_path: "atom.xml".into(),
                    rss_path: "rss.xml".into(),
                };
                let items = m.feed_posts(None, self.config.feed_items);
                vec![
                    Output {
                        path: "atom.xml".into(),
                        content: feeds::atom(&info, &items),
                    },
                    Output {
                        path: "rss.xml".into(),
                        content: feeds::rss(&info, &items),
                    },
                ]
            }
            Job::Sitemap => vec![
                Output {
                    path: "sitemap.xml".into(),
                    content: sitemap::sitemap(&s.site_url, m, per_page),
                },
                Output {
                    path: "robots.txt".into(),
                    content: sitemap::robots(&s.site_url),
                },
            ],
        })
    }

    fn category(&self, i: usize) -> TermPage {
        let g = &self.model.categories[i];
        let url = urls::category(&g.term.slug);
        let s = &self.ctx.settings;
        TermPage {
            name: g.term.name.clone(),
            slug: g.term.slug.clone(),
            href: s.href(&url),
            count: g.members.len(),
            atom: s.href(&format!("{url}atom.xml")),
            rss: s.href(&format!("{url}rss.xml")),
        }
    }

    fn tag(&self, i: usize) -> TermPage {
        let g = &self.model.tags[i];
        let url = urls::tag(&g.term.slug);
        let s = &self.ctx.settings;
        TermPage {
            name: g.term.name.clone(),
            slug: g.term.slug.clone(),
            href: s.href(&url),
            count: g.members.len(),
            atom: String::new(),
            rss: String::new(),
        }
    }
}
