//! Every feed of the fixture site is well-formed XML with the elements RSS 2.0 and Atom 1.0
//! require, including the issue full of characters that once broke TWiR's feed.

mod common;

use roxmltree::{Document, Node};

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn text_of(n: Node, name: &str) -> String {
    child(n, name)
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", n.tag_name().name()))
        .text()
        .unwrap_or_default()
        .to_string()
}

fn check_rss(xml: &str) -> Vec<String> {
    let doc = Document::parse(xml).unwrap_or_else(|e| panic!("invalid RSS: {e}"));
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = child(rss, "channel").expect("channel");
    for req in ["title", "link", "description"] {
        assert!(!text_of(channel, req).is_empty(), "channel {req}");
    }
    let mut contents = Vec::new();
    for item in channel.children().filter(|c| c.has_tag_name("item")) {
        for req in ["title", "link", "guid", "pubDate", "description"] {
            assert!(!text_of(item, req).is_empty(), "item {req}");
        }
        assert!(text_of(item, "link").starts_with("https://fixture.example.org/blog/"));
        // RFC 822 dates in New York time.
        let date = text_of(item, "pubDate");
        assert!(date.ends_with("-0500"), "{date}");
        contents.push(text_of(item, "description"));
    }
    contents
}

fn check_atom(xml: &str) -> Vec<String> {
    let doc = Document::parse(xml).unwrap_or_else(|e| panic!("invalid Atom: {e}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    for req in ["id", "title", "updated"] {
        assert!(!text_of(feed, req).is_empty(), "feed {req}");
    }
    let mut contents = Vec::new();
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        for req in ["id", "title", "updated"] {
            assert!(!text_of(entry, req).is_empty(), "entry {req}");
        }
        let link = child(entry, "link").expect("entry link");
        assert!(
            link.attribute("href")
                .unwrap()
                .starts_with("https://fixture.example.org/blog/")
        );
        let content = child(entry, "content").expect("entry content");
        assert_eq!(content.attribute("type"), Some("html"));
        assert!(text_of(entry, "updated").ends_with("-05:00"));
        assert!(text_of(entry, "id").starts_with("tag:fixture.example.org,2024-01-"));
        contents.push(content.text().unwrap_or_default().to_string());
    }
    contents
}

#[test]
fn site_feeds_are_valid_and_hold_the_newest_issues_in_full() {
    let (_tmp, out, _) = common::build(false, false);
    let rss = check_rss(&common::read(&out, "rss.xml"));
    let atom = check_atom(&common::read(&out, "atom.xml"));
    // feed_items = 3 in the fixture's twir.toml; the special edition is the newest.
    assert_eq!(rss.len(), 3);
    assert_eq!(atom.len(), 3);
    let tricky = &atom[1];
    assert!(tricky.contains("(1 &lt; 2)"), "{tricky}");
    assert!(tricky.contains("(Q&amp;A)"), "{tricky}");
    assert!(
        tricky.contains("]]&gt;") || tricky.contains("]]>"),
        "{tricky}"
    );
    assert!(
        !tricky.contains('\u{7}'),
        "control character must be stripped"
    );
    assert_eq!(&rss[1], tricky);
    let titles = common::read(&out, "atom.xml");
    assert!(titles.contains("<title>Fixture Weekly 3: &lt;angle&gt; &amp; ampersand</title>"));
}

#[test]
fn category_feeds_are_valid() {
    let (_tmp, out, _) = common::build(false, false);
    for slug in ["this-week-in-rust", "specials"] {
        let rss = check_rss(&common::read(&out, &format!("categories/{slug}/rss.xml")));
        let atom = check_atom(&common::read(&out, &format!("categories/{slug}/atom.xml")));
        assert_eq!(rss.len(), atom.len());
        assert!(!rss.is_empty());
    }
}

#[test]
fn sitemap_is_valid_and_lists_every_issue() {
    let (_tmp, out, _) = common::build(false, false);
    let xml = common::read(&out, "sitemap.xml");
    let doc = Document::parse(&xml).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for url in [
        "https://fixture.example.org/",
        "https://fixture.example.org/blog/2024/01/03/fixture-weekly-1/",
        "https://fixture.example.org/blog/2024/01/24/special/",
        "https://fixture.example.org/pages/about-fixture-weekly.html",
    ] {
        assert!(locs.contains(&url), "{url} not in {locs:?}");
    }
    assert!(
        common::read(&out, "robots.txt")
            .contains("Sitemap: https://fixture.example.org/sitemap.xml")
    );
}
