//! The link scanner against pulldown-cmark, a full CommonMark parser, on fixtures and on every
//! file of the TWiR archive (when `../shared/corpus` exists): same links, same spans, same
//! destinations, same kinds, and the same text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::path::PathBuf;
use twir_content::links::extract_links;
use twir_content::{Document, LinkKind, Site};

/// What pulldown-cmark sees: (start, end, kind, url, text).
fn oracle(body: &str) -> Vec<(usize, usize, LinkKind, String, String)> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut out: Vec<(usize, usize, LinkKind, String, String)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                let kind = match link_type {
                    _ if body[range.clone()].starts_with('!') => LinkKind::Image,
                    LinkType::Inline => LinkKind::Inline,
                    LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
                    _ => LinkKind::Reference,
                };
                // pulldown-cmark ends a collapsed reference `[text][]` before its `[]`.
                let end = if kind == LinkKind::Reference && body[range.end..].starts_with("[]") {
                    range.end + 2
                } else {
                    range.end
                };
                out.push((range.start, end, kind, dest_url.to_string(), String::new()));
                open.push(out.len() - 1);
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                open.pop();
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(&i) = open.last() {
                    out[i].4.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

fn ours(body: &str) -> Vec<(usize, usize, LinkKind, String, String)> {
    extract_links(body, 0)
        .into_iter()
        .map(|l| {
            let (url, text) = (l.url(body).to_string(), l.text(body).to_string());
            (l.span.start, l.span.end, l.kind, url, text)
        })
        .collect()
}

/// Differences in (span, kind, url) and in text, with a description of the first few.
fn compare(name: &str, body: &str, report: &mut Vec<String>) -> (usize, usize, usize) {
    let (a, b) = (oracle(body), ours(body));
    let key = |x: &(usize, usize, LinkKind, String, String)| (x.0, x.1, x.2, x.3.clone());
    let ka: Vec<_> = a.iter().map(key).collect();
    let kb: Vec<_> = b.iter().map(key).collect();
    let mut link_diffs = 0;
    for x in ka.iter().filter(|x| !kb.contains(x)) {
        link_diffs += 1;
        report.push(format!("{name}: missed {:?} {:?}", x, &body[x.0..x.1]));
    }
    for x in kb.iter().filter(|x| !ka.contains(x)) {
        link_diffs += 1;
        report.push(format!("{name}: extra {:?} {:?}", x, &body[x.0..x.1]));
    }
    let mut text_diffs = 0;
    for x in &a {
        if let Some(y) = b.iter().find(|y| key(y) == key(x))
            && y.4 != x.4
        {
            text_diffs += 1;
            report.push(format!("{name}: text {:?} vs ours {:?}", x.4, y.4));
        }
    }
    (a.len(), link_diffs, text_diffs)
}

#[test]
fn fixtures_agree_with_commonmark() {
    let cases = [
        "* [A](https://a.org/x) and [B][b] and <https://c.org> <me@x.org>\n\n[b]: https://b.org\n",
        "[**Bold** `code` _em_](https://x)\n",
        "[outer ![img](i.png) text](https://o) [a [b](c) d](e)\n",
        "`[no](link)` [yes](https://y) <span title=\"[no](x)\">[in](https://in)</span>\n",
        "```\n[no](x)\n```\n\n    [no](y)\n\n<div>\n[no](z)\n</div>\n\n<!--\n[no](w)\n-->\n",
        "* item `one\n* two` [t](https://t)\n    * [**Nested**](https://n)\n",
        "[a](<b c>) [d](e \"title\") [f](g\n'multi') [h](i j) [k]()\n",
        "[x\\_y](https://x/a\\_b) [&amp;](https://q?a=1&amp;b=2)\n",
        "Heading\n---\n## [In heading](https://h) ##\n> [quoted](https://q)\n",
        "[^1] and [ref] [Ref][] [nope][missing]\n\n[ref]: https://r\n[^1]: note\n",
        "a*b* [x*](y) **[z](w)** ~~[s](t)~~\n",
        // Only spaces and tabs indent a fence or a rule; other whitespace makes a paragraph.
        "\u{b}```\n[a](b)\n```\n\u{c}```\n[c](d)\n```\n\u{a0}~~~\n[e](f)\n~~~\n",
        "\u{b}***\n[a](b)\n\u{c}***\n[c](d)\n\u{a0}---\n[e](f)\n",
        "```\n[no](x)\n\u{a0}```\n[no](y)\n```  \n[yes](z)\n```\n[no](x)\n``` \t\n[no](y)\n",
    ];
    let mut report = Vec::new();
    for (k, body) in cases.iter().enumerate() {
        compare(&format!("case {k}"), body, &mut report);
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn corpus_agrees_with_commonmark() {
    let root = twir_testkit::corpus();
    let site = Site::open(&root).expect("open corpus");
    let mut files: Vec<PathBuf> = site.issues().unwrap().into_iter().map(|f| f.path).collect();
    files.extend(site.drafts().unwrap().into_iter().map(|f| f.path));
    let (mut total, mut links, mut texts) = (0, 0, 0);
    let mut report = Vec::new();
    for path in &files {
        let doc = Document::load(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (n, l, t) = compare(&name, doc.body(), &mut report);
        total += n;
        links += l;
        texts += t;
    }
    eprintln!(
        "{total} links in {} files: {links} link differences, {texts} text differences",
        files.len()
    );
    for r in report.iter().take(60) {
        eprintln!("{r}");
    }
    assert!(
        total > 50_000,
        "expected the whole archive, saw {total} links"
    );
    assert_eq!(links, 0, "links differ from CommonMark's");
    assert_eq!(texts, 0, "link texts differ from CommonMark's");
}
