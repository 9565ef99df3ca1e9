//! Absolute URLs for the email: the web version, the archive, and every link of the
//! body resolved against the site.

use crate::error::EmailError;
use jiff::civil::Date;
use twir_content::identity::{ARCHIVE_PATH, url_path};
use url::Url;

/// The web addresses an edition points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrls {
    /// The site root, always ending with `/`.
    pub root: Url,
    /// The page on the website.
    pub web: Url,
    /// The archive of all issues.
    pub archive: Url,
}

impl SiteUrls {
    /// The URLs of the issue published on `date` under `slug`, for a site at `site_url`.
    pub fn new(site_url: &str, date: Date, slug: &str) -> Result<SiteUrls, EmailError> {
        let bad = |reason: &str| EmailError::SiteUrl {
            url: site_url.to_string(),
            reason: reason.to_string(),
        };
        let mut root = Url::parse(site_url.trim()).map_err(|e| bad(&e.to_string()))?;
        if !matches!(root.scheme(), "http" | "https") {
            return Err(bad("expected http or https"));
        }
        // Joining against a base without a trailing slash would drop its last path segment.
        if !root.path().ends_with('/') {
            let path = format!("{}/", root.path());
            root.set_path(&path);
        }
        let join = |rel: &str| root.join(rel).map_err(|e| bad(&e.to_string()));
        let web = join(&url_path(date, slug))?;
        let archive = join(ARCHIVE_PATH)?;
        Ok(SiteUrls { root, web, archive })
    }

    /// `href` made absolute: `#id` points into the web version, other relative links are
    /// resolved against the site root, absolute ones are kept. Text that is no URL at all is
    /// returned unchanged rather than guessed at.
    pub fn resolve(&self, href: &str) -> String {
        let href = href.trim();
        if href.is_empty() {
            return self.web.to_string();
        }
        if is_merge_tag(href) {
            return href.to_string();
        }
        if let Some(fragment) = href.strip_prefix('#') {
            let mut web = self.web.clone();
            web.set_fragment(Some(fragment));
            return web.to_string();
        }
        if has_scheme(href) {
            return href.to_string();
        }
        match self.root.join(href) {
            Ok(u) => u.to_string(),
            Err(_) => href.to_string(),
        }
    }

    /// Like [`SiteUrls::resolve`], but `#id` stays a link within the message, as in the
    /// edition a Pelican theme makes (its heading self-links and table of contents).
    pub fn resolve_in_message(&self, href: &str) -> String {
        let trimmed = href.trim();
        if trimmed.starts_with('#') {
            return trimmed.to_string();
        }
        self.resolve(href)
    }

    /// The URLs of a Pelican site: the root `SITEURL` and the article at `article_url`
    /// (relative to it); the archive at Pelican's `ARCHIVES_SAVE_AS` place.
    pub fn pelican(site_url: &str, article_url: &str) -> Result<SiteUrls, EmailError> {
        let bad = |reason: &str| EmailError::SiteUrl {
            url: site_url.to_string(),
            reason: reason.to_string(),
        };
        let mut root = Url::parse(site_url.trim()).map_err(|e| bad(&e.to_string()))?;
        if !matches!(root.scheme(), "http" | "https") {
            return Err(bad(
                "expected http or https (SITEURL must be absolute for the email)",
            ));
        }
        if !root.path().ends_with('/') {
            let path = format!("{}/", root.path());
            root.set_path(&path);
        }
        let web = root
            .join(article_url.trim_start_matches('/'))
            .map_err(|e| bad(&e.to_string()))?;
        let archive = root.join(ARCHIVE_PATH).map_err(|e| bad(&e.to_string()))?;
        Ok(SiteUrls { root, web, archive })
    }
}

/// Whether `href` is a mailing service's merge tag (`*|UNSUB|*`, `*|UPDATE_PROFILE|*`),
/// filled in per subscriber when the message is sent: never resolved against the site.
pub fn is_merge_tag(href: &str) -> bool {
    let h = href.trim();
    h.len() > 4 && h.starts_with("*|") && h.ends_with("|*")
}

/// Whether `href` starts with a URL scheme (`https:`, `mailto:`, `irc:`...).
pub fn has_scheme(href: &str) -> bool {
    let Some(colon) = href.find(':') else {
        return false;
    };
    let scheme = &href[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> SiteUrls {
        SiteUrls::new(
            base,
            Date::new(2023, 11, 22).unwrap(),
            "this-week-in-rust-522",
        )
        .unwrap()
    }

    #[test]
    fn web_and_archive() {
        let u = urls("https://this-week-in-rust.org");
        assert_eq!(
            u.web.as_str(),
            "https://this-week-in-rust.org/blog/2023/11/22/this-week-in-rust-522/"
        );
        assert_eq!(
            u.archive.as_str(),
            "https://this-week-in-rust.org/blog/archives/"
        );
        let u = urls("https://example.org/twir");
        assert_eq!(
            u.archive.as_str(),
            "https://example.org/twir/blog/archives/"
        );
    }

    #[test]
    fn resolves_every_kind_of_link() {
        let u = urls("https://example.org/twir/");
        assert_eq!(
            u.resolve("#jobs"),
            "https://example.org/twir/blog/2023/11/22/this-week-in-rust-522/#jobs"
        );
        assert_eq!(
            u.resolve("images/a.png"),
            "https://example.org/twir/images/a.png"
        );
        assert_eq!(
            u.resolve("/images/a.png"),
            "https://example.org/images/a.png"
        );
        assert_eq!(
            u.resolve("//cdn.example.com/x.js"),
            "https://cdn.example.com/x.js"
        );
        assert_eq!(
            u.resolve(" https://rust-lang.org "),
            "https://rust-lang.org"
        );
        assert_eq!(u.resolve("mailto:a@b.org"), "mailto:a@b.org");
        assert_eq!(
            u.resolve("irc://irc.mozilla.org/rust"),
            "irc://irc.mozilla.org/rust"
        );
        assert_eq!(u.resolve(""), u.web.as_str());
    }

    #[test]
    fn merge_tags_and_in_message_anchors_stay() {
        let u = urls("https://example.org/");
        assert_eq!(u.resolve("*|UNSUB|*"), "*|UNSUB|*");
        assert_eq!(
            u.resolve_in_message(" *|UPDATE_PROFILE|* "),
            "*|UPDATE_PROFILE|*"
        );
        assert_eq!(u.resolve_in_message("#jobs"), "#jobs");
        assert_eq!(u.resolve_in_message("/x"), "https://example.org/x");
        let p = SiteUrls::pelican("https://ex.org", "blog/2026/08/19/t-665/").unwrap();
        assert_eq!(p.web.as_str(), "https://ex.org/blog/2026/08/19/t-665/");
        assert!(SiteUrls::pelican("", "x/").is_err());
        assert!(SiteUrls::pelican("/local", "x/").is_err());
    }

    #[test]
    fn rejects_unusable_site_urls() {
        let d = Date::new(2023, 1, 1).unwrap();
        assert!(SiteUrls::new("example.org", d, "x").is_err());
        assert!(SiteUrls::new("ftp://example.org", d, "x").is_err());
    }
}
