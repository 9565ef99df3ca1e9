//! Every feed of the fixture site is well-formed XML with the elements RSS 2.0 and Atom 1.0
//! require, including the issue full of characters that once broke TWiR's feed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

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

/// The `href` of the feed-level `<link rel="self">` (Atom) or `<atom:link rel="self">` (RSS).
fn self_link(xml: &str) -> String {
    let doc = Document::parse(xml).unwrap();
    let root = doc.root_element();
    let parent = child(root, "channel").unwrap_or(root);
    parent
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .and_then(|c| c.attribute("href"))
        .expect("self link")
        .to_string()
}

#[test]
fn tag_feeds_are_valid_and_hold_the_tagged_issues() {
    let (_tmp, out, _) = common::build(false, false);
    // Issue 1 is tagged rust and community, issue 2 rust, the special edition Community
    // (the same slug as community) and Events.
    for (slug, count) in [("rust", 2), ("community", 2), ("events", 1)] {
        let rss_path = format!("tags/{slug}/rss.xml");
        let atom_path = format!("tags/{slug}/atom.xml");
        let rss_xml = common::read(&out, &rss_path);
        let atom_xml = common::read(&out, &atom_path);
        let rss = check_rss(&rss_xml);
        let atom = check_atom(&atom_xml);
        assert_eq!(rss.len(), count, "{rss_path}");
        assert_eq!(atom, rss, "{slug}: both feeds carry the same bodies");
        assert_eq!(
            self_link(&atom_xml),
            format!("https://fixture.example.org/{atom_path}")
        );
        assert_eq!(
            self_link(&rss_xml),
            format!("https://fixture.example.org/{rss_path}")
        );
    }
    let community = common::read(&out, "tags/community/atom.xml");
    assert!(community.contains("<title>Fixture Weekly - Community</title>"));
    assert!(community.contains("/blog/2024/01/24/special/"));
    assert!(community.contains("/blog/2024/01/03/fixture-weekly-1/"));
    assert!(!community.contains("fixture-weekly-2"));
    // Linked from the tag's page, in the head and visibly.
    let page = common::read(&out, "tags/community/index.html");
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Tag: Community (Atom)\" href=\"/tags/community/atom.xml\">"
    ));
    assert!(page.contains("<a href=\"/tags/community/rss.xml\">RSS feed</a>"));
}

#[test]
fn tag_feeds_never_carry_drafts() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for (dir, name, title) in [
        ("content", "2024-05-01-this-week-in-rust.md", "Published"),
        ("draft", "2024-05-08-this-week-in-rust.md", "Drafted"),
    ] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        let date = &name[..10];
        let text = format!("Title: {title}\nDate: {date}\nCategory: Weekly\nTags: rust\n\nBody.\n");
        std::fs::write(root.join(dir).join(name), text).unwrap();
    }
    let out = root.join("out");
    let options = twir_site::Options {
        drafts: true,
        ..Default::default()
    };
    twir_site::build(twir_content::Site::open(root).unwrap(), &out, options).unwrap();
    // The draft is listed on the tag's page but syndicated nowhere.
    assert!(common::read(&out, "tags/rust/index.html").contains(">Drafted<"));
    let atom = common::read(&out, "tags/rust/atom.xml");
    let rss = common::read(&out, "tags/rust/rss.xml");
    assert_eq!(check_entries(&atom, &rss), 1);
    assert!(atom.contains("<title>Published</title>") && !atom.contains("Drafted"));
    assert!(rss.contains("<title>Published</title>") && !rss.contains("Drafted"));
}

/// Number of entries of an Atom feed and its RSS twin, which must agree.
fn check_entries(atom: &str, rss: &str) -> usize {
    let count = |xml: &str, name: &str| {
        Document::parse(xml)
            .unwrap_or_else(|e| panic!("invalid feed: {e}"))
            .descendants()
            .filter(|n| n.tag_name().name() == name)
            .count()
    };
    let n = count(atom, "entry");
    assert_eq!(n, count(rss, "item"));
    n
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
