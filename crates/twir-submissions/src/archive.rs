//! Where editors file links, learnt from the archive at run time: which community subsection
//! links with similar titles, from the same site or repository, went to in recent issues.
//!
//! A multinomial naive Bayes over a handful of features per link (the host, the GitHub/GitLab
//! repository, words of the URL path and of the title, `[video]`-style tags, a version number
//! in the title). It is rebuilt from `content/` on every run: reading and parsing the
//! [`LEARN_ISSUES`] newest issues takes milliseconds, so there is no cache to go stale.

use std::collections::HashMap;
use twir_content::{Document, Site};

/// How many of the newest published issues the model learns from (about three years: section
/// names drift, and older habits matter less).
pub const LEARN_ISSUES: usize = 150;

/// The model's suggestion fires only when the suggested section is at least this many times
/// likelier than the chosen one (natural log of the odds), and ...
///
/// Calibrated on the real history 2024-2026 (`examples/replay.rs real`, 1,406 submitted links
/// of which editors moved 42): submitters choose the section editors keep 95% of the time, the
/// model 65%, and naive Bayes is overconfident, so the hint must be very sure. At 8 and 0.8 it
/// names 7 of the 42 moves and fires on 5% of the links editors kept (at 2.5 and 0.6: 9 of 42,
/// and 14%).
pub const HINT_LOG_ODDS: f64 = 8.0;
/// ... has at least this posterior probability among the draft's subsections.
pub const HINT_MIN_PROBABILITY: f64 = 0.8;

/// Below this many issues learnt the model says nothing (a fresh newsletter).
pub const MIN_ISSUES: usize = 4;

/// Smoothing of feature counts.
const ALPHA: f64 = 0.1;

/// A link as the model sees it.
#[derive(Debug, Clone, Copy)]
pub struct LinkInfo<'a> {
    /// The link text.
    pub title: &'a str,
    /// The destination.
    pub url: &'a str,
    /// Tags written before the link (`[video]`, `[ZH]`), lowercase, without brackets.
    pub tags: &'a [String],
}

/// Counts per community subsection, learnt from published issues.
#[derive(Debug, Clone, Default)]
pub struct SectionModel {
    classes: Vec<String>,
    links: Vec<f64>,
    totals: Vec<f64>,
    features: HashMap<String, Vec<f64>>,
    learnt_from: usize,
}

/// The tags before a link on its line: `* [video] [ZH] [Title](url)` gives `video`, `zh`.
pub fn tags_before(line: &str, link_text: &str) -> Vec<String> {
    let body = line
        .trim_start()
        .trim_start_matches(['*', '-', '+'])
        .trim_start();
    let end = body.find(&format!("[{link_text}]")).unwrap_or(0);
    let mut out = Vec::new();
    let mut rest = &body[..end];
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let tag = rest[open + 1..open + close].trim();
        if !tag.is_empty() && tag.len() <= 20 {
            out.push(tag.to_lowercase());
        }
        rest = &rest[open + close + 1..];
    }
    out
}

fn weight(feature: &str) -> f64 {
    if feature.starts_with("host:") || feature.starts_with("repo:") {
        3.0
    } else {
        1.0
    }
}

const STOP_WORDS: [&str; 30] = [
    "a", "an", "the", "of", "in", "to", "for", "and", "with", "on", "is", "your", "my", "how",
    "we", "i", "you", "from", "by", "at", "as", "it", "this", "that", "be", "are", "using", "or",
    "its", "our",
];

/// The features of a link.
pub fn features(link: &LinkInfo) -> Vec<String> {
    let mut out = Vec::new();
    let lower = link.url.to_lowercase();
    let no_scheme = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let mut parts = no_scheme.split(['/', '?', '#']);
    let host = parts.next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    if !host.is_empty() {
        out.push(format!("host:{host}"));
        let labels: Vec<&str> = host.split('.').collect();
        if labels.len() > 2 {
            out.push(format!("domain:{}", labels[labels.len() - 2..].join(".")));
        }
    }
    let path: Vec<&str> = parts.filter(|p| !p.is_empty()).take(4).collect();
    if matches!(host, "github.com" | "gitlab.com" | "codeberg.org") && path.len() >= 2 {
        out.push(format!("repo:{}/{}", path[0], path[1]));
        if path.get(2) == Some(&"releases") {
            out.push("releases".to_string());
        }
    }
    for seg in path.iter().take(3) {
        for w in seg.split(|c: char| !c.is_ascii_alphabetic()) {
            if w.len() > 3 {
                out.push(format!("path:{w}"));
            }
        }
    }
    for t in link.tags {
        out.push(format!("tag:{t}"));
    }
    let title = link.title.to_lowercase();
    for w in title.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        let w = w.trim_matches('\'');
        if !w.is_empty() && !STOP_WORDS.contains(&w) {
            out.push(format!("word:{w}"));
        }
    }
    let has_version = title.split_whitespace().any(|w| {
        let w = w.trim_start_matches('v');
        let mut it = w.split('.');
        it.next()
            .is_some_and(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit()))
            && it
                .next()
                .is_some_and(|b| b.bytes().next().is_some_and(|c| c.is_ascii_digit()))
    });
    if has_version {
        out.push("version".to_string());
    }
    out
}

