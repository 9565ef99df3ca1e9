//! Placeholders: what a draft carries until someone fills it in. This is the one list that
//! `twir check` (which reports them, as pending in a draft and as errors in an issue as it
//! ships) and `twir publish` (which fills its own and refuses while any other remains) share.
//!
//! | placeholder | where | filled by |
//! |---|---|---|
//! | `REDDIT_LINK_HERE` | anywhere | `twir publish --reddit URL` |
//! | `INSERT_LINK_HERE` | the Jobs section | `twir publish --jobs URL` |
//! | `INSERT_LINK_HERE` | elsewhere | an editor |
//! | `$twir_...` template variables | anywhere | `twir new` (left over: an editor) |
//! | a link to nothing: `[x]()`, `[x](#)` | anywhere | an editor |
//! | a prompt comment `<!-- ... goes here -->` | a section with nothing else but template boilerplate | an editor |
//!
//! Code blocks and comments are not searched for the tokens: text there never shows.

use crate::text::QuickTrim;
use std::collections::HashSet;

use crate::block::BlockKind;
use crate::document::Document;
use crate::span::Span;

/// The r/rust discussion thread, filled by `twir publish --reddit`.
pub const REDDIT_LINK: &str = "REDDIT_LINK_HERE";
/// A link to fill; `twir publish --jobs` fills it in the Jobs section.
pub const INSERT_LINK: &str = "INSERT_LINK_HERE";
/// The prefix of the draft template's variables (`$twir_issue_number`...).
pub const TEMPLATE_VARIABLE: &str = "$twir_";
/// The section whose `INSERT_LINK_HERE` is the jobs thread.
pub const JOBS_SECTION: &str = "Jobs";

/// Who fills a placeholder in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Filler {
    /// `twir publish` fills it from its arguments.
    Publish,
    /// An editor must write it.
    Editor,
}

/// The kinds of placeholders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `REDDIT_LINK_HERE`.
    RedditLink,
    /// `INSERT_LINK_HERE` in the Jobs section.
    JobsLink,
    /// `INSERT_LINK_HERE` anywhere else.
    InsertLink,
    /// A `$twir_...` variable of the draft template.
    TemplateVariable,
    /// A link whose target is empty or `#`.
    EmptyTarget,
    /// A prompt comment (`<!-- QOTW goes here -->`) in a section nobody filled.
    Prompt,
}

impl Kind {
    /// Who fills this kind in.
    pub fn filler(self) -> Filler {
        match self {
            Kind::RedditLink | Kind::JobsLink => Filler::Publish,
            _ => Filler::Editor,
        }
    }
}

/// One placeholder found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// What it is.
    pub kind: Kind,
    /// Where (the token, the link, or the prompt comment without its line ending).
    pub span: Span,
    /// The title of the innermost section around it (empty before the first heading).
    pub section: String,
}

impl Placeholder {
    /// Who fills it in.
    pub fn filler(&self) -> Filler {
        self.kind.filler()
    }

    /// One sentence saying what is missing.
    pub fn message(&self, doc: &Document) -> String {
        let text = doc.text(self.span);
        match self.kind {
            Kind::RedditLink | Kind::JobsLink | Kind::InsertLink | Kind::TemplateVariable => {
                format!("placeholder `{text}` not filled in")
            }
            Kind::EmptyTarget => {
                if doc_link_target_is_hash(text) {
                    "link to `#`, a placeholder target".to_string()
                } else {
                    "link with an empty target".to_string()
                }
            }
            Kind::Prompt => format!("`{text}`: the section was never filled in"),
        }
    }

    /// What to do about it, in a line.
    pub fn help(&self) -> &'static str {
        match self.kind {
            Kind::RedditLink => {
                "`twir publish --reddit URL` fills it with the issue's r/rust thread"
            }
            Kind::JobsLink => "`twir publish --jobs URL` fills it with the jobs thread",
            Kind::InsertLink => "put the real URL in",
            Kind::TemplateVariable => "write the value `twir new` would have put there",
            Kind::EmptyTarget => "put the real URL in, or remove the link",
            Kind::Prompt => "write the section, or remove it with its heading",
        }
    }
}

