//! `sitemap.xml` and the `robots.txt` that points at it.

use crate::model::{Kind, SiteModel};
use crate::xml::element;
use crate::{dates, urls};
use twir_escape::push_xml;

/// The sitemap of every public page: index pages, issues, archives, categories (every page of
/// each), tags, pages.
/// Drafts are left out.
pub fn sitemap(site_url: &str, model: &SiteModel, per_page: usize) -> String {
    let mut out = String::with_capacity(model.posts.len() * 160 + 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut url = |rel: &str, lastmod: Option<String>| {
        out.push_str("<url><loc>");
        push_xml(&mut out, &format!("{site_url}/{rel}"));
        out.push_str("</loc>");
        if let Some(m) = lastmod {
            element(&mut out, "lastmod", &m);
        }
        out.push_str("</url>\n");
    };
    let newest = model
        .posts
        .iter()
        .find(|e| e.kind == Kind::Issue)
        .and_then(|e| e.date.as_ref())
        .map(dates::rfc3339);
    for n in 1..=crate::pages::index_page_count(model, per_page) {
        url(
            &urls::index_page(n),
            if n == 1 { newest.clone() } else { None },
        );
    }
    url(urls::ARCHIVES, newest.clone());
    for e in model.posts.iter().filter(|e| e.kind == Kind::Issue) {
        url(&e.url, e.date.as_ref().map(dates::rfc3339));
    }
    if !model.categories.is_empty() {
        url(urls::CATEGORIES, None);
    }
    for g in &model.categories {
        for n in 1..=crate::paginate::page_count(g.members.len(), per_page) {
            url(&urls::category_page(&g.term.slug, n), None);
        }
    }
    if !model.tags.is_empty() {
        url(urls::TAGS, None);
    }
    for g in &model.tags {
        url(&urls::tag(&g.term.slug), None);
    }
    for p in &model.pages {
        url(&p.url, p.date.as_ref().map(dates::rfc3339));
    }
    out.push_str("</urlset>\n");
    out
}

/// Allows everything and names the sitemap.
pub fn robots(site_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {site_url}/sitemap.xml\n")
}