impl SectionModel {
    /// Learns from the community section of the [`LEARN_ISSUES`] newest issues of `site`.
    /// Unreadable issues are skipped: the model is a hint, never a reason to fail.
    pub fn learn(site: &Site, community: &str) -> SectionModel {
        let Ok(issues) = site.issues() else {
            return SectionModel::default();
        };
        let start = issues.len().saturating_sub(LEARN_ISSUES);
        let mut m = SectionModel::default();
        for f in &issues[start..] {
            if let Ok(text) = std::fs::read_to_string(&f.path) {
                m.learn_issue(&Document::parse(text), community);
            }
        }
        m
    }

    /// Adds the links of one issue's community subsections.
    pub fn learn_issue(&mut self, doc: &Document, community: &str) {
        let Some(top) = doc.section(community) else {
            return;
        };
        let mut learnt = false;
        for sub in &top.children {
            let name = twir_content::section::plain_title(&sub.title).to_string();
            for link in doc
                .links
                .iter()
                .filter(|l| sub.span.start <= l.span.start && l.span.start < sub.span.end)
            {
                let line = doc.line_text(doc.line_of(link.span.start));
                if !line.trim_start().starts_with(['*', '-', '+', '[']) {
                    continue;
                }
                let title = link.text(&doc.source);
                let tags = tags_before(line, title);
                let info = LinkInfo {
                    title,
                    url: link.url(&doc.source),
                    tags: &tags,
                };
                self.add(&info, &name);
                learnt = true;
            }
        }
        self.learnt_from += usize::from(learnt);
    }

    fn class(&mut self, name: &str) -> usize {
        if let Some(i) = self.classes.iter().position(|c| c == name) {
            return i;
        }
        self.classes.push(name.to_string());
        self.links.push(0.0);
        self.totals.push(0.0);
        for v in self.features.values_mut() {
            v.push(0.0);
        }
        self.classes.len() - 1
    }

    fn add(&mut self, link: &LinkInfo, section: &str) {
        let c = self.class(section);
        let n = self.classes.len();
        self.links[c] += 1.0;
        for f in features(link) {
            let w = weight(&f);
            self.totals[c] += w;
            self.features.entry(f).or_insert_with(|| vec![0.0; n])[c] += w;
        }
    }

    /// How many issues it learnt from.
    pub fn issues_learnt(&self) -> usize {
        self.learnt_from
    }

    /// Links learnt for `section` (case-insensitive).
    pub fn links_in(&self, section: &str) -> usize {
        self.classes
            .iter()
            .position(|c| c.eq_ignore_ascii_case(section))
            .map(|i| self.links[i] as usize)
            .unwrap_or(0)
    }

    /// The probability of each of `candidates` (sections the model never saw get a small
    /// prior), highest first.
    pub fn probabilities(&self, link: &LinkInfo, candidates: &[String]) -> Vec<(String, f64)> {
        if candidates.is_empty() {
            return Vec::new();
        }
        // Features never seen say nothing about any section; counted, they would favour the
        // sections with the fewest features.
        let feats: Vec<String> = features(link)
            .into_iter()
            .filter(|f| self.features.contains_key(f))
            .collect();
        let vocab = self.features.len() as f64 + 1.0;
        let total_links: f64 = self.links.iter().sum::<f64>() + candidates.len() as f64;
        let mut scores: Vec<(String, f64)> = candidates
            .iter()
            .map(|cand| {
                let idx = self
                    .classes
                    .iter()
                    .position(|c| c.eq_ignore_ascii_case(cand));
                let links = idx.map(|i| self.links[i]).unwrap_or(0.0);
                let total = idx.map(|i| self.totals[i]).unwrap_or(0.0);
                let mut lp = ((links + 1.0) / total_links).ln();
                for f in &feats {
                    let count = idx
                        .and_then(|i| self.features.get(f).map(|v| v[i]))
                        .unwrap_or(0.0);
                    lp += weight(f) * ((count + ALPHA) / (total + ALPHA * vocab)).ln();
                }
                (cand.clone(), lp)
            })
            .collect();
        let max = scores
            .iter()
            .map(|(_, s)| *s)
            .fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = scores.iter().map(|(_, s)| (s - max).exp()).sum();
        for (_, s) in scores.iter_mut() {
            *s = (*s - max).exp() / sum;
        }
        scores.sort_by(|a, b| b.1.total_cmp(&a.1));
        scores
    }

