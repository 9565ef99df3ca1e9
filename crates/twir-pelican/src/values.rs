//! The Python objects Pelican hands its templates, as minijinja values: datetimes
//! ([`Date`]), categories, tags and authors ([`Term`]), articles and pages ([`Content`]),
//! and the paginator ([`Paginator`], [`Page`]).
//!
//! Attribute and method names follow Pelican 4.7 (`article.date.strftime(...)`,
//! `article.locale_date`, `article.category.url`, `articles_page.has_next()`...); a value
//! prints as Python's `str()` does (a category prints its name).

use crate::pyformat::{self, FormatValue};
use crate::strftime;
use jiff::ZonedDateTime as Zoned;
use minijinja::value::{Object, ObjectRepr, Value};
use minijinja::{Error, ErrorKind, State};
use std::cmp::Ordering;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// A Python `datetime` with its time zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Date(pub Zoned);

impl Date {
    /// The value templates see.
    pub fn value(z: &Zoned) -> Value {
        Value::from_object(Date(z.clone()))
    }
}

fn no_args(method: &str, args: &[Value]) -> Result<(), Error> {
    if args.is_empty() {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::TooManyArguments,
            format!("{method}() takes no arguments"),
        ))
    }
}

fn one_str<'a>(method: &str, args: &'a [Value]) -> Result<&'a str, Error> {
    match args {
        [v] => v.as_str().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("{method}() expects a string"),
            )
        }),
        _ => Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("{method}() takes one string argument"),
        )),
    }
}

impl Object for Date {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let z = &self.0;
        Some(Value::from(match key.as_str()? {
            "year" => i64::from(z.year()),
            "month" => i64::from(z.month()),
            "day" => i64::from(z.day()),
            "hour" => i64::from(z.hour()),
            "minute" => i64::from(z.minute()),
            "second" => i64::from(z.second()),
            "microsecond" => i64::from(z.subsec_nanosecond() / 1000),
            "tzinfo" => return Some(Value::from(z.time_zone().iana_name().unwrap_or("UTC"))),
            _ => return None,
        }))
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        let z = &self.0;
        match method {
            "strftime" => Ok(Value::from(strftime::strftime(z, one_str(method, args)?))),
            "isoformat" => {
                let sep = match args {
                    [] => "T",
                    _ => one_str(method, args)?,
                };
                Ok(Value::from(strftime::isoformat(z, sep)))
            }
            "weekday" => {
                no_args(method, args)?;
                Ok(Value::from(z.weekday().to_monday_zero_offset()))
            }
            "isoweekday" => {
                no_args(method, args)?;
                Ok(Value::from(z.weekday().to_monday_one_offset()))
            }
            "timestamp" => {
                no_args(method, args)?;
                Ok(Value::from(z.timestamp().as_second()))
            }
            "date" => {
                no_args(method, args)?;
                Ok(Value::from(strftime::strftime(z, "%Y-%m-%d")))
            }
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("datetime has no method `{method}`"),
            )),
        }
    }

    fn custom_cmp(self: &Arc<Self>, other: &minijinja::value::DynObject) -> Option<Ordering> {
        let other = other.downcast_ref::<Date>()?;
        Some(self.0.timestamp().cmp(&other.0.timestamp()))
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&strftime::isoformat(&self.0, " "))
    }
}

/// What a [`Term`] is (its settings prefix: `CATEGORY_URL`, `TAG_URL`, `AUTHOR_URL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermKind {
    /// A category.
    Category,
    /// A tag.
    Tag,
    /// An author.
    Author,
}

impl TermKind {
    /// `CATEGORY`, `TAG`, `AUTHOR`.
    pub fn setting_prefix(self) -> &'static str {
        match self {
            TermKind::Category => "CATEGORY",
            TermKind::Tag => "TAG",
            TermKind::Author => "AUTHOR",
        }
    }
}

/// A category, tag or author (Pelican's `URLWrapper`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Which kind.
    pub kind: TermKind,
    /// As written.
    pub name: String,
    /// Its slug.
    pub slug: String,
    /// `CATEGORY_URL` (etc.) formatted.
    pub url: String,
    /// `CATEGORY_SAVE_AS` (etc.) formatted.
    pub save_as: String,
    /// The URL without its extension (Pelican's `page_name`).
    pub page_name: String,
}

