//! Every rule has a fixture where it fires (exactly `Expect: N` times) and one where it does not.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use std::path::{Path, PathBuf};
use twir_check::rules::RULES;
use twir_check::{
    CheckOptions, IssueInfo, IssueRef, LinkIndex, Previous, RecentLinks, check_document,
};
use twir_content::Document;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/check")
}

fn recent_index(opts: &CheckOptions) -> LinkIndex {
    let mut index = LinkIndex::new();
    let path = fixtures().join("recent/2026-08-19-this-week-in-rust.md");
    let doc = Document::load(&path).expect("recent fixture");
    index.push(
        IssueRef {
            number: doc.meta.number(),
            name: "2026-08-19-this-week-in-rust.md".into(),
        },
        &doc,
        &opts.community_section,
    );
    index
}

fn diagnostics_of(code: &str, file: &str) -> (usize, Vec<String>) {
    let path = fixtures().join("rules").join(file);
    let doc = Document::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let expect: usize = doc
        .meta
        .get("expect")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{file}: no `Expect: N` header"));
    let opts = CheckOptions {
        deny_project_tooling_links: true,
        ..Default::default()
    };
    let index = recent_index(&opts);
    let info = IssueInfo {
        name_date: jiff::civil::Date::new(2026, 8, 26).ok(),
        previous: Some(Previous {
            number: Some(665),
            date: jiff::civil::Date::new(2026, 8, 19).ok(),
        }),
        recent: Some(RecentLinks::all(&index)),
    };
    let found: Vec<String> = check_document(&doc, &opts, &info)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| format!("{}: {}", doc.position(d.span.start).line, d.message))
        .collect();
    (expect, found)
}

#[test]
fn every_rule_fires_on_its_fixture_and_not_on_the_clean_one() {
    let mut failures = Vec::new();
    for rule in RULES {
        for kind in ["fires", "clean"] {
            let file = format!("{}.{kind}.md", rule.code);
            let (expect, found) = diagnostics_of(rule.code, &file);
            if kind == "fires" && expect == 0 {
                failures.push(format!("{file}: a firing fixture must expect at least one"));
            }
            if found.len() != expect {
                failures.push(format!(
                    "{file}: expected {expect} `{}`, found {}: {found:#?}",
                    rule.code,
                    found.len()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_base_issue_is_clean() {
    let doc = Document::load(&fixtures().join("base.md")).unwrap();
    let opts = CheckOptions {
        deny_project_tooling_links: true,
        ..Default::default()
    };
    let index = recent_index(&opts);
    let info = IssueInfo {
        name_date: jiff::civil::Date::new(2026, 8, 26).ok(),
        previous: Some(Previous {
            number: Some(665),
            date: jiff::civil::Date::new(2026, 8, 19).ok(),
        }),
        recent: Some(RecentLinks::all(&index)),
    };
    let diags = check_document(&doc, &opts, &info);
    assert!(diags.is_empty(), "{diags:#?}");
}
