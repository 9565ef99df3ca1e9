//! Every generated file as a job: issue pages, index pages, archives, categories, tags, pages,
//! feeds, sitemap. Jobs are independent, so they render in parallel and a live rebuild can run
//! just the ones a change touches.

use crate::context::Ctx;
use crate::error::SiteError;
use crate::feeds::{self, FeedInfo};
use crate::model::{Group, SiteModel};
use crate::paginate::{self, Pagination};
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
    /// Page `page` (1-based) of category `term` (index into [`SiteModel::categories`]).
    Category {
        /// Which category.
        term: usize,
        /// Which page of it.
        page: usize,
    },
    /// The Atom and RSS feeds of category `i`.
    CategoryFeeds(usize),
    /// `tags/`.
    Tags,
    /// Tag `i`.
    Tag(usize),
    /// The Atom and RSS feeds of tag `i`.
    TagFeeds(usize),
    /// Page `i` (index into [`SiteModel::pages`]).
    Page(usize),
    /// `404.html`.
    NotFound,
    /// `search/index.html`, the search results page (nothing when search is off).
    Search,
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
    paginate::page_count(model.posts.len(), per_page)
}

/// Number of pages of category `i`.
pub fn category_page_count(model: &SiteModel, i: usize, per_page: usize) -> usize {
    model
        .categories
        .get(i)
        .map_or(1, |g| paginate::page_count(g.members.len(), per_page))
}

/// Every page of category `i`.
pub fn category_jobs(model: &SiteModel, i: usize, per_page: usize) -> impl Iterator<Item = Job> {
    (1..=category_page_count(model, i, per_page)).map(move |page| Job::Category { term: i, page })
}