impl Term {
    /// A term with its URLs from the `{PREFIX}_URL` and `{PREFIX}_SAVE_AS` patterns.
    pub fn new(
        kind: TermKind,
        name: &str,
        slug: &str,
        url_pattern: &str,
        save_as_pattern: &str,
    ) -> Result<Term, String> {
        let lookup = |k: &str| match k {
            "name" => Some(FormatValue::Str(name.to_string())),
            "slug" => Some(FormatValue::Str(slug.to_string())),
            _ => None,
        };
        let url = pyformat::format(url_pattern, &lookup)?;
        let save_as = pyformat::format(save_as_pattern, &lookup)?;
        let stem = match url_pattern.rfind('.') {
            Some(dot) if !url_pattern[dot..].contains('/') => &url_pattern[..dot],
            _ => url_pattern,
        };
        let page_name = pyformat::format(stem, &lookup)?;
        Ok(Term {
            kind,
            name: name.to_string(),
            slug: slug.to_string(),
            url,
            save_as,
            page_name,
        })
    }
}

impl Object for Term {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(Value::from(match key.as_str()? {
            "name" => self.name.as_str(),
            "slug" => self.slug.as_str(),
            "url" => self.url.as_str(),
            "save_as" => self.save_as.as_str(),
            "page_name" => self.page_name.as_str(),
            _ => return None,
        }))
    }

    fn custom_cmp(self: &Arc<Self>, other: &minijinja::value::DynObject) -> Option<Ordering> {
        let other = other.downcast_ref::<Term>()?;
        Some(self.slug.cmp(&other.slug))
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// Article, page or draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// A published article.
    Article,
    /// An article with `Status: draft`.
    Draft,
    /// A page (`content/pages/`).
    Page,
}

/// An article or page as Pelican's templates see it. Build one with [`Content::new`] and
/// hand templates [`Content::value`] (or [`ContentSet::value`] for neighbour links).
#[derive(Debug)]
pub struct Content {
    /// Article, page or draft.
    pub kind: ContentKind,
    /// `title`.
    pub title: String,
    /// `slug`.
    pub slug: String,
    /// `url` (relative to `SITEURL`).
    pub url: String,
    /// `save_as` (relative to the output folder).
    pub save_as: String,
    /// The body HTML (`content`).
    pub content: Arc<str>,
    /// `date` (pages may have none).
    pub date: Option<Zoned>,
    /// `modified`.
    pub modified: Option<Zoned>,
    /// `date_format` (for `locale_date`).
    pub date_format: String,
    /// `category`.
    pub category: Option<Arc<Term>>,
    /// `tags` (`None` when the metadata has no `Tags:`, so that `article.tags` is undefined
    /// as in Pelican).
    pub tags: Option<Vec<Arc<Term>>>,
    /// `authors` (`author` is the first).
    pub authors: Vec<Arc<Term>>,
    /// `lang`.
    pub lang: String,
    /// `status`.
    pub status: String,
    /// `template`.
    pub template: String,
    /// `source_path`.
    pub source_path: String,
    /// `relative_source_path`.
    pub relative_source_path: String,
    /// Every metadata field (lower-case names), as Pelican processed it.
    pub metadata: Vec<(String, Value)>,
    /// `Summary:` metadata, already HTML; otherwise the summary is cut from the body.
    pub explicit_summary: Option<Arc<str>>,
    /// `SUMMARY_MAX_LENGTH` (None: the whole body).
    pub summary_max_length: Option<usize>,
    /// `SUMMARY_END_SUFFIX`.
    pub summary_end_suffix: String,
    summary: OnceLock<Arc<str>>,
    values: OnceLock<Cached>,
}

#[derive(Debug)]
struct Cached {
    date: Value,
    modified: Value,
    category: Value,
    tags: Value,
    authors: Value,
    author: Value,
    metadata: Value,
}

