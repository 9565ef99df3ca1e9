//! The site as data: every issue and page with its metadata resolved and its body rendered,
//! and the groupings (categories, tags) the listing pages are made from.

use crate::error::SiteError;
use jiff::ZonedDateTime as Zoned;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// What a source file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A published issue (`content/*.md`).
    Issue,
    /// An issue in progress (`draft/*.md`, or `Status: draft`).
    Draft,
    /// A standalone page (`content/pages/*.md`).
    Page,
}

/// A category or tag: its display name and URL slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// As written in the metadata.
    pub name: String,
    /// Pelican slug of the name.
    pub slug: String,
}

impl Term {
    /// A term named `name`.
    pub fn new(name: &str) -> Term {
        Term {
            name: name.to_string(),
            slug: twir_content::slug::pelican_slugify(name),
        }
    }
}

/// A heading of a rendered body, with the id it can be linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute.
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// One issue, draft or page, ready to be laid out.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Issue, draft or page.
    pub kind: Kind,
    /// The source file.
    pub source: PathBuf,
    /// Source file name without extension (`2023-11-22-this-week-in-rust`).
    pub stem: String,
    /// `Title:`.
    pub title: String,
    /// `Number:`, when an integer.
    pub number: Option<u32>,
    /// URL slug (`Slug:` or the slugified title).
    pub slug: String,
    /// Publication time in the site's time zone (midnight when only a day was given).
    pub date: Option<Zoned>,
    /// `Category:`.
    pub category: Option<Term>,
    /// `Tags:`.
    pub tags: Vec<Term>,
    /// `Author:`.
    pub author: Option<String>,
    /// `Summary:`.
    pub summary: Option<String>,
    /// URL relative to the site root (`blog/2023/11/22/this-week-in-rust-522/`).
    pub url: String,
    /// The Markdown body rendered to HTML (what goes inside `<article class="post-content">`).
    pub html: Arc<str>,
    /// The body's headings.
    pub headings: Vec<Heading>,
    /// What a Pelican theme sees of it (sites built from `pelicanconf.py`).
    pub pelican: Option<Arc<twir_pelican::Content>>,
}

impl Entry {
    /// Whether this is an issue or a draft (dated, listed), as opposed to a page.
    pub fn is_post(&self) -> bool {
        self.kind != Kind::Page
    }

    /// A fingerprint of everything listing pages show about this entry (not its body), so that
    /// a live rebuild knows whether only this entry's own page changed.
    pub fn listing_key(&self) -> String {
        format!(
            "{:?}\u{1}{}\u{1}{:?}\u{1}{}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{}",
            self.kind,
            self.title,
            self.number,
            self.url,
            self.date.as_ref().map(|d| d.timestamp()),
            self.category,
            self.tags,
            self.summary,
            self.author.as_deref().unwrap_or(""),
        )
    }
}

/// Issues sharing a category or tag.
#[derive(Debug, Clone)]
pub struct Group {
    /// The category or tag.
    pub term: Term,
    /// Indices into [`SiteModel::posts`], newest first.
    pub members: Vec<usize>,
}

/// Every entry of the site, sorted and grouped.
#[derive(Debug, Clone, Default)]
pub struct SiteModel {
    /// Issues and included drafts, newest first.
    pub posts: Vec<Arc<Entry>>,
    /// Pages, by title.
    pub pages: Vec<Arc<Entry>>,
    /// Categories by slug.
    pub categories: Vec<Group>,
    /// Tags by slug.
    pub tags: Vec<Group>,
    /// Authors by slug (Pelican sites).
    pub authors: Vec<Group>,
    /// Built but listed nowhere: Pelican's drafts and hidden articles and pages.
    pub unlisted: Vec<Arc<Entry>>,
}

impl SiteModel {
    /// Sorts and groups `entries`. Two entries with the same URL are an error (the second in
    /// source order is reported), since one would silently overwrite the other.
    pub fn new(entries: Vec<Arc<Entry>>) -> Result<SiteModel, Vec<SiteError>> {
        let mut errors = Vec::new();
        let mut seen: HashMap<&str, &PathBuf> = HashMap::new();
        let mut sorted: Vec<&Arc<Entry>> = entries.iter().collect();
        sorted.sort_by(|a, b| a.source.cmp(&b.source));
        for e in sorted {
            if let Some(first) = seen.insert(&e.url, &e.source) {
                errors.push(SiteError::DuplicateUrl {
                    url: e.url.clone(),
                    first: first.clone(),
                    second: e.source.clone(),
                });
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (mut posts, mut pages): (Vec<_>, Vec<_>) =
            entries.into_iter().partition(|e| e.is_post());
        // Newest first; same day: the later file name first, as Pelican's reversed-date order.
        posts.sort_by(|a, b| {
            let ka = (a.date.as_ref().map(Zoned::timestamp), &a.stem);
            let kb = (b.date.as_ref().map(Zoned::timestamp), &b.stem);
            kb.cmp(&ka)
        });
        pages.sort_by(|a, b| (&a.title, &a.source).cmp(&(&b.title, &b.source)));
        let categories = group(&posts, |e| e.category.iter().cloned().collect());
        let tags = group(&posts, |e| e.tags.clone());
        Ok(SiteModel {
            posts,
            pages,
            categories,
            tags,
            authors: Vec::new(),
            unlisted: Vec::new(),
        })
    }

    /// The newest `n` published issues (drafts are never syndicated).
    pub fn feed_posts(&self, members: Option<&[usize]>, n: usize) -> Vec<&Arc<Entry>> {
        let published = |e: &&Arc<Entry>| e.kind == Kind::Issue;
        match members {
            Some(m) => m
                .iter()
                .map(|&i| &self.posts[i])
                .filter(published)
                .take(n)
                .collect(),
            None => self.posts.iter().filter(published).take(n).collect(),
        }
    }

    /// Index of the post read from `source`.
    pub fn post_index(&self, source: &std::path::Path) -> Option<usize> {
        self.posts.iter().position(|e| e.source == source)
    }
}

/// Groups `posts` by the terms `terms` gives each, by slug; a group's term is the first
/// (newest) member's.
pub fn group(posts: &[Arc<Entry>], terms: impl Fn(&Entry) -> Vec<Term>) -> Vec<Group> {
    let mut by_slug: BTreeMap<String, Group> = BTreeMap::new();
    for (i, e) in posts.iter().enumerate() {
        for t in terms(e) {
            if t.slug.is_empty() {
                continue;
            }
            let g = by_slug.entry(t.slug.clone()).or_insert_with(|| Group {
                term: t,
                members: Vec::new(),
            });
            if g.members.last() != Some(&i) {
                g.members.push(i);
            }
        }
    }
    by_slug.into_values().collect()
}
