//! The email edition of the fixture site's richest issue, end to end: the message parsed back
//! with a MIME parser, the HTML checked for inlining and absolute URLs, the text snapshotted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use common::{breakable_long_lines, fixture_root, relative_urls, urls_of};
use mail_parser::{MessageParser, MimeHeaders};
use twir_content::{Document, Site};
use twir_email::{Edition, Options, build, kept_at_rules, preview_html, uninlined_rules};

const NOW: i64 = 1_705_500_000; // 2024-01-17T14:00:00Z

fn site() -> Site {
    Site::open(&fixture_root()).unwrap()
}

fn issue3() -> Document {
    Document::load(&fixture_root().join("content/2024-01-17-this-week-in-crabs.md")).unwrap()
}

fn options() -> Options {
    Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::from_second(NOW).unwrap(),
    }
}

fn edition() -> Edition {
    build(&site(), &issue3(), &options()).unwrap()
}

const WEB: &str = "https://crabs.example.org/news/blog/2024/01/17/this-week-in-crabs-3/";

#[test]
fn message_parses_back_with_both_parts_and_headers() {
    let ed = edition();
    let eml = ed.eml.as_deref().expect("the fixture names a sender");
    let msg = MessageParser::default()
        .parse(eml.as_bytes())
        .expect("the .eml parses");
    assert_eq!(msg.subject(), Some("This Week in Crabs 3 🦀"));
    let from = msg.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.name(), Some("Crab Editors"));
    assert_eq!(from.address(), Some("editors@crabs.example.org"));
    let to = msg.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.address(), Some("readers@crabs.example.org"));
    assert_eq!(msg.date().unwrap().to_timestamp(), NOW);
    // Paris is UTC+1 in January: the date is shown in the site's time zone.
    assert_eq!(
        msg.header_raw("Date").map(str::trim),
        Some("Wed, 17 Jan 2024 15:00:00 +0100")
    );
    let id = msg.message_id().unwrap();
    assert!(
        id.starts_with("twir-3.1705500000.") && id.ends_with("@crabs.example.org"),
        "{id}"
    );
    assert_eq!(msg.header_raw("MIME-Version").map(str::trim), Some("1.0"));
    assert_eq!(
        msg.header_raw("List-Unsubscribe").map(str::trim),
        Some("<https://crabs.example.org/unsubscribe?id=*|UNIQID|*>")
    );
    let ct = msg.content_type().unwrap();
    assert_eq!(
        (ct.ctype(), ct.subtype()),
        ("multipart", Some("alternative"))
    );

    assert_eq!((msg.text_body_count(), msg.html_body_count()), (1, 1));
    assert_eq!(msg.body_text(0).unwrap().replace("\r\n", "\n"), ed.text);
    assert_eq!(msg.body_html(0).unwrap().replace("\r\n", "\n"), ed.html);
    for part in [msg.text_part(0).unwrap(), msg.html_part(0).unwrap()] {
        let ct = part.content_type().unwrap();
        assert_eq!(ct.attribute("charset"), Some("utf-8"));
        let cte = part.content_transfer_encoding().unwrap();
        assert!(matches!(cte, "quoted-printable" | "base64"), "{cte}");
    }
    assert_eq!(
        msg.text_part(0).unwrap().content_type().unwrap().subtype(),
        Some("plain")
    );
}

#[test]
fn message_is_crlf_ascii_and_within_line_limits() {
    let ed = edition();
    let eml = ed.eml.as_deref().expect("the fixture names a sender");
    assert!(eml.is_ascii(), "non-ASCII bytes must be encoded");
    assert!(eml.ends_with("\r\n"));
    for (i, line) in eml.split("\r\n").enumerate() {
        assert!(!line.contains(['\r', '\n']), "bare line break on line {i}");
        assert!(line.len() <= 998, "line {i} is {} octets", line.len());
    }
    let headers = &eml[..eml.find("\r\n\r\n").unwrap()];
    assert!(headers.contains("Subject: =?UTF-8?B?"), "{headers}");
    for name in ["From:", "To:", "Date:", "Message-ID:", "List-Unsubscribe:"] {
        assert!(headers.contains(name), "{name} missing");
    }
}

#[test]
fn only_media_rules_stay_in_style_and_elements_carry_styles() {
    let html = edition().html;
    assert_eq!(uninlined_rules(&html), Vec::<String>::new());
    let at = kept_at_rules(&html);
    assert!(
        at.iter().any(|r| r.contains("prefers-color-scheme: dark")),
        "{at:?}"
    );
    assert!(at.iter().any(|r| r.contains("max-width: 680px")), "{at:?}");
    let doc = scraper::Html::parse_document(&html);
    for sel in [
        "a",
        "p",
        "h2",
        "h3",
        "pre",
        "blockquote",
        ".content td",
        "code",
    ] {
        let s = scraper::Selector::parse(sel).unwrap();
        let mut n = 0;
        for el in doc.select(&s) {
            assert!(el.value().attr("style").is_some(), "<{sel}> without style");
            n += 1;
        }
        assert!(n > 0, "no <{sel}> in the edition");
    }
    assert!(html.contains("max-width:650px"));
    assert!(html.contains("<!--[if mso]>"), "Outlook wrapper kept");
}