impl Content {
    /// An article or page; set the fields, then share it with [`Arc`].
    pub fn new(kind: ContentKind, title: &str, content: Arc<str>) -> Content {
        Content {
            kind,
            title: title.to_string(),
            slug: String::new(),
            url: String::new(),
            save_as: String::new(),
            content,
            date: None,
            modified: None,
            date_format: "%a %d %B %Y".into(),
            category: None,
            tags: None,
            authors: Vec::new(),
            lang: "en".into(),
            status: match kind {
                ContentKind::Draft => "draft",
                _ => "published",
            }
            .into(),
            template: match kind {
                ContentKind::Page => "page",
                _ => "article",
            }
            .into(),
            source_path: String::new(),
            relative_source_path: String::new(),
            metadata: Vec::new(),
            explicit_summary: None,
            summary_max_length: Some(50),
            summary_end_suffix: "\u{2026}".into(),
            summary: OnceLock::new(),
            values: OnceLock::new(),
        }
    }

    /// The summary: the `Summary:` metadata, or the first `SUMMARY_MAX_LENGTH` words.
    pub fn summary(&self) -> Arc<str> {
        self.summary
            .get_or_init(|| match (&self.explicit_summary, self.summary_max_length) {
                (Some(s), _) => s.clone(),
                (None, None) => self.content.clone(),
                (None, Some(n)) => Arc::from(crate::summary::truncate_html_words(
                    &self.content,
                    n,
                    &self.summary_end_suffix,
                )),
            })
            .clone()
    }

    /// `locale_date`.
    pub fn locale_date(&self) -> Option<String> {
        self.date
            .as_ref()
            .map(|d| strftime::strftime(d, &self.date_format))
    }

    fn cached(&self) -> &Cached {
        self.values.get_or_init(|| {
            let opt_date = |d: &Option<Zoned>| d.as_ref().map_or(Value::UNDEFINED, Date::value);
            let term = |t: &Arc<Term>| Value::from_dyn_object(t.clone());
            Cached {
                date: opt_date(&self.date),
                modified: opt_date(&self.modified),
                category: self.category.as_ref().map_or(Value::UNDEFINED, term),
                tags: self.tags.as_ref().map_or(Value::UNDEFINED, |t| {
                    Value::from(t.iter().map(term).collect::<Vec<_>>())
                }),
                authors: Value::from(self.authors.iter().map(term).collect::<Vec<_>>()),
                author: self.authors.first().map_or(Value::UNDEFINED, term),
                metadata: Value::from_iter(
                    self.metadata
                        .iter()
                        .map(|(k, v)| (Value::from(k.as_str()), v.clone())),
                ),
            }
        })
    }

    /// The value templates see, without neighbour links.
    pub fn value(self: &Arc<Self>) -> Value {
        Value::from_object(ContentValue {
            data: self.clone(),
            set: None,
        })
    }
}

/// Articles with their neighbours (the `neighbors` plugin): `next_article` is the newer
/// one, `prev_article` the older one, and the `_in_category` twins do the same within the
/// article's category.
#[derive(Debug, Default)]
pub struct ContentSet {
    /// The articles, newest first.
    pub items: Vec<Arc<Content>>,
    /// Index of the newer and older article of each.
    pub neighbors: Vec<Neighbors>,
    /// The same within each article's category.
    pub category_neighbors: Vec<Neighbors>,
}

impl ContentSet {
    /// Links `items` (newest first) to their neighbours, overall and by category.
    pub fn new(items: Vec<Arc<Content>>) -> Arc<ContentSet> {
        let n = items.len();
        let neighbors = (0..n)
            .map(|i| (i.checked_sub(1), (i + 1 < n).then_some(i + 1)))
            .collect();
        let mut category_neighbors = vec![(None, None); n];
        let mut by_category: std::collections::BTreeMap<&str, Vec<usize>> =
            std::collections::BTreeMap::new();
        for (i, c) in items.iter().enumerate() {
            if let Some(cat) = &c.category {
                by_category.entry(cat.slug.as_str()).or_default().push(i);
            }
        }
        for members in by_category.values_mut() {
            // The plugin re-sorts each category by date, newest first (stable).
            members.sort_by(|&a, &b| {
                let key = |i: usize| items[i].date.as_ref().map(|d| d.timestamp());
                key(b).cmp(&key(a))
            });
            for (k, &i) in members.iter().enumerate() {
                category_neighbors[i] = (
                    k.checked_sub(1).map(|p| members[p]),
                    members.get(k + 1).copied(),
                );
            }
        }
        Arc::new(ContentSet {
            items,
            neighbors,
            category_neighbors,
        })
    }

