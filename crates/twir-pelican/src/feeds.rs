//! Atom and RSS feeds as Pelican writes them (through `feedgenerator` 2.0): the same
//! elements and attributes, in the same order, so feed readers see nothing change.

use jiff::ZonedDateTime as Zoned;
use twir_escape::{push_feed_attr, push_feed_text};

/// One entry.
#[derive(Debug, Clone)]
pub struct FeedItem<'a> {
    /// Title (tags stripped).
    pub title: String,
    /// Absolute URL.
    pub link: String,
    /// `tag:` URI ([`tag_uri`]).
    pub unique_id: String,
    /// Atom `<summary>` / RSS `<description>` (HTML).
    pub description: Option<&'a str>,
    /// Atom `<content>` (HTML).
    pub content: Option<&'a str>,
    /// Category and tag names.
    pub categories: Vec<&'a str>,
    /// Author name.
    pub author_name: &'a str,
    /// Publication time.
    pub pubdate: &'a Zoned,
    /// Last modification, if any.
    pub updated: Option<&'a Zoned>,
}

/// The feed itself.
#[derive(Debug, Clone)]
pub struct FeedInfo<'a> {
    /// Title (tags stripped).
    pub title: &'a str,
    /// The site's URL with a trailing slash.
    pub link: &'a str,
    /// This feed's absolute URL.
    pub feed_url: &'a str,
    /// `SITESUBTITLE` (RSS `<description>`, Atom `<subtitle>`).
    pub subtitle: Option<&'a str>,
}

/// `tag:HOST,YYYY-MM-DD:/path/` for an entry at `link` published on `date`.
pub fn tag_uri(link: &str, date: &Zoned) -> String {
    let (host, path, fragment) = match url::Url::parse(link) {
        Ok(u) => (
            u.host_str().unwrap_or("").to_ascii_lowercase(),
            u.path().to_string(),
            u.fragment().map(str::to_string),
        ),
        Err(_) => (String::new(), link.to_string(), None),
    };
    let mut s = format!("tag:{host},{}:{path}", date.strftime("%Y-%m-%d"));
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        s.push('/');
        s.push_str(&f);
    }
    s
}

fn element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_feed_text(out, text);
    out.push_str("</");
    out.push_str(name.split(' ').next().unwrap_or(name));
    out.push('>');
}

fn rfc3339(z: &Zoned) -> String {
    crate::strftime::isoformat(z, "T")
}

fn rfc2822(z: &Zoned) -> String {
    crate::strftime::strftime(z, "%a, %d %b %Y %H:%M:%S %z")
}

fn latest<'a>(items: &[FeedItem<'a>]) -> Option<&'a Zoned> {
    items
        .iter()
        .map(|i| i.updated.unwrap_or(i.pubdate))
        .max_by_key(|z| z.timestamp())
}

/// The Atom feed.
pub fn atom(info: &FeedInfo, items: &[FeedItem]) -> String {
    let mut out = String::with_capacity(
        items
            .iter()
            .map(|i| {
                i.content.map_or(0, str::len) * 5 / 4 + i.description.map_or(0, str::len) * 5 / 4
            })
            .sum::<usize>()
            + 1024,
    );
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    );
    element(&mut out, "title", info.title);
    link(&mut out, info.link, "alternate");
    link(&mut out, info.feed_url, "self");
    element(&mut out, "id", info.link);
    let updated = latest(items)
        .map(rfc3339)
        .unwrap_or_else(|| rfc3339(&Zoned::now().with_time_zone(jiff::tz::TimeZone::UTC)));
    element(&mut out, "updated", &updated);
    if let Some(sub) = info.subtitle.filter(|s| !s.is_empty()) {
        element(&mut out, "subtitle", sub);
    }
    for i in items {
        out.push_str("<entry>");
        element(&mut out, "title", &i.title);
        link(&mut out, &i.link, "alternate");
        element(&mut out, "published", &rfc3339(i.pubdate));
        element(
            &mut out,
            "updated",
            &rfc3339(i.updated.unwrap_or(i.pubdate)),
        );
        out.push_str("<author>");
        element(&mut out, "name", i.author_name);
        out.push_str("</author>");
        element(&mut out, "id", &i.unique_id);
        if let Some(d) = i.description {
            element(&mut out, "summary type=\"html\"", d);
        }
        if let Some(c) = i.content {
            element(&mut out, "content type=\"html\"", c);
        }
        for c in &i.categories {
            out.push_str("<category term=\"");
            push_feed_attr(&mut out, c);
            out.push_str("\"></category>");
        }
        out.push_str("</entry>");
    }
    out.push_str("</feed>");
    out
}

