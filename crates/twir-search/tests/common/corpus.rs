//! Loads the real TWiR archive (/work/shared/corpus) as search documents, for tests and the
//! bench. Bodies come from the reference HTML (`pelican-html/STEM.html`, what the site
//! renders) when present, else from a crude Markdown-to-text pass.

use std::fs;
use std::path::{Path, PathBuf};

use twir_search::{SearchDoc, SearchSection, sections_from_html};

/// The corpus directory, if it exists (`../shared/corpus` from the repo root).
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.join("content").is_dir().then_some(dir)
}

/// The corpus directory, for tests marked `#[cfg_attr(twir_no_corpus, ignore)]`.
#[allow(dead_code)] // not every test file that includes this module uses it
pub fn required() -> PathBuf {
    twir_testkit::corpus()
}

/// Raw inputs: (file stem, metadata header, Markdown body, reference HTML body).
pub fn read_raw(dir: &Path) -> Vec<(String, String, String, Option<String>)> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir.join("content"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    names.retain(|p| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("md" | "markdown")
        )
    });
    names.sort();
    names
        .into_iter()
        .filter_map(|p| {
            let text = fs::read_to_string(&p).ok()?;
            let stem = p.file_stem()?.to_str()?.to_owned();
            let (header, body) = text.split_once("\n\n").unwrap_or(("", text.as_str()));
            let html =
                fs::read_to_string(dir.join("pelican-html").join(format!("{stem}.html"))).ok();
            Some((stem, header.to_owned(), body.to_owned(), html))
        })
        .collect()
}

/// Turns raw inputs into search documents.
pub fn to_docs(raw: &[(String, String, String, Option<String>)]) -> Vec<SearchDoc> {
    raw.iter()
        .map(|(stem, header, body, html)| {
            let field = |k: &str| {
                header.lines().find_map(|l| {
                    let (key, v) = l.split_once(':')?;
                    key.trim()
                        .eq_ignore_ascii_case(k)
                        .then(|| v.trim().to_owned())
                })
            };
            let date = field("Date").unwrap_or_default();
            let day = date.get(..10).unwrap_or("0000-00-00").replace('-', "/");
            let slug = stem.get(11..).unwrap_or(stem);
            SearchDoc {
                url: format!("/blog/{day}/{slug}/"),
                title: field("Title").unwrap_or_else(|| stem.clone()),
                date,
                sections: match html {
                    Some(h) => sections_from_html(h),
                    None => crude_sections(body),
                },
            }
        })
        .collect()
}

/// Sections from Markdown: `#` headings start sections (anchor from the words), link
/// targets and punctuation are left in the text (the tokenizer drops punctuation).
fn crude_sections(md: &str) -> Vec<SearchSection> {
    let mut out = vec![SearchSection {
        anchor: String::new(),
        heading: String::new(),
        text: String::new(),
    }];
    for line in md.lines() {
        let t = line.trim_start();
        if t.starts_with('#') {
            let heading = t.trim_start_matches('#').trim().to_owned();
            let anchor = heading
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            out.push(SearchSection {
                anchor,
                heading,
                text: String::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.text.push_str(t);
            last.text.push('\n');
        }
    }
    out
}