    /// The value of article `i`, with its neighbour links.
    pub fn value(self: &Arc<Self>, i: usize) -> Value {
        Value::from_object(ContentValue {
            data: self.items[i].clone(),
            set: Some((self.clone(), i)),
        })
    }

    /// Every article's value, in order.
    pub fn values(self: &Arc<Self>) -> Vec<Value> {
        (0..self.items.len()).map(|i| self.value(i)).collect()
    }
}

/// Newer and older neighbour of one article (indices into [`ContentSet::items`]).
pub type Neighbors = (Option<usize>, Option<usize>);

/// An article or page as a template value.
#[derive(Debug)]
pub struct ContentValue {
    data: Arc<Content>,
    set: Option<(Arc<ContentSet>, usize)>,
}

impl ContentValue {
    fn neighbor(&self, which: fn(&Neighbors) -> Option<usize>, in_category: bool) -> Option<Value> {
        let (set, i) = self.set.as_ref()?;
        let table = if in_category {
            &set.category_neighbors
        } else {
            &set.neighbors
        };
        Some(match table.get(*i).and_then(which) {
            Some(j) => set.value(j),
            None => Value::from(()),
        })
    }
}

impl Object for ContentValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let d = &self.data;
        let key = key.as_str()?;
        let c = d.cached();
        Some(match key {
            "title" => Value::from(d.title.as_str()),
            "slug" => Value::from(d.slug.as_str()),
            "url" => Value::from(d.url.as_str()),
            "save_as" => Value::from(d.save_as.as_str()),
            "content" => Value::from(d.content.clone()),
            "summary" => Value::from(d.summary()),
            "date" => c.date.clone(),
            "modified" => c.modified.clone(),
            "locale_date" => d.locale_date().map_or(Value::UNDEFINED, Value::from),
            "locale_modified" => d.modified.as_ref().map_or(Value::UNDEFINED, |m| {
                Value::from(strftime::strftime(m, &d.date_format))
            }),
            "date_format" => Value::from(d.date_format.as_str()),
            "category" => c.category.clone(),
            "tags" => c.tags.clone(),
            "author" => c.author.clone(),
            "authors" => c.authors.clone(),
            "lang" => Value::from(d.lang.as_str()),
            "status" => Value::from(d.status.as_str()),
            "template" => Value::from(d.template.as_str()),
            "source_path" => Value::from(d.source_path.as_str()),
            "relative_source_path" => Value::from(d.relative_source_path.as_str()),
            "metadata" => c.metadata.clone(),
            "translations" => Value::from(Vec::<Value>::new()),
            "in_default_lang" => Value::from(true),
            "next_article" => self.neighbor(|n| n.0, false)?,
            "prev_article" => self.neighbor(|n| n.1, false)?,
            "next_article_in_category" => self.neighbor(|n| n.0, true)?,
            "prev_article_in_category" => self.neighbor(|n| n.1, true)?,
            other => d
                .metadata
                .iter()
                .find(|(k, _)| k == other)
                .map(|(_, v)| v.clone())?,
        })
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &State<'_, '_>,
        method: &str,
        _args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "get_content" => Ok(Value::from(self.data.content.clone())),
            "get_summary" => Ok(Value::from(self.data.summary())),
            "get_relative_source_path" => Ok(Value::from(self.data.relative_source_path.as_str())),
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("an article has no method `{method}`"),
            )),
        }
    }

    fn custom_cmp(self: &Arc<Self>, other: &minijinja::value::DynObject) -> Option<Ordering> {
        let other = other.downcast_ref::<ContentValue>()?;
        if Arc::ptr_eq(&self.data, &other.data) {
            return Some(Ordering::Equal);
        }
        Some(self.data.source_path.cmp(&other.data.source_path))
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.data.source_path)
    }
}