#[test]
fn every_url_is_absolute_and_relative_ones_resolve_against_the_site() {
    let ed = edition();
    let placeholder = "https://crabs.example.org/unsubscribe?id=*|UNIQID|*";
    assert_eq!(relative_urls(&ed.html, placeholder), Vec::<String>::new());
    let urls = urls_of(&ed.html);
    for expected in [
        format!("{WEB}#crab-jobs"),
        "https://crabs.example.org/news/blog/archives/".to_string(),
        "https://crabs.example.org/pages/conduct.html".to_string(),
        "mailto:ana@crabs.example.org".to_string(),
        placeholder.to_string(),
        WEB.to_string(),
    ] {
        assert!(urls.contains(&expected), "{expected} not among {urls:#?}");
    }
    // The heading self-links of the web page are gone; the heading ids stay.
    assert!(!ed.html.contains("toclink"));
    assert!(ed.html.contains("id=\"crab-jobs\""));
}

#[test]
fn header_footer_and_no_editor_notes() {
    let ed = edition();
    for needle in [
        "<title>This Week in Crabs 3</title>",
        "January 17, 2024",
        "This Week in Crabs</a>",
        ">unsubscribe</a>",
        ">the archive</a>",
    ] {
        assert!(ed.html.contains(needle), "{needle} missing");
    }
    assert!(!ed.html.contains("must not reach readers"));
    assert!(!ed.text.contains("must not reach readers"));
    assert!(
        ed.text
            .contains(&format!("Read this issue on the web:\n  {WEB}\n"))
    );
    assert!(
        ed.text
            .contains("Unsubscribe:\n  https://crabs.example.org/unsubscribe?id=*|UNIQID|*\n")
    );
}

#[test]
fn plain_text_snapshot() {
    let ed = edition();
    assert_eq!(
        breakable_long_lines(&ed.text, &ed.html),
        Vec::<String>::new()
    );
    insta::assert_snapshot!("issue_3_text", ed.text);
}

#[test]
fn theme_override_and_width_setting() {
    let mut site = site();
    site.config.email.width = 600;
    let mut opts = options();
    opts.theme = Some(fixture_root().join("themes/plain"));
    let ed = build(&site, &issue3(), &opts).unwrap();
    assert!(ed.html.contains("Plain theme footer."));
    assert!(!ed.html.contains("You are receiving this"));
    assert!(ed.html.contains("max-width:600px"));
    assert_eq!(uninlined_rules(&ed.html), Vec::<String>::new());
    // The same theme through twir.toml's paths.theme.
    site.config.paths.theme = Some("themes/plain".into());
    let ed = build(&site, &issue3(), &options()).unwrap();
    assert!(ed.html.contains("Plain theme footer."));
}

#[test]
fn images_and_embeds_in_body_html_become_absolute() {
    // Built from given body HTML, so the check does not depend on the Markdown renderer.
    let body = "<p><img src=\"images/waving-crab.png\" alt=\"A crab\"> \
                <a href=\"../up.html\">up</a></p><iframe src=\"/player/1\"></iframe>";
    let ed = twir_email::build_from_body(&site(), &issue3(), body, &options()).unwrap();
    let urls = urls_of(&ed.html);
    for expected in [
        "https://crabs.example.org/news/images/waving-crab.png",
        "https://crabs.example.org/up.html",
        "https://crabs.example.org/player/1",
    ] {
        assert!(
            urls.iter().any(|u| u == expected),
            "{expected} not among {urls:#?}"
        );
    }
    assert!(ed.html.contains("max-width:100%"), "img styles inlined");
    assert!(ed.text.contains("[image: A crab] [1]"), "{}", ed.text);
    assert!(
        ed.text
            .contains("[1] https://crabs.example.org/news/images/waving-crab.png")
    );
}

#[test]
fn preview_is_the_written_html() {
    assert_eq!(preview_html(&site(), &issue3()).unwrap(), edition().html);
}

#[test]
fn size_report_is_under_the_limit_for_a_small_issue() {
    let ed = edition();
    assert_eq!(ed.size.html, ed.html.len());
    assert!(!ed.size.is_warning());
    assert!(ed.size.to_string().starts_with("size: HTML "));
}
