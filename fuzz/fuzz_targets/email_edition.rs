//! A whole email edition from any issue text: with twir's own template and with a Pelican
//! email theme (the fixture `tests/fixtures/email-pelican`). Nothing may panic; an edition
//! that builds has a `.eml` of CRLF lines of at most 998 octets, all ASCII.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use twir_content::{Document, Site};

fn sites() -> &'static (Site, Site) {
    static S: OnceLock<(Site, Site)> = OnceLock::new();
    S.get_or_init(|| {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
        let mut plain = Site::open(&fixtures.join("email")).expect("email fixture");
        plain.config.email.from = "Crabs <c@example.org>".into();
        let mut themed = Site::open(&fixtures.join("email-pelican")).expect("pelican fixture");
        themed.config.email.from = "Crabs <c@example.org>".into();
        (plain, themed)
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A valid header so that the body is what varies, unless the input brings its own.
    let source = if text.starts_with("Title:") {
        text.into_owned()
    } else {
        format!("Title: Crab Mail 7\nNumber: 7\nDate: 2024-03-06\n\n{text}")
    };
    let mut doc = Document::parse(source);
    doc.path = Some(PathBuf::from("content/2024-03-06-crab-mail-7.md"));
    let options = twir_email::Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::from_second(1_709_715_600).expect("valid time"),
    };
    let (plain, themed) = sites();
    for site in [plain, themed] {
        let Ok(edition) = twir_email::build(site, &doc, &options) else {
            continue;
        };
        let eml = edition.eml.expect("a sender is configured");
        assert!(eml.is_ascii());
        for line in eml.split("\r\n") {
            assert!(line.len() <= 998 && !line.contains(['\r', '\n']), "{line:?}");
        }
        assert_eq!(edition.size.html, edition.html.len());
    }
});
