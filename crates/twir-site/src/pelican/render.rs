//! Every file Pelican's generators write, rendered through the site's theme with the
//! context Pelican gives each template: articles and drafts, direct templates (`index`,
//! `tags`, `categories`, `authors`, `archives`), period archives, tag, category and author
//! pages (paginated as `PAGINATED_TEMPLATES` says), pages, and the feeds.

use super::PelicanSite;
use crate::error::SiteError;
use crate::model::{Entry, Kind, SiteModel};
use crate::pages::Output;
use minijinja::Value;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use twir_pelican::feeds::{self, FeedInfo, FeedItem};
use twir_pelican::values::{Content, ContentSet, Paginator, Term};
use twir_pelican::{PelicanTheme, SharedContext, filters};

/// Sorts and groups a Pelican site's entries: published articles newest first (ties by
/// slug, as Pelican's stable sorts leave them), pages by file name, drafts and hidden
/// articles and pages apart. Two files written to the same path are an error.
pub fn model(site: &PelicanSite, entries: Vec<Arc<Entry>>) -> Result<SiteModel, Vec<SiteError>> {
    let mut errors = Vec::new();
    let mut seen: BTreeMap<&str, &std::path::PathBuf> = BTreeMap::new();
    let mut sorted: Vec<&Arc<Entry>> = entries.iter().collect();
    sorted.sort_by(|a, b| a.source.cmp(&b.source));
    for e in &sorted {
        let Some(c) = &e.pelican else { continue };
        if let Some(first) = seen.insert(c.save_as.as_str(), &e.source) {
            errors.push(SiteError::DuplicateOutput {
                save_as: c.save_as.clone(),
                first: first.clone(),
                second: e.source.clone(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let status = |e: &Entry| {
        e.pelican
            .as_ref()
            .map_or("published", |c| c.status.as_str())
            .to_string()
    };
    let mut posts = Vec::new();
    let mut pages = Vec::new();
    let mut unlisted = Vec::new();
    for e in entries {
        match (e.kind, status(&e).as_str()) {
            (Kind::Issue, "published") => posts.push(e),
            (Kind::Page, "published") => pages.push(e),
            _ => unlisted.push(e),
        }
    }
    let order = site
        .config
        .opt_str("ARTICLE_ORDER_BY")
        .ok()
        .flatten()
        .unwrap_or("reversed-date")
        .to_string();
    sort(&mut posts, &order);
    let page_order = site
        .config
        .opt_str("PAGE_ORDER_BY")
        .ok()
        .flatten()
        .unwrap_or("basename")
        .to_string();
    sort(&mut pages, &page_order);
    sort(&mut unlisted, "basename");
    let categories = crate::model::group(&posts, |e| e.category.iter().cloned().collect());
    let tags = crate::model::group(&posts, |e| e.tags.clone());
    let authors = crate::model::group(&posts, |e| {
        e.pelican
            .iter()
            .flat_map(|c| c.authors.iter())
            .map(|a| crate::model::Term {
                name: a.name.clone(),
                slug: a.slug.clone(),
            })
            .collect()
    });
    Ok(SiteModel {
        posts,
        pages,
        categories,
        tags,
        authors,
        unlisted,
    })
}

/// Pelican's `order_content`: by slug first (its translation grouping), then stably by
/// the key (`date`, `title`, `basename`, or any of them `reversed-`).
fn sort(items: &mut [Arc<Entry>], order_by: &str) {
    items.sort_by(|a, b| a.slug.cmp(&b.slug));
    let (reversed, key) = match order_by.strip_prefix("reversed-") {
        Some(k) => (true, k),
        None => (false, order_by),
    };
    let basename = |e: &Entry| {
        e.source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let cmp = |a: &Arc<Entry>, b: &Arc<Entry>| match key {
        "date" => a
            .date
            .as_ref()
            .map(|d| d.timestamp())
            .cmp(&b.date.as_ref().map(|d| d.timestamp())),
        "title" => a.title.cmp(&b.title),
        "slug" => a.slug.cmp(&b.slug),
        _ => basename(a).cmp(&basename(b)),
    };
    if reversed {
        items.sort_by(|a, b| cmp(b, a));
    } else {
        items.sort_by(cmp);
    }
}

fn contents(entries: &[Arc<Entry>]) -> Vec<Arc<Content>> {
    entries.iter().filter_map(|e| e.pelican.clone()).collect()
}

/// One file to render.
struct PageJob {
    save_as: String,
    template: String,
    ctx: Vec<(&'static str, Value)>,
    /// About how long the page is (its article's body, and room for the frame).
    size: usize,
}

/// Room for a page's frame (head, header, footer, listing).
const FRAME: usize = 16 * 1024;

/// What rendering needs.
pub struct Renderer<'a> {
    /// Settings.
    pub site: &'a PelicanSite,
    /// The theme.
    pub theme: &'a PelicanTheme,
    /// The content.
    pub model: &'a SiteModel,
    /// Whether the search page is built.
    pub search: bool,
}

type TermList = Vec<(Arc<Term>, Vec<usize>)>;

/// One feed to write: path, URL, the indices of its articles, its title suffix, whether
/// it is RSS (else Atom).
type FeedSpec = (String, String, Vec<usize>, Option<String>, bool);

impl Renderer<'_> {
    /// Every page and feed of the site.
    pub fn render_all(&self) -> Result<Vec<Output>, SiteError> {
        let config = &self.site.config;
        let m = self.model;
        let articles = contents(&m.posts);
        let set = ContentSet::new(articles.clone());
        let article_values: Vec<Value> = if self.site.plugins.neighbors {
            set.values()
        } else {
            articles.iter().map(Content::value).collect()
        };
        let date_order = self.date_order(&articles);
        let pick = |indices: &mut dyn Iterator<Item = usize>| -> Vec<Value> {
            indices.map(|i| article_values[i].clone()).collect()
        };
        let dates = pick(&mut date_order.iter().copied());
        let all_articles = Value::from(article_values.clone());
        let all_dates = Value::from(dates.clone());
        let unlisted = contents(&m.unlisted);
        let by_status = |kind: twir_pelican::ContentKind, status: &str| -> Vec<Value> {
            unlisted
                .iter()
                .filter(|c| c.kind == kind && c.status == status)
                .map(Content::value)
                .collect()
        };
        let pages: Vec<Value> = contents(&m.pages).iter().map(Content::value).collect();
        let categories = self.terms(&articles, |c| c.category.iter().cloned().collect(), true);
        let tags = self.terms(
            &articles,
            |c| c.tags.iter().flatten().cloned().collect(),
            false,
        );
        let authors = self.terms(&articles, |c| c.authors.clone(), true);
        let term_pairs = |list: &TermList| -> Value {
            Value::from(
                list.iter()
                    .map(|(t, members)| {
                        Value::from(vec![
                            Value::from_dyn_object(t.clone()),
                            Value::from(
                                members
                                    .iter()
                                    .map(|&i| article_values[i].clone())
                                    .collect::<Vec<_>>(),
                            ),
                        ])
                    })
                    .collect::<Vec<_>>(),
            )
        };
        let mut shared: BTreeMap<String, Value> = config.template_values();
        shared.insert("articles".into(), all_articles.clone());
        shared.insert("dates".into(), all_dates.clone());
        shared.insert(
            "drafts".into(),
            Value::from(by_status(twir_pelican::ContentKind::Draft, "draft")),
        );
        shared.insert(
            "hidden_articles".into(),
            Value::from(by_status(twir_pelican::ContentKind::Article, "hidden")),
        );
        shared.insert("categories".into(), term_pairs(&categories));
        shared.insert("tags".into(), term_pairs(&tags));
        shared.insert("authors".into(), term_pairs(&authors));
        shared.insert("related_posts".into(), Value::from(Vec::<Value>::new()));
        shared.insert("pages".into(), Value::from(pages));
        shared.insert(
            "hidden_pages".into(),
            Value::from(by_status(twir_pelican::ContentKind::Page, "hidden")),
        );
        shared.insert(
            "draft_pages".into(),
            Value::from(by_status(twir_pelican::ContentKind::Page, "draft")),
        );
        let shared = SharedContext::new(shared);

        let mut jobs: Vec<PageJob> = Vec::new();
        // Articles.
        for (i, c) in articles.iter().enumerate() {
            jobs.push(PageJob {
                save_as: c.save_as.clone(),
                template: format!("{}.html", c.template),
                size: c.content.len() + FRAME,
                ctx: vec![
                    ("article", article_values[i].clone()),
                    ("category", category_value(c)),
                    ("url", Value::from(c.url.as_str())),
                    ("blog", Value::from(true)),
                ],
            });
        }
        // Hidden articles and drafts.
        for c in unlisted
            .iter()
            .filter(|c| c.kind != twir_pelican::ContentKind::Page)
        {
            let mut ctx = vec![
                ("article", c.value()),
                ("category", category_value(c)),
                ("url", Value::from(c.url.as_str())),
                ("blog", Value::from(true)),
            ];
            if c.kind == twir_pelican::ContentKind::Draft {
                ctx.push(("all_articles", all_articles.clone()));
            }
            jobs.push(PageJob {
                save_as: c.save_as.clone(),
                template: format!("{}.html", c.template),
                size: c.content.len() + FRAME,
                ctx,
            });
        }
        self.period_archives(&articles, &article_values, &date_order, &mut jobs)?;
        // Direct templates.
        for name in config.strings("DIRECT_TEMPLATES")? {
            let upper = name.to_ascii_uppercase();
            let save_as = match config.get(&format!("{upper}_SAVE_AS")) {
                Some(v) => match v {
                    twir_pelican::PyValue::Str(s) => s.clone(),
                    v if !twir_pelican::config::truthy(v) => String::new(),
                    _ => {
                        return Err(config
                            .error(&format!("{upper}_SAVE_AS"), "expected a string")
                            .into());
                    }
                },
                None => format!("{name}.html"),
            };
            if save_as.is_empty() {
                continue;
            }
            let url = config
                .opt_str(&format!("{upper}_URL"))?
                .map(str::to_string)
                .unwrap_or_else(|| format!("{name}.html"));
            let page_name = strip_extension(&save_as).to_string();
            let ctx = vec![
                ("articles", all_articles.clone()),
                ("dates", all_dates.clone()),
                ("blog", Value::from(true)),
                ("template_name", Value::from(name.as_str())),
                ("page_name", Value::from(page_name)),
                ("url", Value::from(url.as_str())),
            ];
            self.paginate(
                &name,
                &save_as,
                &url,
                ctx,
                article_values.clone(),
                dates.clone(),
                &mut jobs,
            )?;
        }
        // Tags, categories, authors.
        for (kind, list) in [
            ("tag", &tags),
            ("category", &categories),
            ("author", &authors),
        ] {
            for (term, members) in list {
                let items = pick(&mut members.iter().copied());
                let mut member = vec![false; articles.len()];
                for &i in members {
                    member[i] = true;
                }
                let term_dates = pick(&mut date_order.iter().copied().filter(|&i| member[i]));
                let ctx = vec![
                    (kind, Value::from_dyn_object(term.clone())),
                    ("url", Value::from(term.url.as_str())),
                    ("articles", Value::from(items.clone())),
                    ("dates", Value::from(term_dates.clone())),
                    ("template_name", Value::from(kind)),
                    ("blog", Value::from(true)),
                    ("page_name", Value::from(term.page_name.as_str())),
                    ("all_articles", all_articles.clone()),
                ];
                self.paginate(
                    kind,
                    &term.save_as,
                    &term.url,
                    ctx,
                    items,
                    term_dates,
                    &mut jobs,
                )?;
            }
        }
        // Pages.
        for c in contents(&m.pages).iter().chain(
            unlisted
                .iter()
                .filter(|c| c.kind == twir_pelican::ContentKind::Page),
        ) {
            jobs.push(PageJob {
                save_as: c.save_as.clone(),
                template: format!("{}.html", c.template),
                size: c.content.len() + FRAME,
                ctx: vec![("page", c.value()), ("url", Value::from(c.url.as_str()))],
            });
        }
        if self.search {
            jobs.push(PageJob {
                save_as: "search/index.html".into(),
                template: "search.html".into(),
                size: FRAME,
                ctx: vec![
                    ("page_name", Value::from("search/index")),
                    ("url", Value::from("search/")),
                ],
            });
        }
        let mut outputs: Vec<Output> = jobs
            .into_par_iter()
            .map(|job| {
                let mut ctx = job.ctx;
                ctx.push(("output_file", Value::from(job.save_as.as_str())));
                let content = self
                    .theme
                    .render_sized(&job.template, shared.page(ctx), job.size)?;
                Ok(Output {
                    path: job.save_as,
                    content,
                })
            })
            .collect::<Result<_, SiteError>>()?;
        outputs.extend(self.feeds(&articles, &categories, &tags, &authors)?);
        let sitemap = self.sitemap(&outputs);
        outputs.extend(sitemap);
        Ok(outputs)
    }

    /// Indices of `articles` in archive order (`NEWEST_FIRST_ARCHIVES`).
    fn date_order(&self, articles: &[Arc<Content>]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..articles.len()).collect();
        let key = |i: usize| articles[i].date.as_ref().map(|d| d.timestamp());
        if self.site.config.truthy("NEWEST_FIRST_ARCHIVES") {
            order.sort_by_key(|&a| std::cmp::Reverse(key(a)));
        } else {
            order.sort_by_key(|&a| key(a));
        }
        order
    }

    /// Terms of `articles` (the first article's spelling of each), with the indices of
    /// their articles; sorted by slug, or in order of first appearance.
    fn terms(
        &self,
        articles: &[Arc<Content>],
        of: impl Fn(&Content) -> Vec<Arc<Term>>,
        sorted: bool,
    ) -> TermList {
        let mut list: TermList = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for (i, c) in articles.iter().enumerate() {
            for t in of(c) {
                match index.get(&t.slug) {
                    Some(&k) => {
                        if list[k].1.last() != Some(&i) {
                            list[k].1.push(i);
                        }
                    }
                    None => {
                        index.insert(t.slug.clone(), list.len());
                        list.push((t, vec![i]));
                    }
                }
            }
        }
        if sorted {
            list.sort_by(|a, b| a.0.slug.cmp(&b.0.slug));
            if self.site.config.truthy("REVERSE_CATEGORY_ORDER") {
                list.reverse();
            }
        }
        list
    }

    /// Adds the pages of a listing: several when `template` is paginated.
    #[allow(clippy::too_many_arguments)]
    fn paginate(
        &self,
        template: &str,
        save_as: &str,
        url: &str,
        ctx: Vec<(&'static str, Value)>,
        articles: Vec<Value>,
        dates: Vec<Value>,
        jobs: &mut Vec<PageJob>,
    ) -> Result<(), SiteError> {
        let config = &self.site.config;
        let file = format!("{template}.html");
        let Some(per_page) = config.pagination_of(template)? else {
            jobs.push(PageJob {
                save_as: save_as.to_string(),
                template: file,
                size: FRAME,
                ctx,
            });
            return Ok(());
        };
        let rules = Arc::new(config.pagination_rules()?);
        let orphans = config.opt_count("DEFAULT_ORPHANS")?.unwrap_or(0);
        let paginators: Vec<(&'static str, Arc<Paginator>)> = vec![
            (
                "articles",
                Paginator::new(
                    save_as,
                    url,
                    Arc::new(articles),
                    per_page,
                    orphans,
                    rules.clone(),
                ),
            ),
            (
                "dates",
                Paginator::new(save_as, url, Arc::new(dates), per_page, orphans, rules),
            ),
        ];
        let pages = paginators[0].1.num_pages();
        for n in 1..=pages {
            let mut page_ctx = ctx.clone();
            let mut path = String::new();
            for (key, p) in &paginators {
                let names: [&'static str; 4] = match *key {
                    "articles" => [
                        "articles_paginator",
                        "articles_page",
                        "articles_previous_page",
                        "articles_next_page",
                    ],
                    _ => [
                        "dates_paginator",
                        "dates_page",
                        "dates_previous_page",
                        "dates_next_page",
                    ],
                };
                let page = p.page(n);
                if *key == "articles" {
                    path = page
                        .save_as()
                        .map_err(|e| config.error("PAGINATION_PATTERNS", e))?;
                }
                page_ctx.push((names[0], Value::from_dyn_object(p.clone())));
                page_ctx.push((names[1], Value::from_object(page)));
                page_ctx.push((
                    names[2],
                    if n > 1 {
                        Value::from_object(p.page(n - 1))
                    } else {
                        Value::from(())
                    },
                ));
                page_ctx.push((
                    names[3],
                    if n < pages {
                        Value::from_object(p.page(n + 1))
                    } else {
                        Value::from(())
                    },
                ));
            }
            jobs.push(PageJob {
                save_as: path,
                template: file.clone(),
                size: FRAME,
                ctx: page_ctx,
            });
        }
        Ok(())
    }

    /// Year, month and day archives, when their `*_ARCHIVE_SAVE_AS` is set.
    fn period_archives(
        &self,
        articles: &[Arc<Content>],
        values: &[Value],
        date_order: &[usize],
        jobs: &mut Vec<PageJob>,
    ) -> Result<(), SiteError> {
        let config = &self.site.config;
        let template = if self.theme.has_own_template("period_archives.html")
            || !self.theme.has_own_template("archives.html")
        {
            "period_archives.html"
        } else {
            "archives.html"
        };
        for (period, depth) in [("YEAR", 1), ("MONTH", 2), ("DAY", 3)] {
            let Some(save_pattern) = config.opt_str(&format!("{period}_ARCHIVE_SAVE_AS"))? else {
                continue;
            };
            let url_pattern = config
                .opt_str(&format!("{period}_ARCHIVE_URL"))?
                .unwrap_or("");
            // Groups of consecutive articles (in archive order) sharing the period.
            let mut groups: Vec<(Vec<i64>, Vec<usize>, jiff::ZonedDateTime)> = Vec::new();
            let key_of = |d: &jiff::ZonedDateTime| -> Vec<i64> {
                [
                    i64::from(d.year()),
                    i64::from(d.month()),
                    i64::from(d.day()),
                ][..depth]
                    .to_vec()
            };
            for &i in date_order {
                let Some(d) = articles[i].date.clone() else {
                    continue;
                };
                let k = key_of(&d);
                match groups.last_mut() {
                    Some(g) if g.0 == k => g.1.push(i),
                    _ => groups.push((k, vec![i], d)),
                }
            }
            for (k, archive, date) in groups {
                let lookup = |f: &str| {
                    (f == "date").then(|| twir_pelican::pyformat::FormatValue::Date(date.clone()))
                };
                let save_as = twir_pelican::pyformat::format(save_pattern, &lookup)
                    .map_err(|e| config.error(&format!("{period}_ARCHIVE_SAVE_AS"), e))?;
                let url = twir_pelican::pyformat::format(url_pattern, &lookup)
                    .map_err(|e| config.error(&format!("{period}_ARCHIVE_URL"), e))?;
                // The month by name, as Python's `%B` (C locale) gives it.
                let month = || Value::from(date.strftime("%B").to_string());
                let period_value: Vec<Value> = match depth {
                    1 => vec![Value::from(k[0])],
                    2 => vec![Value::from(k[0]), month()],
                    _ => vec![Value::from(k[0]), month(), Value::from(k[2])],
                };
                let mut in_period: Vec<usize> = archive.clone();
                in_period.sort_unstable();
                let in_period: Vec<Value> = in_period.iter().map(|&i| values[i].clone()).collect();
                let archive: Vec<Value> = archive.iter().map(|&i| values[i].clone()).collect();
                jobs.push(PageJob {
                    save_as,
                    template: template.into(),
                    size: FRAME,
                    ctx: vec![
                        ("period", Value::from(period_value)),
                        (
                            "period_num",
                            Value::from(k.iter().map(|&x| Value::from(x)).collect::<Vec<_>>()),
                        ),
                        ("articles", Value::from(in_period)),
                        ("dates", Value::from(archive)),
                        ("template_name", Value::from("period_archives")),
                        ("blog", Value::from(true)),
                        ("url", Value::from(url)),
                        ("all_articles", Value::from(values.to_vec())),
                    ],
                });
            }
        }
        Ok(())
    }

    /// Pelican's feeds: all articles, per category, per author, per tag and per language,
    /// as the `*_FEED_*` settings enable them.
    fn feeds(
        &self,
        articles: &[Arc<Content>],
        categories: &TermList,
        tags: &TermList,
        authors: &TermList,
    ) -> Result<Vec<Output>, SiteError> {
        let config = &self.site.config;
        let mut specs: Vec<FeedSpec> = Vec::new();
        let all: Vec<usize> = (0..articles.len()).collect();
        let mut add = |path_key: &str,
                       slug: Option<(&str, &str)>,
                       items: &[usize],
                       title: Option<&str>,
                       rss: bool|
         -> Result<(), SiteError> {
            let Some(pattern) = config.opt_str(path_key)? else {
                return Ok(());
            };
            let url_pattern = config
                .opt_str(&format!("{path_key}_URL"))?
                .unwrap_or(pattern);
            let fill = |p: &str| -> Result<String, SiteError> {
                match slug {
                    Some((field, value)) => {
                        let lookup = |f: &str| {
                            (f == field).then(|| {
                                twir_pelican::pyformat::FormatValue::Str(value.to_string())
                            })
                        };
                        twir_pelican::pyformat::format(p, &lookup)
                            .map_err(|e| config.error(path_key, e).into())
                    }
                    None => Ok(p.to_string()),
                }
            };
            specs.push((
                fill(pattern)?,
                fill(url_pattern)?,
                items.to_vec(),
                title.map(str::to_string),
                rss,
            ));
            Ok(())
        };
        add("FEED_ATOM", None, &all, None, false)?;
        add("FEED_RSS", None, &all, None, true)?;
        add("FEED_ALL_ATOM", None, &all, None, false)?;
        add("FEED_ALL_RSS", None, &all, None, true)?;
        // Per term: the Atom then the RSS feed, categories, authors, tags in Pelican's order.
        for (kind, terms) in [("CATEGORY", categories), ("AUTHOR", authors), ("TAG", tags)] {
            for (t, members) in terms {
                for (format, rss) in [("ATOM", false), ("RSS", true)] {
                    add(
                        &format!("{kind}_FEED_{format}"),
                        Some(("slug", &t.slug)),
                        members,
                        Some(&t.name),
                        rss,
                    )?;
                }
            }
        }
        let mut langs: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, c) in articles.iter().enumerate() {
            langs.entry(c.lang.as_str()).or_default().push(i);
        }
        for (lang, members) in &langs {
            add(
                "TRANSLATION_FEED_ATOM",
                Some(("lang", lang)),
                members,
                None,
                false,
            )?;
            add(
                "TRANSLATION_FEED_RSS",
                Some(("lang", lang)),
                members,
                None,
                true,
            )?;
        }
        let site_name = config.opt_str("SITENAME")?.unwrap_or("");
        let site_url = config.opt_str("SITEURL")?.unwrap_or("");
        let feed_domain = config.opt_str("FEED_DOMAIN")?.unwrap_or("");
        let subtitle = config.opt_str("SITESUBTITLE")?;
        let max_items = config.opt_count("FEED_MAX_ITEMS")?;
        let summary_only = config.truthy("RSS_FEED_SUMMARY_ONLY");
        let site_link = format!("{site_url}/");
        specs
            .par_iter()
            .map(|(path, url, members, title, rss)| {
                let title = match title {
                    Some(t) => format!("{site_name} - {t}"),
                    None => site_name.to_string(),
                };
                let title = filters::striptags(&Value::from(title));
                let feed_url = urljoin(feed_domain, url);
                let take = max_items.unwrap_or(usize::MAX).min(members.len());
                let summaries: Vec<Arc<str>> = members[..take]
                    .iter()
                    .map(|&i| articles[i].summary())
                    .collect();
                let items: Vec<FeedItem> = members[..take]
                    .iter()
                    .zip(&summaries)
                    .filter_map(|(&i, summary)| {
                        let c = &articles[i];
                        let date = c.date.as_ref()?;
                        let link = urljoin(site_url, &c.url);
                        let (description, content) = if *rss {
                            (
                                Some(if summary_only {
                                    &**summary
                                } else {
                                    &*c.content
                                }),
                                None,
                            )
                        } else {
                            (
                                (**summary != *c.content).then_some(&**summary),
                                Some(&*c.content),
                            )
                        };
                        Some(FeedItem {
                            title: filters::striptags(&Value::from(c.title.as_str())),
                            unique_id: feeds::tag_uri(&link, date),
                            link,
                            description,
                            content,
                            categories: c
                                .category
                                .iter()
                                .chain(c.tags.iter().flatten())
                                .map(|t| t.name.as_str())
                                .collect(),
                            author_name: c.authors.first().map_or("", |a| a.name.as_str()),
                            pubdate: date,
                            updated: c.modified.as_ref(),
                        })
                    })
                    .collect();
                let info = FeedInfo {
                    title: &title,
                    link: &site_link,
                    feed_url: &feed_url,
                    subtitle,
                };
                let content = if *rss {
                    feeds::rss(&info, &items)
                } else {
                    feeds::atom(&info, &items)
                };
                Output {
                    path: path.clone(),
                    content,
                }
            })
            .map(Ok)
            .collect()
    }

    /// twir's `sitemap.xml` (every page written, drafts aside) and `robots.txt`.
    fn sitemap(&self, outputs: &[Output]) -> Vec<Output> {
        let site_url = self
            .site
            .config
            .opt_str("SITEURL")
            .ok()
            .flatten()
            .unwrap_or("");
        if !site_url.starts_with("http") {
            return Vec::new();
        }
        let drafts: Vec<&str> = self
            .model
            .unlisted
            .iter()
            .filter_map(|e| e.pelican.as_ref().map(|c| c.save_as.as_str()))
            .collect();
        let mut urls: Vec<String> = outputs
            .iter()
            .filter(|o| {
                o.path.ends_with(".html")
                    && !drafts.contains(&o.path.as_str())
                    && o.path != "search/index.html"
            })
            .map(|o| match o.path.strip_suffix("index.html") {
                Some(dir) if dir.is_empty() || dir.ends_with('/') => dir.to_string(),
                _ => o.path.clone(),
            })
            .collect();
        urls.sort();
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for u in urls {
            out.push_str("<url><loc>");
            twir_escape::push_xml(&mut out, &format!("{site_url}/{u}"));
            out.push_str("</loc></url>\n");
        }
        out.push_str("</urlset>\n");
        vec![
            Output {
                path: "sitemap.xml".into(),
                content: out,
            },
            Output {
                path: "robots.txt".into(),
                content: crate::sitemap::robots(site_url),
            },
        ]
    }
}

fn category_value(c: &Content) -> Value {
    c.category
        .as_ref()
        .map_or(Value::UNDEFINED, |t| Value::from_dyn_object(t.clone()))
}

fn strip_extension(path: &str) -> &str {
    match path.rfind('.') {
        Some(dot) if !path[dot..].contains('/') => &path[..dot],
        _ => path,
    }
}

/// Python's `urljoin(base + '/', url)` as Pelican's writer joins: absolute URLs stay, others
/// go under the base.
pub fn urljoin(base: &str, rel: &str) -> String {
    let base = if base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    };
    match url::Url::parse(&base) {
        Ok(b) => b
            .join(rel)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| format!("{base}{rel}")),
        Err(_) => {
            if rel.contains("://") {
                rel.to_string()
            } else if let Some(abs) = rel.strip_prefix('/') {
                format!("/{abs}")
            } else {
                format!("{base}{rel}")
            }
        }
    }
}
