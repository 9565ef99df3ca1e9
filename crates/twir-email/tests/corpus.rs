//! The email edition of real issues from the TWiR archive (`../shared/corpus`, read-only):
//! every sampled issue must build, parse back as a two-part message, keep only `@media` rules
//! in `<style>`, use absolute URLs only, and fill its text to 72 columns. Listed as ignored
//! when the corpus is absent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use common::{breakable_long_lines, relative_urls};
use mail_parser::MessageParser;
use twir_content::{Document, Site};
use twir_email::{EmailError, Options, build, uninlined_rules};

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn sampled_corpus_issues_make_valid_editions() {
    let dir = twir_testkit::corpus();
    let mut site = Site::open(&dir).unwrap();
    // TWiR's repository names no sender; the message part needs one.
    site.config.email.from = "This Week in Rust <editors@example.org>".into();
    let files = site.issues().unwrap();
    let options = Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::from_second(1_755_600_000).unwrap(),
    };
    // Every fifth issue keeps a debug-build run short; the newest and the largest always.
    let sampled: Vec<_> = files
        .iter()
        .enumerate()
        .filter(|(i, f)| {
            i % 5 == 0
                || i + 1 == files.len()
                || f.stem.starts_with("2024-11-20")
                || f.stem.starts_with("2025-02-19")
        })
        .map(|(_, f)| f)
        .collect();
    let mut built = 0;
    let mut failures = Vec::new();
    for file in sampled {
        let doc = Document::load(&file.path).unwrap();
        let ed = match build(&site, &doc, &options) {
            Ok(ed) => ed,
            // The "State of Rust" posts of 2013 are not numbered issues.
            Err(EmailError::MissingField {
                field: "Number", ..
            }) => continue,
            Err(e) => {
                failures.push(format!("{}: {e}", file.stem));
                continue;
            }
        };
        built += 1;
        let eml = ed.eml.as_deref().unwrap_or_default();
        let left = uninlined_rules(&ed.html);
        if !left.is_empty() {
            failures.push(format!("{}: rules left in <style>: {left:?}", file.stem));
        }
        let relative = relative_urls(&ed.html, "*|UNSUB|*");
        if !relative.is_empty() {
            failures.push(format!("{}: relative URLs {relative:?}", file.stem));
        }
        let long = breakable_long_lines(&ed.text, &ed.html);
        if !long.is_empty() {
            failures.push(format!("{}: text lines over 72: {long:?}", file.stem));
        }
        match MessageParser::default().parse(eml.as_bytes()) {
            Some(msg) => {
                let html_ok = msg
                    .body_html(0)
                    .is_some_and(|h| h.replace("\r\n", "\n") == ed.html);
                let text_ok = msg
                    .body_text(0)
                    .is_some_and(|t| t.replace("\r\n", "\n") == ed.text);
                if !(html_ok && text_ok && msg.subject() == Some(ed.subject.as_str())) {
                    failures.push(format!("{}: message does not parse back", file.stem));
                }
            }
            None => failures.push(format!("{}: message does not parse", file.stem)),
        }
        if eml.split("\r\n").any(|l| l.len() > 998 || l.contains('\n')) {
            failures.push(format!("{}: bad line in the message", file.stem));
        }
    }
    assert!(built > 100, "only {built} issues built");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
