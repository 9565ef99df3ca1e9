//! The email edition of TWiR as subscribers get it today: for each issue of
//! `../shared/corpus/pelican-email/` (`STEM-email.html`: the page Pelican makes with
//! `USE_EMAIL_THEME=1`, after juice inlined its CSS), twir's HTML holds the same elements,
//! attributes (juice's `align`, `width`, `bgcolor` included) and text once style attributes and
//! `<style>` are set aside, as `../shared/tools/compare_site.py --ignore-style --loose-code`
//! measures, and every element has the same CSS declarations in its `style` (whatever their
//! spelling); the text part keeps every link and the merge tags.
//! Ignored, saying so, without the corpus.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

mod common;

use common::urls_of;
use std::path::{Path, PathBuf};
use std::process::Command;
use twir_content::{Document, Site};
use twir_email::{EmailTheme, Options, Verdict, build, uninlined_rules};

/// Issues that must come out identical (of 12; measured: 12).
const MIN_IDENTICAL: usize = 12;

/// A repository like TWiR's: its `pelicanconf.py` and themes, the archive as `content/`.
fn repository(corpus: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus.join("repo/pelicanconf.py"),
        dir.path().join("pelicanconf.py"),
    )
    .unwrap();
    std::os::unix::fs::symlink(corpus.join("repo/themes"), dir.path().join("themes")).unwrap();
    std::os::unix::fs::symlink(corpus.join("content"), dir.path().join("content")).unwrap();
    dir
}

fn hrefs_of(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("a[href]").unwrap();
    doc.select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_string)
        .collect()
}

fn stems(reference: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(reference)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix("-email.html").map(str::to_string)
        })
        .collect();
    v.sort();
    v
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn editions_match_todays_pelican_email_pages() {
    let corpus = twir_testkit::corpus();
    let reference = corpus.join("pelican-email");
    let repo = repository(&corpus);
    let site = Site::open(repo.path()).unwrap();
    assert!(matches!(
        twir_email::theme::choose(&site, None).unwrap(),
        EmailTheme::Pelican { .. }
    ));
    let out = tempfile::tempdir().unwrap();
    let options = Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::from_second(1_755_600_000).unwrap(),
    };
    let stems = stems(&reference);
    assert_eq!(stems.len(), 12, "reference pages");
    let mut problems = Vec::new();
    for stem in &stems {
        let doc = Document::load(&repo.path().join("content").join(format!("{stem}.md"))).unwrap();
        let ed = build(&site, &doc, &options).unwrap();
        std::fs::write(out.path().join(format!("{stem}-email.html")), &ed.html).unwrap();
        let juiced = std::fs::read_to_string(reference.join(format!("{stem}-email.html"))).unwrap();
        problems.extend(
            style_differences(&juiced, &ed.html)
                .into_iter()
                .map(|d| format!("{stem}: {d}")),
        );
        if !uninlined_rules(&ed.html).is_empty() {
            problems.push(format!("{stem}: rules left in <style>"));
        }
        for url in urls_of(&ed.html) {
            let absolute = url.starts_with("https://") || url.starts_with("http://");
            let kept = url.starts_with('#') || url.starts_with("*|") || url.starts_with("mailto:");
            if !absolute && !kept {
                problems.push(format!("{stem}: relative URL {url}"));
            }
        }
        // Every link (the decorative logo's image aside) is in the text part.
        for url in hrefs_of(&ed.html) {
            let shown = url.starts_with("http") || url.starts_with("*|");
            if shown && !ed.text.contains(url.as_str()) {
                problems.push(format!("{stem}: the text part lacks {url}"));
            }
        }
        for tag in ["*|UNSUB|*", "*|UPDATE_PROFILE|*"] {
            if !ed.text.contains(tag) {
                problems.push(format!("{stem}: the text part lacks {tag}"));
            }
        }
        if matches!(ed.size.verdict(), Verdict::Over(_)) {
            problems.push(format!("{stem}: {}", ed.size));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    compare(&reference, out.path());
}

/// The declarations of a `style` attribute, property and value lower-cased, spacing and
/// `!important` set aside (juice and css-inline spell the same rules differently).
fn declarations(style: &str) -> std::collections::BTreeMap<String, String> {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(p, v)| {
            let v = v.replace("!important", "");
            (
                p.trim().to_ascii_lowercase(),
                v.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_ascii_lowercase(),
            )
        })
        .filter(|(p, _)| !p.is_empty())
        .collect()
}

/// Elements, in document order, whose style differs between the two pages (the first few).
fn style_differences(reference: &str, candidate: &str) -> Vec<String> {
    let all = scraper::Selector::parse("*").unwrap();
    let r = scraper::Html::parse_document(reference);
    let c = scraper::Html::parse_document(candidate);
    let styles =
        |doc: &scraper::Html| -> Vec<(String, std::collections::BTreeMap<String, String>)> {
            doc.select(&all)
                .filter(|e| e.value().name() != "style")
                .map(|e| {
                    let name = e.value().name().to_string();
                    (name, declarations(e.value().attr("style").unwrap_or("")))
                })
                .collect()
        };
    let (rs, cs) = (styles(&r), styles(&c));
    if rs.len() != cs.len() {
        return vec![format!(
            "{} elements, juice's page has {}",
            cs.len(),
            rs.len()
        )];
    }
    rs.iter()
        .zip(&cs)
        .filter(|(a, b)| a != b)
        .take(3)
        .map(|(a, b)| format!("<{}> style {:?}, juice's {:?}", b.0, b.1, a.1))
        .collect()
}

/// Runs the shared comparison tool, when Python and BeautifulSoup are there.
fn compare(reference: &Path, candidate: &Path) {
    let tool: PathBuf = reference.join("../../tools/compare_site.py");
    let run = Command::new("python3")
        .arg(&tool)
        .args([
            "--ignore-style",
            "--loose-code",
            "--show",
            "12",
            "--only",
            "*-email.html",
        ])
        .arg(reference)
        .arg(candidate)
        .output();
    let out = match run {
        Ok(o) if String::from_utf8_lossy(&o.stderr).contains("No module named 'bs4'") => {
            eprintln!("SKIPPED the comparison with compare_site.py: pip install beautifulsoup4");
            return;
        }
        Ok(o) => o,
        Err(e) => {
            eprintln!("SKIPPED the comparison with compare_site.py: python3 not found ({e})");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}");
    let identical: usize = stdout
        .lines()
        .find_map(|l| {
            l.split_once(" identical, ")
                .map(|(n, _)| n.trim().parse().ok())
        })
        .flatten()
        .unwrap_or_else(|| panic!("no summary from compare_site.py: {stdout}"));
    assert!(
        identical >= MIN_IDENTICAL,
        "{identical} of 12 identical:\n{stdout}"
    );
}