/// One rule of `PAGINATION_PATTERNS`: from page `min_page` on (or `-1`: the last page),
/// pages are at `url` and written to `save_as` (both `str.format` patterns over `name`,
/// `number`, `extension`, `base_name`, `url`, `save_as`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaginationRule {
    /// First page the rule applies to (`-1`: only the last page).
    pub min_page: i64,
    /// URL pattern.
    pub url: String,
    /// File pattern.
    pub save_as: String,
}

/// Pelican's default pagination: `index.html`, `index2.html`, `index3.html`...
pub fn default_pagination_rules() -> Vec<PaginationRule> {
    vec![
        PaginationRule {
            min_page: 1,
            url: "{name}{extension}".into(),
            save_as: "{name}{extension}".into(),
        },
        PaginationRule {
            min_page: 2,
            url: "{name}{number}{extension}".into(),
            save_as: "{name}{number}{extension}".into(),
        },
    ]
}

/// A list split into pages (`articles_paginator`).
#[derive(Debug)]
pub struct Paginator {
    /// The file the first page is written to (`index.html`, `categories/rust/index.html`).
    pub name: String,
    /// The list's URL.
    pub url: String,
    /// Every item.
    pub items: Arc<Vec<Value>>,
    /// Items per page.
    pub per_page: usize,
    /// `DEFAULT_ORPHANS`: a last page this short is merged into the one before.
    pub orphans: usize,
    /// `PAGINATION_PATTERNS`, sorted by `min_page`.
    pub rules: Arc<Vec<PaginationRule>>,
}

impl Paginator {
    /// Pages of `items`; `per_page` None means one page with everything.
    pub fn new(
        name: &str,
        url: &str,
        items: Arc<Vec<Value>>,
        per_page: Option<usize>,
        orphans: usize,
        rules: Arc<Vec<PaginationRule>>,
    ) -> Arc<Paginator> {
        let (per_page, orphans) = match per_page {
            Some(n) if n > 0 => (n, orphans),
            _ => (items.len().max(1), 0),
        };
        Arc::new(Paginator {
            name: name.to_string(),
            url: url.to_string(),
            items,
            per_page,
            orphans,
            rules,
        })
    }

    /// Number of pages (at least one).
    pub fn num_pages(&self) -> usize {
        let hits = self.items.len().saturating_sub(self.orphans).max(1);
        hits.div_ceil(self.per_page)
    }

    /// Page `number` (1-based).
    pub fn page(self: &Arc<Self>, number: usize) -> Page {
        Page {
            paginator: self.clone(),
            number,
        }
    }
}

impl Object for Paginator {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        Some(match key.as_str()? {
            "num_pages" => Value::from(self.num_pages()),
            "count" => Value::from(self.items.len()),
            "per_page" => Value::from(self.per_page),
            "orphans" => Value::from(self.orphans),
            "page_range" => Value::from((1..=self.num_pages()).collect::<Vec<_>>()),
            "object_list" => Value::from(self.items.as_ref().clone()),
            _ => return None,
        })
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        match (method, args) {
            ("page", [n]) => {
                let n = usize::try_from(n.clone())?;
                Ok(Value::from_object(self.page(n)))
            }
            _ => Err(Error::new(
                ErrorKind::UnknownMethod,
                format!("the paginator has no method `{method}` with these arguments"),
            )),
        }
    }
}

/// One page of a [`Paginator`] (`articles_page`).
#[derive(Debug, Clone)]
pub struct Page {
    paginator: Arc<Paginator>,
    /// 1-based.
    pub number: usize,
}

impl Page {
    /// The items on this page.
    pub fn range(&self) -> std::ops::Range<usize> {
        let p = &self.paginator;
        let len = p.items.len();
        let bottom = self
            .number
            .saturating_sub(1)
            .saturating_mul(p.per_page)
            .min(len);
        let mut top = bottom.saturating_add(p.per_page);
        if top.saturating_add(p.orphans) >= len {
            top = len;
        }
        bottom..top.min(len)
    }

    fn has_next(&self) -> bool {
        self.number < self.paginator.num_pages()
    }

    fn rule(&self) -> Option<&PaginationRule> {
        let mut found = None;
        for r in self.paginator.rules.iter() {
            if r.min_page == -1 {
                if !self.has_next() {
                    found = Some(r);
                    break;
                }
            } else if usize::try_from(r.min_page).is_ok_and(|m| m <= self.number) {
                found = Some(r);
            }
        }
        found
    }

