//! Atom 1.0 and RSS 2.0 feeds with the full content of the newest issues. Entry ids are the
//! `tag:` URIs Pelican used, so feed readers do not see old issues as new after the switch.

use crate::dates;
use crate::model::Entry;
use crate::xml::element;
use std::sync::Arc;
use twir_escape::push_xml;

/// What a feed is about and where it lives.
#[derive(Debug, Clone)]
pub struct FeedInfo<'a> {
    /// Feed title (the site name, or "Site - Category" / "Site - Tag").
    pub title: String,
    /// Absolute site URL without trailing slash.
    pub site_url: &'a str,
    /// Channel description (RSS).
    pub description: &'a str,
    /// Language code.
    pub language: &'a str,
    /// Default author name.
    pub author: &'a str,
    /// Relative URL of the page the feed mirrors (`""`, `categories/x/`, `tags/x/`).
    pub alternate: String,
    /// Relative URL of the Atom feed itself.
    pub atom_path: String,
    /// Relative URL of the RSS feed itself.
    pub rss_path: String,
}

fn abs(site_url: &str, rel: &str) -> String {
    format!("{site_url}/{rel}")
}

/// `tag:this-week-in-rust.org,2023-11-22:/blog/2023/11/22/this-week-in-rust-522/`.
pub fn tag_uri(site_url: &str, e: &Entry) -> String {
    let absolute = abs(site_url, &e.url);
    let (host, path) = match url::Url::parse(&absolute) {
        Ok(u) => (
            u.host_str().unwrap_or("localhost").to_string(),
            u.path().to_string(),
        ),
        Err(_) => ("localhost".to_string(), format!("/{}", e.url)),
    };
    let day = e.date.as_ref().map(dates::ymd).unwrap_or_default();
    format!("tag:{host},{day}:{path}")
}

const EPOCH: &str = "1970-01-01T00:00:00+00:00";

/// The Atom feed of `entries` (newest first).
pub fn atom(info: &FeedInfo, entries: &[&Arc<Entry>]) -> String {
    let mut out =
        String::with_capacity(entries.iter().map(|e| e.html.len() * 5 / 4).sum::<usize>() + 2048);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    push_xml(&mut out, info.language);
    out.push_str("\" xml:base=\"");
    push_xml(&mut out, &abs(info.site_url, ""));
    out.push_str("\">");
    element(&mut out, "title", &info.title);
    link(&mut out, &abs(info.site_url, &info.alternate), "alternate");
    link(&mut out, &abs(info.site_url, &info.atom_path), "self");
    element(&mut out, "id", &abs(info.site_url, &info.alternate));
    let updated = entries
        .first()
        .and_then(|e| e.date.as_ref())
        .map(dates::rfc3339)
        .unwrap_or_else(|| EPOCH.to_string());
    element(&mut out, "updated", &updated);
    for e in entries {
        let when = e
            .date
            .as_ref()
            .map(dates::rfc3339)
            .unwrap_or_else(|| EPOCH.to_string());
        out.push_str("\n<entry>");
        element(&mut out, "title", &e.title);
        link(&mut out, &abs(info.site_url, &e.url), "alternate");
        element(&mut out, "published", &when);
        element(&mut out, "updated", &when);
        out.push_str("<author>");
        element(&mut out, "name", e.author.as_deref().unwrap_or(info.author));
        out.push_str("</author>");
        element(&mut out, "id", &tag_uri(info.site_url, e));
        if let Some(s) = &e.summary {
            element(&mut out, "summary type=\"html\"", s);
        }
        element(&mut out, "content type=\"html\"", &e.html);
        for term in e.category.iter().chain(&e.tags) {
            out.push_str("<category term=\"");
            push_xml(&mut out, &term.name);
            out.push_str("\"/>");
        }
        out.push_str("</entry>");
    }
    out.push_str("\n</feed>\n");
    out
}

fn link(out: &mut String, href: &str, rel: &str) {
    out.push_str("<link href=\"");
    push_xml(out, href);
    out.push_str("\" rel=\"");
    out.push_str(rel);
    out.push_str("\"/>");
}

/// The RSS 2.0 feed of `entries` (newest first).
pub fn rss(info: &FeedInfo, entries: &[&Arc<Entry>]) -> String {
    let mut out =
        String::with_capacity(entries.iter().map(|e| e.html.len() * 5 / 4).sum::<usize>() + 2048);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>");
    element(&mut out, "title", &info.title);
    element(&mut out, "link", &abs(info.site_url, &info.alternate));
    element(&mut out, "description", info.description);
    element(&mut out, "language", info.language);
    if let Some(d) = entries.first().and_then(|e| e.date.as_ref()) {
        element(&mut out, "lastBuildDate", &dates::rfc822(d));
    }
    out.push_str("<atom:link href=\"");
    push_xml(&mut out, &abs(info.site_url, &info.rss_path));
    out.push_str("\" rel=\"self\" type=\"application/rss+xml\"/>");
    for e in entries {
        out.push_str("\n<item>");
        element(&mut out, "title", &e.title);
        element(&mut out, "link", &abs(info.site_url, &e.url));
        element(&mut out, "description", &e.html);
        element(
            &mut out,
            "dc:creator",
            e.author.as_deref().unwrap_or(info.author),
        );
        if let Some(d) = &e.date {
            element(&mut out, "pubDate", &dates::rfc822(d));
        }
        element(
            &mut out,
            "guid isPermaLink=\"false\"",
            &tag_uri(info.site_url, e),
        );
        for term in e.category.iter().chain(&e.tags) {
            element(&mut out, "category", &term.name);
        }
        out.push_str("</item>");
    }
    out.push_str("\n</channel></rss>\n");
    out
}