fn link(out: &mut String, href: &str, rel: &str) {
    out.push_str("<link href=\"");
    push_feed_attr(out, href);
    out.push_str("\" rel=\"");
    out.push_str(rel);
    out.push_str("\"></link>");
}

/// The RSS 2.0 feed.
pub fn rss(info: &FeedInfo, items: &[FeedItem]) -> String {
    let mut out = String::with_capacity(
        items
            .iter()
            .map(|i| i.description.map_or(0, str::len) * 5 / 4)
            .sum::<usize>()
            + 1024,
    );
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>");
    element(&mut out, "title", info.title);
    element(&mut out, "link", info.link);
    element(&mut out, "description", info.subtitle.unwrap_or(""));
    if let Some(d) = latest(items) {
        element(&mut out, "lastBuildDate", &rfc2822(d));
    }
    for i in items {
        out.push_str("<item>");
        element(&mut out, "title", &i.title);
        element(&mut out, "link", &i.link);
        if let Some(d) = i.description {
            element(&mut out, "description", d);
        }
        element(
            &mut out,
            "dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
            i.author_name,
        );
        element(&mut out, "pubDate", &rfc2822(i.pubdate));
        element(&mut out, "guid isPermaLink=\"false\"", &i.unique_id);
        for c in &i.categories {
            element(&mut out, "category", c);
        }
        out.push_str("</item>");
    }
    out.push_str("</channel></rss>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atom_and_rss_shapes() {
        let d = jiff::civil::date(2026, 8, 19)
            .at(0, 0, 0, 0)
            .in_tz("America/New_York")
            .unwrap();
        let link = "https://this-week-in-rust.org/blog/2026/08/19/x/";
        assert_eq!(
            tag_uri(link, &d),
            "tag:this-week-in-rust.org,2026-08-19:/blog/2026/08/19/x/"
        );
        let item = FeedItem {
            title: "T & U".into(),
            link: link.into(),
            unique_id: tag_uri(link, &d),
            description: Some("<p>s</p>"),
            content: Some("<p>c</p>"),
            categories: vec!["This Week in Rust"],
            author_name: "TWiR Contributors",
            pubdate: &d,
            updated: None,
        };
        let info = FeedInfo {
            title: "S",
            link: "https://this-week-in-rust.org/",
            feed_url: "https://this-week-in-rust.org/atom.xml",
            subtitle: None,
        };
        let a = atom(&info, std::slice::from_ref(&item));
        assert!(a.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>S</title><link href=\"https://this-week-in-rust.org/\" rel=\"alternate\"></link><link href=\"https://this-week-in-rust.org/atom.xml\" rel=\"self\"></link><id>https://this-week-in-rust.org/</id><updated>2026-08-19T00:00:00-04:00</updated><entry><title>T &amp; U</title>"), "{a}");
        assert!(a.ends_with("<summary type=\"html\">&lt;p&gt;s&lt;/p&gt;</summary><content type=\"html\">&lt;p&gt;c&lt;/p&gt;</content><category term=\"This Week in Rust\"></category></entry></feed>"), "{a}");
        let r = rss(&info, &[item]);
        assert!(r.contains("<description></description><lastBuildDate>Wed, 19 Aug 2026 00:00:00 -0400</lastBuildDate><item><title>T &amp; U</title>"), "{r}");
        assert!(r.contains("<dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\">TWiR Contributors</dc:creator>"), "{r}");
    }
}
