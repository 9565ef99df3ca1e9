//! Where each kind of page lives. URLs are relative to the site root, without a leading slash;
//! folder URLs end with `/` and are written as `URL/index.html`.

use jiff::civil::Date;

/// `blog/2023/11/22/this-week-in-rust-522/` (twir-content's, which the email uses too).
pub fn issue(date: Date, slug: &str) -> String {
    twir_content::identity::url_path(date, slug)
}

/// `pages/privacy-policy.html`.
pub fn page(slug: &str) -> String {
    format!("pages/{slug}.html")
}

/// `categories/this-week-in-rust/`.
pub fn category(slug: &str) -> String {
    format!("categories/{slug}/")
}

/// `tags/programming/`.
pub fn tag(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// The list of all tags.
pub const TAGS: &str = "tags/";
/// The list of all categories.
pub const CATEGORIES: &str = "categories/";
/// All issues by year (twir-content's, which the email links to).
pub const ARCHIVES: &str = twir_content::identity::ARCHIVE_PATH;

/// Page `n` (1-based) of the index: `` (the root), `index2.html`, `index3.html`...
pub fn index_page(n: usize) -> String {
    paged("", n)
}

/// Page `n` (1-based) of category `slug`: `categories/rust/`, then
/// `categories/rust/index2.html`, `categories/rust/index3.html`...
pub fn category_page(slug: &str, n: usize) -> String {
    paged(&category(slug), n)
}

/// Page `n` (1-based) of a list whose first page is at `first`: `first` itself, then Pelican's
/// `{name}{number}{extension}` applied to the file the first page is written to, so that every
/// list is paginated the way the index is (`index.html`, `index2.html`...).
pub fn paged(first: &str, n: usize) -> String {
    if n <= 1 {
        return first.to_string();
    }
    let file = file_of(first);
    match file.rsplit_once('.') {
        Some((name, ext)) if !name.ends_with('/') && !ext.contains('/') => {
            format!("{name}{n}.{ext}")
        }
        _ => format!("{file}{n}"),
    }
}

/// The Atom feed of the list at folder URL `list` (`categories/rust/atom.xml`).
pub fn atom_feed(list: &str) -> String {
    format!("{list}atom.xml")
}

/// The RSS feed of the list at folder URL `list` (`tags/rust/rss.xml`).
pub fn rss_feed(list: &str) -> String {
    format!("{list}rss.xml")
}

/// The file a URL is written to: folders get `index.html`.
pub fn file_of(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

/// The path part of the configured site URL, without trailing slash (`""` for a root site).
pub fn base_path(site_url: &str) -> String {
    match url::Url::parse(site_url) {
        Ok(u) => u.path().trim_end_matches('/').to_string(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_files() {
        let d = Date::new(2023, 11, 22).unwrap();
        assert_eq!(
            issue(d, "this-week-in-rust-522"),
            "blog/2023/11/22/this-week-in-rust-522/"
        );
        assert_eq!(
            file_of(&issue(d, "x")),
            "blog/2023/11/22/x/index.html".to_string()
        );
        assert_eq!(file_of(&index_page(1)), "index.html");
        assert_eq!(file_of(&index_page(2)), "index2.html");
        assert_eq!(file_of(&page("about")), "pages/about.html");
        assert_eq!(file_of(&category("rust")), "categories/rust/index.html");
        assert_eq!(
            file_of(&category_page("rust", 1)),
            "categories/rust/index.html"
        );
        assert_eq!(category_page("rust", 2), "categories/rust/index2.html");
        assert_eq!(category_page("rust", 12), "categories/rust/index12.html");
        assert_eq!(paged("pages/list.html", 3), "pages/list3.html");
        assert_eq!(paged("v1.0/x", 2), "v1.0/x2");
        assert_eq!(atom_feed(&tag("rust")), "tags/rust/atom.xml");
        assert_eq!(rss_feed(&tag("rust")), "tags/rust/rss.xml");
        assert_eq!(base_path("https://this-week-in-rust.org"), "");
        assert_eq!(base_path("https://example.org/twir/"), "/twir");
    }
}
