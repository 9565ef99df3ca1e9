//! The index of links already published: normalised URL -> the issues that carry it. Built once
//! for a run and queried with a window of issues (the N before the one being checked).

use rustc_hash::FxHashMap;
use std::ops::Range;
use twir_content::{Document, url_norm};

use crate::sections::community_links;

/// An issue the index knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRef {
    /// Its `Number`, when it has one.
    pub number: Option<u32>,
    /// Its file name (without folders).
    pub name: String,
}

impl IssueRef {
    /// `issue 665 (2026-08-19-this-week-in-rust.md)` or just the file name.
    pub fn describe(&self) -> String {
        match self.number {
            Some(n) => format!("issue {n} ({})", self.name),
            None => self.name.clone(),
        }
    }
}

/// Normalised community-section URLs of a sequence of issues, oldest first.
#[derive(Debug, Default, Clone)]
pub struct LinkIndex {
    issues: Vec<IssueRef>,
    /// Keyed with FxHash: the keys are URLs from the archive, not input chosen to collide,
    /// and hashing them was 4% of a whole-archive check with SipHash.
    urls: FxHashMap<String, Vec<u32>>,
}

impl LinkIndex {
    /// An empty index.
    pub fn new() -> LinkIndex {
        LinkIndex::default()
    }

    /// Adds the community links of `doc` as the next (newer) issue; returns its position.
    pub fn push(&mut self, issue: IssueRef, doc: &Document, section: &str) -> usize {
        self.push_keys(issue, community_keys(doc, section))
    }

    /// Adds the community links of an issue from its text without parsing all of it: only the
    /// community section goes through the Markdown parser. For the recent issues of a run,
    /// which are not checked themselves.
    pub fn push_source(&mut self, issue: IssueRef, source: &str, section: &str) -> usize {
        self.push_keys(issue, source_keys(source, section))
    }

    /// Adds an issue whose normalised community URLs were computed beforehand (in parallel, by
    /// [`community_keys`] or [`source_keys`]); returns its position.
    pub fn push_keys(&mut self, issue: IssueRef, keys: impl IntoIterator<Item = String>) -> usize {
        let pos = self.issues.len();
        self.issues.push(issue);
        self.add_keys(pos, keys);
        pos
    }

    /// Adds normalised community URLs to the issue at `pos`, already pushed (a run indexes the
    /// issues it checks once they are parsed, after the others). All the keys of a position
    /// come in one call.
    pub fn add_keys(&mut self, pos: usize, keys: impl IntoIterator<Item = String>) {
        let Ok(at) = u32::try_from(pos) else {
            return;
        };
        for key in keys {
            let list = self.urls.entry(key).or_default();
            if list.last() != Some(&at) {
                list.push(at);
            }
        }
    }

    /// Number of issues indexed.
    pub fn len(&self) -> usize {
        self.issues.len()
    }

    /// True when no issue is indexed.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    /// The issue at a position.
    pub fn issue(&self, pos: usize) -> Option<&IssueRef> {
        self.issues.get(pos)
    }

    /// The newest issue within `window` (positions) that carries `normalized`.
    pub fn lookup(&self, normalized: &str, window: Range<usize>) -> Option<&IssueRef> {
        let list = self.urls.get(normalized)?;
        // Positions may come out of order ([`LinkIndex::add_keys`]); lists are short.
        list.iter()
            .map(|&p| p as usize)
            .filter(|p| window.contains(p))
            .max()
            .and_then(|p| self.issues.get(p))
    }
}

/// The normalised URLs of the community links of a parsed issue, in order.
pub fn community_keys(doc: &Document, section: &str) -> Vec<String> {
    community_links(doc, section)
        .map(|l| url_norm::normalize(l.url(&doc.source)))
        .collect()
}

/// The normalised URLs of the community links of an issue's text; only the community section
/// is parsed.
pub fn source_keys(source: &str, section: &str) -> Vec<String> {
    match section_bounds(source, section) {
        Some((start, end)) => twir_content::links::extract_link_urls(&source[start..end])
            .iter()
            .map(|url| url_norm::normalize(url))
            .collect(),
        None => Vec::new(),
    }
}

