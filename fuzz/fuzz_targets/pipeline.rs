//! The whole pipeline on one generated issue: the site build with search (render, pages,
//! feeds, index), `check`, `fmt` and the email edition. The issue is built from the fuzz input
//! as a plausible TWiR issue (header, sections, link lists, events, code, HTML, quotes) made
//! of words that are known trouble: multi-byte and combining characters, emoji, entities and
//! half-entities, stray `<`, backticks, brackets, CRLF, tabs, NBSP, BOM. Nothing may panic.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Words that have broken text handling somewhere before, or could.
const WORDS: &[&str] = &[
    "Rust", "crate", " ", "  ", "\t", "\n", "\r\n", "\u{a0}", "\u{feff}", "\u{200b}", "…", "é",
    "e\u{301}", "\u{301}", "🦀", "👩‍👩‍👧", "🇫🇷", "中文", "ǅ", "ß", "İ", "&amp;", "&amp", "&", "&#",
    "&#x1F980;", "&#128;", "&nbsp;", "&lt;", "<", ">", "</", "<div>", "</div>", "<span>", "<br>",
    "<!--", "-->", "<![CDATA[", "<?", "<a href=\"x\">", "</a>", "`", "``", "```", "~~~", "[", "]",
    "(", ")", "![", "](", "*", "**", "_", "__", "\\", "|", "#", "##", "###", ">", "-", "+", "1.",
    "    ", ":", "https://", "http://example.org/a?b=c&d=e#f", "mailto:x@y", "<https://a.b>",
    "REDDIT_LINK_HERE", "INSERT_LINK_HERE", "<!-- QOTW goes here -->", "Title:", "Date:",
    "\u{2028}", "\u{0}", "\u{7f}", "\u{fffd}", "'", "\"", "=", "{{", "}}", "{%", "%}", "$twir_issue_number",
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Word(u8),
    Text(String),
}

#[derive(Arbitrary, Debug)]
enum Inline {
    Words(Vec<Piece>),
    Link(Vec<Piece>, Vec<Piece>),
    Code(Vec<Piece>),
    Strong(Vec<Piece>),
    Image(Vec<Piece>),
}

#[derive(Arbitrary, Debug)]
enum Block {
    Para(Vec<Inline>),
    List(Vec<(u8, Vec<Inline>)>),
    Event(u8, u8, Vec<Piece>, Vec<Piece>),
    Code(Vec<Piece>),
    Html(Vec<Piece>),
    Quote(Vec<Inline>),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
struct Issue {
    number: u32,
    date: (u16, u8, u8),
    title: Vec<Piece>,
    intro: Vec<Block>,
    sections: Vec<(u8, Vec<Piece>, Vec<Block>)>,
    crlf: bool,
    bom: bool,
    cut: Option<u16>,
}

fn pieces(out: &mut String, ps: &[Piece]) {
    for p in ps {
        match p {
            Piece::Word(i) => out.push_str(WORDS[usize::from(*i) % WORDS.len()]),
            Piece::Text(t) => out.push_str(t),
        }
    }
}

fn inline(out: &mut String, xs: &[Inline]) {
    for x in xs {
        match x {
            Inline::Words(p) => pieces(out, p),
            Inline::Link(t, u) => {
                out.push('[');
                pieces(out, t);
                out.push_str("](https://");
                pieces(out, u);
                out.push(')');
            }
            Inline::Code(p) => {
                out.push('`');
                pieces(out, p);
                out.push('`');
            }
            Inline::Strong(p) => {
                out.push_str("**");
                pieces(out, p);
                out.push_str("**");
            }
            Inline::Image(p) => {
                out.push_str("![");
                pieces(out, p);
                out.push_str("](/images/x.png)");
            }
        }
        out.push(' ');
    }
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Para(xs) => inline(out, xs),
        Block::List(items) => {
            for (depth, xs) in items {
                for _ in 0..(depth % 4) {
                    out.push_str("    ");
                }
                out.push_str("* ");
                inline(out, xs);
                out.push('\n');
            }
        }
        Block::Event(m, d, place, title) => {
            let _ = write!(out, "* 2026-{:02}-{:02} | ", m % 13, d % 32);
            pieces(out, place);
            out.push_str(" | [Group](https://www.meetup.com/g/)\n    * [**");
            pieces(out, title);
            out.push_str("**](https://www.meetup.com/g/events/1/)");
        }
        Block::Code(p) => {
            out.push_str("```rust\n");
            pieces(out, p);
            out.push_str("\n```");
        }
        Block::Html(p) => {
            out.push_str("<div>");
            pieces(out, p);
        }
        Block::Quote(xs) => {
            out.push_str("> ");
            inline(out, xs);
        }
        Block::Raw(s) => out.push_str(s),
    }
    out.push_str("\n\n");
}

fn text_of(issue: &Issue) -> String {
    let mut out = String::new();
    if issue.bom {
        out.push('\u{feff}');
    }
    out.push_str("Title: This Week in Rust ");
    pieces(&mut out, &issue.title);
    let (y, m, d) = issue.date;
    let _ = write!(
        out,
        "\nNumber: {}\nDate: {:04}-{:02}-{:02}\nCategory: This Week in Rust\n\n",
        issue.number,
        y % 10000,
        m % 13,
        d % 32
    );
    for b in &issue.intro {
        block(&mut out, b);
    }
    for (level, title, blocks) in &issue.sections {
        for _ in 0..(1 + level % 4) {
            out.push('#');
        }
        out.push(' ');
        pieces(&mut out, title);
        out.push_str("\n\n");
        for b in blocks {
            block(&mut out, b);
        }
    }
    if issue.crlf {
        out = out.replace('\n', "\r\n");
    }
    if let Some(cut) = issue.cut {
        let mut at = usize::from(cut).min(out.len());
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        out.truncate(at);
    }
    out
}

/// A scratch newsletter repository (in /dev/shm when there is one) reused by every run.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("twir-fuzz-pipeline-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("content")).unwrap();
        dir
    })
}

fuzz_target!(|issue: Issue| {
    let text = text_of(&issue);
    let root = scratch();
    let file = root.join("content/2026-01-07-this-week-in-rust.md");
    std::fs::write(&file, &text).unwrap();

    // The site, with its search index.
    let site = twir_content::Site::open(root).unwrap();
    let options = twir_site::Options {
        theme_dir: None,
        drafts: false,
        search: true,
        keep_going: false,
        livereload: false,
        base_override: None,
    };
    let _ = twir_site::build(site, &root.join("output"), options);

    // check and fmt.
    let doc = twir_content::Document::parse(text.as_str());
    let _ = twir_check::check_document(&doc, &Default::default(), &Default::default());
    let formatted = twir_check::fmt::format(&text);
    assert_eq!(twir_check::fmt::format(&formatted), formatted, "fmt not idempotent");

    // The email edition.
    let site = twir_content::Site::open(root).unwrap();
    let mut doc = doc;
    doc.path = Some(file);
    let options = twir_email::Options {
        theme: None,
        to: None,
        now: jiff::Timestamp::UNIX_EPOCH,
    };
    let _ = twir_email::build(&site, &doc, &options);
});