fn doc_link_target_is_hash(link: &str) -> bool {
    link.trim_end().ends_with("(#)")
}

/// The boilerplate of the draft template: text an issue carries whether or not the editors
/// filled a section in. A section holding only boilerplate, blank lines and comments was
/// never filled in. A template block with placeholders in it (`[Discuss on r/rust](REDDIT_LINK_HERE)`)
/// stays boilerplate once they are filled: any text without spaces may stand in their place.
#[derive(Debug, Clone, Default)]
pub struct Boilerplate {
    blocks: HashSet<String>,
    /// Template blocks with placeholders, as the literal pieces between them.
    patterns: Vec<Vec<String>>,
}

impl Boilerplate {
    /// Collects the blocks of a draft template, headings and blank lines aside.
    pub fn from_template(doc: &Document) -> Boilerplate {
        let mut bp = Boilerplate::default();
        for b in &doc.blocks {
            if matches!(b.kind, BlockKind::Blank | BlockKind::Heading(_)) {
                continue;
            }
            let text = normalize_block(doc.text(b.span));
            let pieces = split_on_tokens(&text);
            if pieces.len() > 1 {
                bp.patterns.push(pieces);
            }
            bp.blocks.insert(text);
        }
        bp
    }

    /// True when a block with this text is in the template (whitespace-insensitive), its
    /// placeholders filled or not.
    pub fn contains(&self, text: &str) -> bool {
        let text = normalize_block(text);
        self.blocks.contains(&text) || self.patterns.iter().any(|p| matches_pattern(p, &text))
    }
}

/// `text` cut at each placeholder token (`REDDIT_LINK_HERE`, `$twir_issue_date`...).
fn split_on_tokens(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    loop {
        let next = [REDDIT_LINK, INSERT_LINK, TEMPLATE_VARIABLE]
            .iter()
            .filter_map(|t| rest.find(t).map(|at| (at, *t)))
            .min();
        let Some((at, token)) = next else {
            pieces.push(rest.to_string());
            return pieces;
        };
        pieces.push(rest[..at].to_string());
        let mut end = at + token.len();
        if token == TEMPLATE_VARIABLE {
            end += rest[end..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
        }
        rest = &rest[end..];
    }
}

/// True when `text` is the pieces in order with one space-free run of text between each.
fn matches_pattern(pieces: &[String], text: &str) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return false;
    };
    let Some(mut tail) = text.strip_prefix(first.as_str()) else {
        return false;
    };
    for (i, piece) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let found = if last {
            tail.strip_suffix(piece.as_str()).map(|filled| (filled, ""))
        } else if piece.is_empty() {
            None
        } else {
            tail.find(piece.as_str())
                .map(|at| (&tail[..at], &tail[at + piece.len()..]))
        };
        let Some((filled, after)) = found else {
            return false;
        };
        if filled.is_empty() || filled.contains(' ') {
            return false;
        }
        tail = after;
    }
    true
}