/// Every job of a full build.
pub fn all_jobs(model: &SiteModel, per_page: usize) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..model.posts.len()).map(Job::Post).collect();
    jobs.extend((1..=index_page_count(model, per_page)).map(Job::Index));
    jobs.extend([
        Job::Archives,
        Job::Categories,
        Job::NotFound,
        Job::Search,
        Job::Feeds,
        Job::Sitemap,
    ]);
    for i in 0..model.categories.len() {
        jobs.extend(category_jobs(model, i, per_page));
        jobs.push(Job::CategoryFeeds(i));
    }
    if !model.tags.is_empty() {
        jobs.push(Job::Tags);
    }
    for i in 0..model.tags.len() {
        jobs.extend([Job::Tag(i), Job::TagFeeds(i)]);
    }
    jobs.extend((0..model.pages.len()).map(Job::Page));
    jobs
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
                let issue = context! { ..self.ctx.posts[i].clone(), ..context! { body => Value::from_safe_string(e.html.to_string()) } };
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
                let range = paginate::page_range(m.posts.len(), per_page, n);
                let pagination = Pagination::new(n, pages, |k| s.href(&urls::index_page(k)));
                let url = urls::index_page(n);
                vec![self.page(
                    urls::file_of(&url),
                    "index.html",
                    context! { site, posts => self.ctx.list(range), pagination, canonical => self.canonical(&url) },
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
            Job::Category { term, page } => {
                let g = &m.categories[term];
                let slug = &g.term.slug;
                let pages = category_page_count(m, term, per_page);
                let range = paginate::page_range(g.members.len(), per_page, page);
                let pagination =
                    Pagination::new(page, pages, |k| s.href(&urls::category_page(slug, k)));
                let url = urls::category_page(slug, page);
                vec![self.page(
                    urls::file_of(&url),
                    "category.html",
                    context! { site, category => self.category(term), posts => self.ctx.list(g.members[range].iter().copied()), pagination, canonical => self.canonical(&url) },
                )?]
            }
            Job::CategoryFeeds(i) => {
                let g = &m.categories[i];
                self.term_feeds(g, &urls::category(&g.term.slug))
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
            Job::TagFeeds(i) => {
                let g = &m.tags[i];
                self.term_feeds(g, &urls::tag(&g.term.slug))
            }
            Job::Page(i) => {
                let p = &m.pages[i];
                let page = context! { title => &p.title, href => s.href(&p.url), body => Value::from_safe_string(p.html.to_string()) };
                vec![self.page(
                    urls::file_of(&p.url),
                    "page.html",
                    context! { site, page, canonical => self.canonical(&p.url) },
                )?]
            }
            Job::NotFound => vec![self.page("404.html".into(), "404.html", context! { site })?],
            Job::Search if s.search => vec![self.page(
                "search/index.html".into(),
                "search.html",
                context! { site, canonical => self.canonical("search/") },
            )?],
            Job::Search => Vec::new(),
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
        self.term_page(g, &urls::category(&g.term.slug))
    }

    fn tag(&self, i: usize) -> TermPage {
        let g = &self.model.tags[i];
        self.term_page(g, &urls::tag(&g.term.slug))
    }

    /// What templates see of the category or tag `g` listed at `url`.
    fn term_page(&self, g: &Group, url: &str) -> TermPage {
        let s = &self.ctx.settings;
        TermPage {
            name: g.term.name.clone(),
            slug: g.term.slug.clone(),
            href: s.href(url),
            count: g.members.len(),
            atom: s.href(&urls::atom_feed(url)),
            rss: s.href(&urls::rss_feed(url)),
        }
    }

    /// The Atom and RSS feeds of the category or tag `g` listed at `url`, beside its page.
    fn term_feeds(&self, g: &Group, url: &str) -> Vec<Output> {
        let info = FeedInfo {
            title: format!("{} - {}", self.config.name, g.term.name),
            site_url: &self.ctx.settings.site_url,
            description: &self.config.description,
            language: &self.config.language,
            author: &self.config.author,
            alternate: url.to_string(),
            atom_path: urls::atom_feed(url),
            rss_path: urls::rss_feed(url),
        };
        let items = self
            .model
            .feed_posts(Some(&g.members), self.config.feed_items);
        vec![
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Kind, Term};
    use std::path::PathBuf;
    use std::sync::Arc;

    fn issue(k: usize, category: &str, tags: &[&str]) -> Arc<Entry> {
        let date = jiff::civil::date(2024, 1, 1)
            .checked_add(jiff::Span::new().days(k as i64))
            .unwrap()
            .in_tz("UTC")
            .unwrap();
        Arc::new(Entry {
            kind: Kind::Issue,
            source: PathBuf::from(format!("content/{k:03}.md")),
            stem: format!("{k:03}"),
            title: format!("Issue {k}"),
            number: None,
            slug: format!("issue-{k}"),
            url: urls::issue(date.date(), &format!("issue-{k}")),
            date: Some(date),
            category: Some(Term::new(category)),
            tags: tags.iter().map(|t| Term::new(t)).collect(),
            author: None,
            summary: None,
            html: Arc::from(""),
            headings: Vec::new(),
            pelican: None,
        })
    }

    #[test]
    fn every_category_page_and_every_feed_is_a_job() {
        let mut entries: Vec<Arc<Entry>> = (0..5).map(|k| issue(k, "Weekly", &[])).collect();
        entries.push(issue(5, "Specials", &["rust"]));
        let model = SiteModel::new(entries).unwrap();
        let specials = 0;
        let weekly = 1;
        assert_eq!(model.categories[weekly].term.slug, "weekly");
        assert_eq!(category_page_count(&model, weekly, 2), 3);
        assert_eq!(category_page_count(&model, specials, 2), 1);
        assert_eq!(category_page_count(&model, 99, 2), 1);
        let jobs = all_jobs(&model, 2);
        for page in 1..=3 {
            assert!(jobs.contains(&Job::Category { term: weekly, page }));
        }
        assert!(!jobs.contains(&Job::Category {
            term: weekly,
            page: 4
        }));
        assert!(!jobs.contains(&Job::Category {
            term: specials,
            page: 2
        }));
        for job in [
            Job::CategoryFeeds(weekly),
            Job::CategoryFeeds(specials),
            Job::Tags,
            Job::Tag(0),
            Job::TagFeeds(0),
        ] {
            assert!(jobs.contains(&job), "{job:?}");
        }
        let untagged = SiteModel::new(vec![issue(0, "Weekly", &[])]).unwrap();
        let jobs = all_jobs(&untagged, 2);
        assert!(
            !jobs
                .iter()
                .any(|j| matches!(j, Job::Tags | Job::Tag(_) | Job::TagFeeds(_)))
        );
    }
}