/// Byte bounds of the section titled `title` (its heading to the next heading of the same or a
/// higher level), found with a line scan that skips fenced code.
fn section_bounds(source: &str, title: &str) -> Option<(usize, usize)> {
    let body = twir_content::Metadata::parse(source).span.end;
    let mut fence: Option<&str> = None;
    let mut open: Option<(usize, usize)> = None;
    let mut pos = body;
    for line in twir_content::text::split_lines_inclusive(&source[body..]) {
        let start = pos;
        pos += line.len();
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        let level = t.bytes().take_while(|&b| b == b'#').count();
        if level == 0 || level > 6 || !t[level..].starts_with([' ', '\t']) {
            continue;
        }
        match open {
            Some((lvl, s)) if level <= lvl => return Some((s, start)),
            Some(_) => {}
            None => {
                let text = t[level..].trim().trim_end_matches('#').trim();
                if twir_content::section::plain_title(text).eq_ignore_ascii_case(title) {
                    open = Some((level, start));
                }
            }
        }
    }
    open.map(|(_, s)| (s, source.len()))
}

/// The part of an index one check may look at.
#[derive(Debug, Clone, Copy)]
pub struct RecentLinks<'a> {
    /// The index.
    pub index: &'a LinkIndex,
    /// Positions of the issues to compare with.
    pub window: (usize, usize),
}

impl<'a> RecentLinks<'a> {
    /// The whole index.
    pub fn all(index: &'a LinkIndex) -> RecentLinks<'a> {
        RecentLinks {
            index,
            window: (0, index.len()),
        }
    }

    /// The newest issue in the window that has `normalized`.
    pub fn lookup(&self, normalized: &str) -> Option<&'a IssueRef> {
        self.index.lookup(normalized, self.window.0..self.window.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(urls: &[&str]) -> Document {
        let mut s = String::from("Title: T\n\n## Updates from Rust Community\n### Official\n");
        for u in urls {
            s.push_str(&format!("* [x]({u})\n"));
        }
        s.push_str("\n## Jobs\n* [not community](https://jobs.example/)\n");
        Document::parse(s)
    }

    #[test]
    fn finds_newest_issue_in_window() {
        let mut idx = LinkIndex::new();
        let r = |n| IssueRef {
            number: Some(n),
            name: format!("{n}.md"),
        };
        let sec = "Updates from Rust Community";
        idx.push(r(1), &doc(&["https://a.org/x"]), sec);
        idx.push(r(2), &doc(&["http://www.a.org/x/?utm_source=y"]), sec);
        idx.push(r(3), &doc(&["https://b.org"]), sec);
        let key = url_norm::normalize("https://a.org/x");
        assert_eq!(idx.lookup(&key, 0..3).unwrap().number, Some(2));
        assert_eq!(idx.lookup(&key, 0..1).unwrap().number, Some(1));
        assert!(idx.lookup(&key, 2..3).is_none());
        let jobs = url_norm::normalize("https://jobs.example/");
        assert!(idx.lookup(&jobs, 0..3).is_none());
        assert_eq!(RecentLinks::all(&idx).lookup(&key).unwrap().number, Some(2));
    }

    #[test]
    fn text_index_matches_parsed_index() {
        let d = doc(&["https://a.org/x", "https://b.org/y"]);
        let mut fast = LinkIndex::new();
        let r = IssueRef {
            number: None,
            name: "x.md".into(),
        };
        fast.push_source(r, &d.source, "Updates from Rust Community");
        for u in ["https://a.org/x", "https://b.org/y"] {
            assert!(fast.lookup(&url_norm::normalize(u), 0..1).is_some(), "{u}");
        }
        assert!(
            fast.lookup(&url_norm::normalize("https://jobs.example/"), 0..1)
                .is_none()
        );
        assert_eq!(section_bounds("T: x\n\n```\n## Jobs\n```\n", "Jobs"), None);
    }
}