fn normalize_block(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for a prompt comment: an HTML comment on one line whose whole text is
/// `<what> goes here` / `<what> go here` (`<!-- COTW goes here -->`). Instruction comments
/// that go on (`<!-- CFPs go here, use this format: ... -->`) are not prompts.
pub fn is_prompt(comment: &str) -> bool {
    let t = comment.quick_trim();
    let Some(inner) = t.strip_prefix("<!--").and_then(|r| r.strip_suffix("-->")) else {
        return false;
    };
    let inner = inner.quick_trim().to_ascii_lowercase();
    !inner.contains('\n') && (inner.ends_with(" goes here") || inner.ends_with(" go here"))
}

/// True for a link target that is a placeholder rather than a URL.
pub fn is_placeholder_url(url: &str) -> bool {
    let u = url.quick_trim();
    u == "#" || u.ends_with("_LINK_HERE") || u.starts_with(TEMPLATE_VARIABLE)
}

/// True when the blocks `range` of `doc` hold nothing an editor wrote: blank lines, comments
/// and template boilerplate only.
pub fn unfilled(doc: &Document, range: std::ops::Range<usize>, bp: Option<&Boilerplate>) -> bool {
    doc.blocks[range].iter().all(|b| {
        matches!(b.kind, BlockKind::Blank | BlockKind::Comment)
            || bp.is_some_and(|t| t.contains(doc.text(b.span)))
    })
}

/// Every placeholder of `doc`, in source order. `bp` (the draft template's boilerplate) tells
/// an unfilled section from a filled one; without it, any text counts as filling.
pub fn find(doc: &Document, bp: Option<&Boilerplate>) -> Vec<Placeholder> {
    let mut out = Vec::new();
    tokens(doc, &mut out);
    empty_targets(doc, &mut out);
    prompts(doc, bp, &mut out);
    out.sort_by_key(|p| (p.span.start, p.span.end));
    out
}

fn section_title(doc: &Document, offset: usize) -> String {
    crate::section::plain_title(&doc.section_at(offset).title).to_string()
}

fn in_code_or_comment(doc: &Document, offset: usize) -> bool {
    let block = doc.blocks.partition_point(|b| b.span.end <= offset);
    doc.blocks
        .get(block)
        .is_some_and(|b| matches!(b.kind, BlockKind::Code | BlockKind::Comment))
}

/// Where each placeholder token starts, with the token, in no particular order. Two searches
/// of the whole text instead of one per token (callgrind: the three were 1.9% of a
/// whole-archive check): the two link tokens share their `_LINK_HERE` tail, and the template
/// variables their `$`. None of the tokens can overlap itself, so every occurrence is found.
fn token_starts(src: &str) -> Vec<(&'static str, usize)> {
    const TAIL: &str = "_LINK_HERE";
    let b = src.as_bytes();
    let mut found = Vec::new();
    for end in memchr::memmem::find_iter(b, TAIL.as_bytes()) {
        for token in [REDDIT_LINK, INSERT_LINK] {
            let head = token.len() - TAIL.len();
            if end >= head && b[end - head..end] == token.as_bytes()[..head] {
                found.push((token, end - head));
            }
        }
    }
    for at in memchr::memchr_iter(b'$', b) {
        if b[at..].starts_with(TEMPLATE_VARIABLE.as_bytes()) {
            found.push((TEMPLATE_VARIABLE, at));
        }
    }
    found
}

fn tokens(doc: &Document, out: &mut Vec<Placeholder>) {
    let src = doc.source.as_str();
    let jobs = doc.section(JOBS_SECTION).map(|s| s.span);
    for (token, at) in token_starts(src) {
        let from = at + token.len();
        let len = if token == TEMPLATE_VARIABLE {
            token.len()
                + src[from..]
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    .count()
        } else {
            token.len()
        };
        if in_code_or_comment(doc, at) {
            continue;
        }
        let kind = match token {
            REDDIT_LINK => Kind::RedditLink,
            INSERT_LINK if jobs.is_some_and(|j| j.start <= at && at < j.end) => Kind::JobsLink,
            INSERT_LINK => Kind::InsertLink,
            _ => Kind::TemplateVariable,
        };
        out.push(Placeholder {
            kind,
            span: Span::new(at, at + len),
            section: section_title(doc, at),
        });
    }
}

fn empty_targets(doc: &Document, out: &mut Vec<Placeholder>) {
    for link in &doc.links {
        let url = link.url(&doc.source).quick_trim();
        if url.is_empty() || url == "#" {
            out.push(Placeholder {
                kind: Kind::EmptyTarget,
                span: link.span,
                section: section_title(doc, link.span.start),
            });
        }
    }
}

/// True when block `b` is a visible block of the template's boilerplate.
fn is_boilerplate(doc: &Document, b: &crate::block::Block, bp: Option<&Boilerplate>) -> bool {
    !matches!(b.kind, BlockKind::Blank | BlockKind::Comment)
        && bp.is_some_and(|t| t.contains(doc.text(b.span)))
}

/// A prompt is filled when text an editor wrote stands next to it: in the run of blocks
/// around it that template boilerplate (or the section's edges) bounds. So the quote of the
/// week fills `<!-- QOTW goes here -->`, while the filled-in discussion link at the end of the
/// same section does not.
fn prompts(doc: &Document, bp: Option<&Boilerplate>, out: &mut Vec<Placeholder>) {
    for (i, block) in doc.blocks.iter().enumerate() {
        if block.kind != BlockKind::Comment || !is_prompt(doc.text(block.span)) {
            continue;
        }
        let section = doc.section_at(block.span.start);
        if section.heading.is_none() {
            continue;
        }
        let own = section.own_blocks();
        let mut lo = i;
        while lo > own.start && !is_boilerplate(doc, &doc.blocks[lo - 1], bp) {
            lo -= 1;
        }
        let mut hi = i + 1;
        while hi < own.end && !is_boilerplate(doc, &doc.blocks[hi], bp) {
            hi += 1;
        }
        if !unfilled(doc, lo..hi, None) {
            continue;
        }
        let text = doc.text(block.span).trim_end();
        out.push(Placeholder {
            kind: Kind::Prompt,
            span: Span::new(block.span.start, block.span.start + text.len()),
            section: crate::section::plain_title(&section.title).to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "Title: T\n\n## Crate of the Week\n\n<!-- COTW goes here -->\n\n[Please vote](https://u.org/cotw)\n\n## Updates from the Rust Project\n\n<!-- Rust updates go here -->\n\n### Performance\n\n<!-- Perf results go here -->\n\n## Jobs\n\nSee the [thread](INSERT_LINK_HERE)\n\n# Quote of the Week\n\n<!-- QOTW goes here -->\n\n[Submit quotes](https://u.org/qotw)\n\n<small>[Discuss on r/rust](REDDIT_LINK_HERE)</small>\n";

    fn kinds(src: &str) -> Vec<(Kind, String, String)> {
        let t = Document::parse(TEMPLATE);
        let bp = Boilerplate::from_template(&t);
        let doc = Document::parse(src);
        find(&doc, Some(&bp))
            .into_iter()
            .map(|p| (p.kind, doc.text(p.span).to_string(), p.section))
            .collect()
    }

    #[test]
    fn token_starts_are_the_searches_for_each_token() {
        for src in [
            "REDDIT_LINK_HERE INSERT_LINK_HERE $twir_x $ $twi _LINK_HERE",
            "x_LINK_HERE_LINK_HEREREDDIT_LINK_HEREINSERT_LINK_HERE$$twir_$twir_",
            "é$twir_é INSERT_LINK_HER REDDIT_LINK_HERE",
            "",
        ] {
            let mut got = token_starts(src);
            got.sort_by_key(|&(_, at)| at);
            let mut want: Vec<(&str, usize)> = [REDDIT_LINK, INSERT_LINK, TEMPLATE_VARIABLE]
                .into_iter()
                .flat_map(|t| src.match_indices(t).map(move |(at, _)| (t, at)))
                .collect();
            want.sort_by_key(|&(_, at)| at);
            assert_eq!(got, want, "{src:?}");
        }
    }

    #[test]
    fn the_template_is_all_placeholders() {
        let found = kinds(TEMPLATE);
        let got: Vec<(Kind, &str)> = found.iter().map(|(k, t, _)| (*k, t.as_str())).collect();
        assert_eq!(
            got,
            [
                (Kind::Prompt, "<!-- COTW goes here -->"),
                (Kind::Prompt, "<!-- Rust updates go here -->"),
                (Kind::Prompt, "<!-- Perf results go here -->"),
                (Kind::JobsLink, "INSERT_LINK_HERE"),
                (Kind::Prompt, "<!-- QOTW goes here -->"),
                (Kind::RedditLink, "REDDIT_LINK_HERE"),
            ]
        );
        assert_eq!(found[1].2, "Updates from the Rust Project");
        assert_eq!(Kind::JobsLink.filler(), Filler::Publish);
        assert_eq!(Kind::Prompt.filler(), Filler::Editor);
    }

    #[test]
    fn filled_sections_keep_their_prompt_quietly() {
        let src = TEMPLATE
            .replace(
                "<!-- COTW goes here -->\n",
                "<!-- COTW goes here -->\n\nThis week's crate is [x](https://x.rs).\n",
            )
            .replace(
                "<!-- Rust updates go here -->\n",
                "<!-- Rust updates go here -->\n\n400 pull requests were merged\n",
            );
        let found = kinds(&src);
        assert!(
            !found.iter().any(|(_, t, _)| t.contains("COTW")),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, t, _)| t.contains("Rust updates")));
        assert!(found.iter().any(|(_, t, _)| t.contains("Perf")));
    }

    #[test]
    fn a_filled_link_elsewhere_in_the_section_fills_no_prompt() {
        let src = TEMPLATE.replace("REDDIT_LINK_HERE", "https://www.reddit.com/r/rust/x/");
        assert!(kinds(&src).iter().any(|(_, t, _)| t.contains("QOTW")));
        let src = src.replace(
            "<!-- QOTW goes here -->\n",
            "<!-- QOTW goes here -->\n\n> A quote.\n",
        );
        assert!(!kinds(&src).iter().any(|(_, t, _)| t.contains("QOTW")));
        // Text written before the prompt fills it too.
        let src = TEMPLATE.replace(
            "<!-- COTW goes here -->\n",
            "This week's crate is [x](https://x.rs).\n\n<!-- COTW goes here -->\n",
        );
        assert!(!kinds(&src).iter().any(|(_, t, _)| t.contains("COTW")));
    }

    #[test]
    fn other_tokens_and_targets() {
        let src = "Title: T\n\n## A\n\n[x](INSERT_LINK_HERE) [y]() [z](#) $twir_issue_date\n\n```\nREDDIT_LINK_HERE\n```\n\n<!-- REDDIT_LINK_HERE -->\n";
        let got: Vec<Kind> = kinds(src).into_iter().map(|(k, _, _)| k).collect();
        assert_eq!(
            got,
            [
                Kind::InsertLink,
                Kind::EmptyTarget,
                Kind::EmptyTarget,
                Kind::TemplateVariable
            ]
        );
    }

    #[test]
    fn filled_template_blocks_are_still_boilerplate() {
        let bp = Boilerplate::from_template(&Document::parse(TEMPLATE));
        assert!(bp.contains("<small>[Discuss on r/rust](REDDIT_LINK_HERE)</small>"));
        assert!(
            bp.contains("<small>[Discuss on r/rust](https://www.reddit.com/r/rust/x/)</small>")
        );
        assert!(!bp.contains("<small>[Discuss on r/rust](a b)</small>"));
        assert!(!bp.contains("<small>[Discuss on r/rust]()</small>"));
        assert!(bp.contains("See the [thread](https://jobs.example.org/5)"));
        assert!(!bp.contains("See the [thread](https://jobs.example.org/5) now"));
        let t = Document::parse(
            "Title: T\n\nEvents between $twir_issue_date - $twir_events_end_date 🦀\n",
        );
        let bp = Boilerplate::from_template(&t);
        assert!(bp.contains("Events between 2026-08-26 - 2026-09-23 🦀"));
        assert!(!bp.contains("Events between 2026-08-26 🦀"));
    }

    #[test]
    fn prompts_and_urls() {
        assert!(is_prompt("<!-- COTW goes here -->\n"));
        assert!(is_prompt("<!-- Perf results go here -->"));
        assert!(!is_prompt(
            "<!-- CFPs go here, use this format: * [x](y) -->"
        ));
        assert!(!is_prompt("<!-- note -->"));
        assert!(is_placeholder_url("REDDIT_LINK_HERE"));
        assert!(is_placeholder_url(" # "));
        assert!(is_placeholder_url("$twir_issue_number"));
        assert!(!is_placeholder_url("https://a.org/#x"));
    }
}