    fn expand(&self, pattern: &str) -> Result<String, String> {
        let full = &self.paginator.name;
        let (name, extension) = match full.rfind('.') {
            Some(dot) if !full[dot..].contains('/') => (&full[..dot], &full[dot..]),
            _ => (full.as_str(), ""),
        };
        let (dir, file) = match full.rfind('/') {
            Some(s) => (&full[..s], &full[s + 1..]),
            None => ("", full.as_str()),
        };
        let base_name = if file == "index.html" || file == "index.htm" {
            dir
        } else {
            name
        };
        let lookup = |k: &str| {
            Some(match k {
                "save_as" => FormatValue::Str(full.clone()),
                "url" => FormatValue::Str(self.paginator.url.clone()),
                "name" => FormatValue::Str(name.to_string()),
                "base_name" => FormatValue::Str(base_name.to_string()),
                "extension" => FormatValue::Str(extension.to_string()),
                "number" => FormatValue::Int(i64::try_from(self.number).unwrap_or(i64::MAX)),
                _ => return None,
            })
        };
        let s = pyformat::format(pattern, &lookup)?;
        Ok(s.strip_prefix('/').map(str::to_string).unwrap_or(s))
    }

    /// Where this page is written (relative to the output folder).
    pub fn save_as(&self) -> Result<String, String> {
        match self.rule() {
            Some(r) => self.expand(&r.save_as),
            None => Ok(String::new()),
        }
    }

    /// This page's URL.
    pub fn url(&self) -> Result<String, String> {
        match self.rule() {
            Some(r) => self.expand(&r.url),
            None => Ok(String::new()),
        }
    }
}

impl Object for Page {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let p = &self.paginator;
        Some(match key.as_str()? {
            "number" => Value::from(self.number),
            "object_list" => Value::from(p.items[self.range()].to_vec()),
            "paginator" => Value::from_dyn_object(p.clone()),
            "url" => Value::from(self.url().unwrap_or_default()),
            "save_as" => Value::from(self.save_as().unwrap_or_default()),
            "base_url" => Value::from(p.url.as_str()),
            _ => return None,
        })
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        no_args(method, args)?;
        let n = self.number;
        let count = self.paginator.items.len();
        Ok(match method {
            "has_next" => Value::from(self.has_next()),
            "has_previous" => Value::from(n > 1),
            "has_other_pages" => Value::from(n > 1 || self.has_next()),
            "next_page_number" => Value::from(n + 1),
            "previous_page_number" => Value::from(n.saturating_sub(1)),
            "start_index" => Value::from(if count == 0 {
                0
            } else {
                self.paginator.per_page * n.saturating_sub(1) + 1
            }),
            "end_index" => Value::from(if n == self.paginator.num_pages() {
                count
            } else {
                n * self.paginator.per_page
            }),
            _ => {
                return Err(Error::new(
                    ErrorKind::UnknownMethod,
                    format!("a page has no method `{method}`"),
                ));
            }
        })
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<Page {} of {}>",
            self.number,
            self.paginator.num_pages()
        )
    }
}