    /// The section editors would likely move `link` to from `chosen`, among `candidates`,
    /// when the archive says so clearly enough; `None` when `chosen` looks right or the
    /// archive has too little to go on.
    pub fn hint(&self, link: &LinkInfo, chosen: &str, candidates: &[String]) -> Option<String> {
        if self.learnt_from < MIN_ISSUES
            || !candidates.iter().any(|c| c.eq_ignore_ascii_case(chosen))
        {
            return None;
        }
        let probs = self.probabilities(link, candidates);
        let (top, p_top) = probs.first()?;
        if top.eq_ignore_ascii_case(chosen) || *p_top < HINT_MIN_PROBABILITY {
            return None;
        }
        let p_chosen = probs
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(chosen))
            .map(|(_, p)| *p)
            .unwrap_or(0.0);
        ((p_top / p_chosen.max(1e-12)).ln() >= HINT_LOG_ODDS).then(|| top.clone())
    }

    /// The most likely section among `candidates`, if the model learnt anything.
    pub fn best(&self, link: &LinkInfo, candidates: &[String]) -> Option<String> {
        if self.learnt_from < MIN_ISSUES {
            return None;
        }
        self.probabilities(link, candidates)
            .into_iter()
            .next()
            .map(|(c, _)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(links: &[(&str, &str, &str)]) -> Document {
        let mut s = String::from("Title: T\n\n## Updates from Rust Community\n\n");
        let mut sections: Vec<&str> = links.iter().map(|l| l.0).collect();
        sections.dedup();
        for sec in sections {
            s.push_str(&format!("### {sec}\n"));
            for (_, title, url) in links.iter().filter(|l| l.0 == sec) {
                s.push_str(&format!("* {title}({url})\n"));
            }
            s.push('\n');
        }
        Document::parse(s)
    }

    #[test]
    fn learns_sites_and_words() {
        let mut m = SectionModel::default();
        for i in 0..6 {
            m.learn_issue(
                &issue(&[
                    (
                        "Research",
                        "[Verified parsers]",
                        &format!("https://arxiv.org/abs/{i}"),
                    ),
                    (
                        "Rust Walkthroughs",
                        "[Building a lexer, part 1]",
                        &format!("https://tutorials.example.org/lexer-{i}"),
                    ),
                    (
                        "Observations/Thoughts",
                        "[Why I like traits]",
                        &format!("https://opinions.example.net/{i}"),
                    ),
                    (
                        "Project/Tooling Updates",
                        "[foo 1.2 released]",
                        &format!("https://github.com/foo/foo/releases/tag/v1.{i}"),
                    ),
                ]),
                "Updates from Rust Community",
            );
        }
        assert_eq!(m.issues_learnt(), 6);
        let avail: Vec<String> = [
            "Project/Tooling Updates",
            "Observations/Thoughts",
            "Rust Walkthroughs",
            "Research",
        ]
        .map(String::from)
        .to_vec();
        let tags = Vec::new();
        let paper = LinkInfo {
            title: "Fast type inference",
            url: "https://arxiv.org/abs/99",
            tags: &tags,
        };
        assert_eq!(
            m.hint(&paper, "Observations/Thoughts", &avail).as_deref(),
            Some("Research")
        );
        assert_eq!(m.hint(&paper, "Research", &avail), None);
        let release = LinkInfo {
            title: "foo 2.0 released",
            url: "https://github.com/foo/foo/releases/tag/v2.0",
            tags: &tags,
        };
        assert_eq!(
            m.best(&release, &avail).as_deref(),
            Some("Project/Tooling Updates")
        );
        // Not enough evidence either way: no hint.
        let vague = LinkInfo {
            title: "Something",
            url: "https://new.example.com/x",
            tags: &tags,
        };
        assert_eq!(m.hint(&vague, "Rust Walkthroughs", &avail), None);
    }

    #[test]
    fn tags_are_read_before_the_link() {
        assert_eq!(
            tags_before("* [video] [ZH] [Talk](https://y)", "Talk"),
            ["video", "zh"]
        );
        assert!(tags_before("* [Talk](https://y)", "Talk").is_empty());
        assert!(tags_before("* [unclosed [Talk](https://y)", "Talk").is_empty());
    }

    #[test]
    fn features_of_a_release() {
        let tags = vec!["video".to_string()];
        let f = features(&LinkInfo {
            title: "Foo v1.2: faster",
            url: "https://www.github.com/o/foo/releases/tag/v1.2",
            tags: &tags,
        });
        for want in [
            "host:github.com",
            "repo:o/foo",
            "releases",
            "tag:video",
            "word:foo",
            "word:faster",
            "version",
        ] {
            assert!(f.iter().any(|x| x == want), "{want} in {f:?}");
        }
    }
}
