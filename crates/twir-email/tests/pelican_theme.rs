//! The edition made with a repository's own Pelican email theme (the fixture
//! `tests/fixtures/email-pelican`: `pelicanconf.py` picks `themes/letter` with
//! `USE_EMAIL_THEME=1`): the theme's markup kept as written, its CSS inlined with the
//! `@media` rules left in `<style>`, every link absolute, the text part with every link and
//! the merge tags.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use common::relative_urls;
use mail_parser::MessageParser;
use std::path::PathBuf;
use twir_content::{Document, Site};
use twir_email::{EmailTheme, Options, build, kept_at_rules, preview_html, uninlined_rules};
use twir_testkit::copy_dir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/email-pelican")
}

fn site() -> Site {
    Site::open(&root()).unwrap()
}

fn issue7() -> Document {
    Document::load(&root().join("content/2024-03-06-crab-mail-7.md")).unwrap()
}

fn options() -> Options {
    Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::from_second(1_709_715_600).unwrap(),
    }
}

const WEB: &str = "https://mail.crabs.example.org/posts/2024/crab-mail-7/";

#[test]
fn the_email_theme_of_pelicanconf_is_chosen() {
    let theme = twir_email::theme::choose(&site(), None).unwrap();
    assert_eq!(
        theme,
        EmailTheme::Pelican {
            dir: root().join("themes/letter"),
            settings: Some(root().join("pelicanconf.py")),
        }
    );
}

#[test]
fn the_page_is_the_themes_with_the_article_filled_in() {
    let ed = build(&site(), &issue7(), &options()).unwrap();
    let html = &ed.html;
    // Blocks, self.block(), article.url, article.number, date.strftime().upper().
    assert!(
        html.contains(&format!("href=\"{WEB}\"")) && html.contains(">Open in a browser</a>"),
        "{html}"
    );
    assert!(html.contains("No. 7 / 06 MAR 2024"), "{html}");
    assert!(html.contains(&format!("<a href=\"{WEB}\"")), "{html}");
    assert_eq!(ed.issue.number, 7);
    assert_eq!(ed.issue.urls.web.as_str(), WEB);
    assert_eq!(ed.subject, "Crab Mail 7");
    // The markup as written: no <tbody> in the theme's tables, the heading self-link still
    // around the linked heading.
    assert_eq!(
        html.matches("<tbody").count(),
        1,
        "only the Markdown table's: {html}"
    );
    assert!(
        html.contains("<a class=\"toclink\" href=\"#shell-news\"")
            && html.contains("<a href=\"https://shells.example.org/news\""),
        "{html}"
    );
    let toclink = html.find("class=\"toclink\" href=\"#shell-news\"").unwrap();
    let inner = html
        .find("href=\"https://shells.example.org/news\"")
        .unwrap();
    let closing = html[toclink..]
        .find("</a></a>")
        .map(|i| i + toclink)
        .unwrap();
    assert!(toclink < inner && inner < closing, "{html}");
}

#[test]
fn css_is_inlined_and_media_rules_stay() {
    let ed = build(&site(), &issue7(), &options()).unwrap();
    let html = &ed.html;
    assert!(
        uninlined_rules(html).is_empty(),
        "{:?}",
        uninlined_rules(html)
    );
    assert_eq!(
        kept_at_rules(html),
        [
            "@media (prefers-color-scheme: dark)",
            "@media (max-width: 600px)"
        ]
    );
    assert_eq!(html.matches("<style").count(), 1, "{html}");
    assert!(html.contains("Open in a browser"));
    assert!(
        html.contains("style=\"color:#aa3311\">Open in a browser</a>"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"tide-tables\" style=\"font-size:20px\">"),
        "{html}"
    );
}

#[test]
fn links_and_images_are_absolute_and_comments_gone() {
    let ed = build(&site(), &issue7(), &options()).unwrap();
    let html = &ed.html;
    let relative: Vec<String> = relative_urls(html, "*|UNSUB|*")
        .into_iter()
        .filter(|u| !u.starts_with('#') && u != "*|UPDATE_PROFILE|*")
        .collect();
    assert!(relative.is_empty(), "{relative:?}");
    for url in [
        "https://mail.crabs.example.org/archives/",
        "https://mail.crabs.example.org/posts/2024/crab-mail-6/",
        "https://mail.crabs.example.org/images/crab.jpg",
        "https://mail.crabs.example.org/crab.png",
    ] {
        assert!(html.contains(url), "{url} missing");
    }
    assert!(html.contains("href=\"*|UNSUB|*\"") && html.contains("href=\"*|UPDATE_PROFILE|*\""));
    assert!(!html.contains("editors: more tides"), "comments go");
    assert_eq!(preview_html(&site(), &issue7()).unwrap(), ed.html);
}

#[test]
fn the_text_part_keeps_every_link_and_the_merge_tags() {
    let ed = build(&site(), &issue7(), &options()).unwrap();
    let text = &ed.text;
    for needle in [
        "Open in a browser [1]",
        "No. 7 / 06 MAR 2024",
        "Shell news",
        "==========",
        "* Molting season opens [",
        "[image: A crab] [",
        "Mon | 06:10",
        "    fn main() { println!(\"<claws>\"); }",
        "Leave the list [",
        "*|UNSUB|*",
        "*|UPDATE_PROFILE|*",
        WEB,
        "https://mail.crabs.example.org/archives/",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    // The logo is decoration: no "[image]" for it; the theme's frame is no data table.
    assert!(!text.contains("[image]"), "{text}");
    assert!(!text.contains("Open in a browser [1] |"), "{text}");
    assert!(
        ed.preheader.starts_with("Welcome to issue seven."),
        "{}",
        ed.preheader
    );
}

#[test]
fn the_message_holds_both_parts() {
    let mut s = site();
    assert!(build(&s, &issue7(), &options()).unwrap().eml.is_none());
    s.config.email.from = "Crab Mail <mail@crabs.example.org>".into();
    let ed = build(&s, &issue7(), &options()).unwrap();
    let eml = ed.eml.as_deref().unwrap();
    let msg = MessageParser::default().parse(eml.as_bytes()).unwrap();
    assert_eq!(msg.body_html(0).unwrap().replace("\r\n", "\n"), ed.html);
    assert_eq!(msg.body_text(0).unwrap().replace("\r\n", "\n"), ed.text);
}

#[test]
fn theme_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("letter");
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    std::fs::write(
        theme.join("templates/article.html"),
        "<p>\n{{ article.title }\n</p>",
    )
    .unwrap();
    let opts = Options {
        theme: Some(theme.clone()),
        ..options()
    };
    let e = build(&site(), &issue7(), &opts).unwrap_err().to_string();
    assert!(e.contains("article.html") && e.contains(":2"), "{e}");
}

#[test]
fn twir_toml_keys_win_over_pelicanconf_as_on_the_website() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root(), dir.path());
    std::fs::write(
        dir.path().join("twir.toml"),
        "[site]\nurl = \"https://news.example.net/crabs/\"\n",
    )
    .unwrap();
    let site = Site::open(dir.path()).unwrap();
    let doc = Document::load(&dir.path().join("content/2024-03-06-crab-mail-7.md")).unwrap();
    let ed = build(&site, &doc, &options()).unwrap();
    assert_eq!(
        ed.issue.urls.web.as_str(),
        "https://news.example.net/crabs/posts/2024/crab-mail-7/"
    );
    assert!(
        ed.html
            .contains("https://news.example.net/crabs/posts/2024/crab-mail-6/"),
        "{}",
        ed.html
    );
    assert!(!ed.html.contains("mail.crabs.example.org"), "{}", ed.html);
}