/// Converts a settings value for templates (dicts become maps, tuples lists).
pub fn py_value(v: &crate::PyValue) -> Value {
    use crate::PyValue as P;
    match v {
        P::None => Value::from(()),
        P::Bool(b) => Value::from(*b),
        P::Int(i) => Value::from(*i),
        P::Float(f) => Value::from(*f),
        P::Str(s) => Value::from(s.as_str()),
        P::List(items) => Value::from(items.iter().map(py_value).collect::<Vec<_>>()),
        P::Dict(pairs) => Value::from_iter(
            pairs
                .iter()
                .map(|(k, v)| (Value::from(k.as_str()), py_value(v))),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::Environment;

    fn render(src: &str, ctx: Value) -> String {
        let mut env = Environment::new();
        env.set_unknown_method_callback(minijinja_contrib::pycompat::unknown_method_callback);
        env.render_str(src, ctx).unwrap()
    }

    fn term(kind: TermKind, name: &str) -> Arc<Term> {
        let slug = name.to_lowercase().replace(' ', "-");
        Arc::new(
            Term::new(
                kind,
                name,
                &slug,
                "categories/{slug}/",
                "categories/{slug}/index.html",
            )
            .unwrap(),
        )
    }

    fn article(n: i8, cat: &Arc<Term>) -> Arc<Content> {
        let mut c = Content::new(
            ContentKind::Article,
            &format!("Issue {n}"),
            Arc::from(format!("<p>Body {n}</p>")),
        );
        c.date = Some(
            jiff::civil::date(2024, 1, n)
                .at(0, 0, 0, 0)
                .in_tz("America/New_York")
                .unwrap(),
        );
        c.url = format!("blog/{n}/");
        c.category = Some(cat.clone());
        c.source_path = format!("content/{n}.md");
        c.metadata = vec![("number".into(), Value::from(n.to_string()))];
        Arc::new(c)
    }

    #[test]
    fn articles_dates_and_neighbors() {
        let a = term(TermKind::Category, "Weekly");
        let b = term(TermKind::Category, "Specials");
        let set = ContentSet::new(vec![article(3, &a), article(2, &b), article(1, &a)]);
        let ctx = minijinja::context! { articles => set.values(), article => set.value(0) };
        assert_eq!(
            render(
                "{{ article.date.strftime('%d %b %Y').upper() }}|{{ article.date.isoformat() }}|{{ article.locale_date }}|{{ article.number }}|{{ article.category }}|{{ article.category.url }}",
                ctx.clone()
            ),
            "03 JAN 2024|2024-01-03T00:00:00-05:00|Wed 03 January 2024|3|Weekly|categories/weekly/"
        );
        assert_eq!(
            render(
                "{{ article.next_article is none }} {{ article.prev_article.title }} {{ article.prev_article_in_category.title }} {{ articles[1].next_article.title }}",
                ctx.clone()
            ),
            "True Issue 2 Issue 1 Issue 3"
        );
        assert_eq!(
            render(
                "{{ [article.tags|join(', '), article.category, article.keywords]|join(', ') }}|{% if article.tags %}t{% endif %}{{ article.summary }}",
                ctx.clone()
            ),
            ", Weekly, |<p>Body 3</p>"
        );
        assert_eq!(
            render(
                "{{ articles|sort(attribute='date')|map(attribute='title')|join(',') }} {{ articles[0] == article }} {{ articles[1] == article }}",
                ctx
            ),
            "Issue 1,Issue 2,Issue 3 True False"
        );
    }

    #[test]
    fn paginates_like_pelican() {
        let items: Arc<Vec<Value>> = Arc::new((1..=23).map(Value::from).collect());
        let p = Paginator::new(
            "categories/rust/index.html",
            "categories/rust/",
            items,
            Some(10),
            0,
            Arc::new(default_pagination_rules()),
        );
        assert_eq!(p.num_pages(), 3);
        let page = p.page(2);
        assert_eq!(page.range(), 10..20);
        assert_eq!(page.save_as().unwrap(), "categories/rust/index2.html");
        assert_eq!(p.page(1).url().unwrap(), "categories/rust/index.html");
        let ctx = minijinja::context! { articles_page => Value::from_object(p.page(3)), articles_paginator => Value::from_dyn_object(p.clone()) };
        assert_eq!(
            render(
                "{{ articles_page.object_list|join(',') }} {{ articles_page.has_next() }} {{ articles_page.has_previous() }} {{ articles_paginator.page(1).url }} {{ articles_paginator.num_pages }} {{ articles_page.start_index() }}-{{ articles_page.end_index() }}",
                ctx
            ),
            "21,22,23 False True categories/rust/index.html 3 21-23"
        );
        let orphans = Paginator::new(
            "index.html",
            "",
            Arc::new((1..=11).map(Value::from).collect()),
            Some(10),
            1,
            Arc::new(default_pagination_rules()),
        );
        assert_eq!(orphans.num_pages(), 1);
        assert_eq!(orphans.page(1).range(), 0..11);
        let empty = Paginator::new(
            "index.html",
            "",
            Arc::new(Vec::new()),
            Some(10),
            0,
            Arc::new(default_pagination_rules()),
        );
        assert_eq!(empty.num_pages(), 1);
    }
}
