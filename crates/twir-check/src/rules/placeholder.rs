//! `placeholder`: text the template or a submission left to be replaced: `INSERT_LINK_HERE`,
//! `REDDIT_LINK_HERE`, `$twir_...` variables, empty or `#` link targets, and fill-in comments
//! such as `<!-- COTW goes here -->` in a section nobody filled.

use twir_content::{BlockKind, Span};

use crate::check::Ctx;

const CODE: &str = "placeholder";
const TOKENS: [&str; 3] = ["INSERT_LINK_HERE", "REDDIT_LINK_HERE", "$twir_"];

/// True for a link target that is a placeholder rather than a URL.
pub fn is_placeholder_url(url: &str) -> bool {
    let u = url.trim();
    u == "#" || u.ends_with("_LINK_HERE") || u.starts_with("$twir_")
}

pub(super) fn check(ctx: &mut Ctx) {
    tokens(ctx);
    empty_targets(ctx);
    fill_in_comments(ctx);
}

fn tokens(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let src = doc.source.as_str();
    // One search of the whole file per token; hits inside code or comments are dropped after.
    let mut hits: Vec<Span> = Vec::new();
    for token in TOKENS {
        for at in memchr::memmem::find_iter(src.as_bytes(), token) {
            let len = if token == "$twir_" {
                token.len()
                    + src[at + token.len()..]
                        .bytes()
                        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                        .count()
            } else {
                token.len()
            };
            hits.push(Span::new(at, at + len));
        }
    }
    for span in hits {
        let block = doc.blocks.partition_point(|b| b.span.end <= span.start);
        if doc
            .blocks
            .get(block)
            .is_some_and(|b| matches!(b.kind, BlockKind::Code | BlockKind::Comment))
        {
            continue;
        }
        let what = span.text(src);
        let help = if what == "REDDIT_LINK_HERE" {
            "link the issue's r/rust thread (`twir publish` fills it in)"
        } else {
            "replace it with the real value"
        };
        let d = ctx
            .diag(
                CODE,
                span,
                format!("placeholder `{what}` left in the issue"),
            )
            .with_help(help);
        ctx.push(d);
    }
}

fn empty_targets(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for link in &doc.links {
        let url = link.url.trim();
        if url.is_empty() || url == "#" {
            let d = ctx
                .diag(
                    CODE,
                    link.span,
                    if url.is_empty() {
                        "link with an empty target"
                    } else {
                        "link to `#`, a placeholder target"
                    },
                )
                .with_help("put the real URL in, or remove the link");
            ctx.push(d);
        }
    }
}

/// A comment whose whole text is `<what> go(es) here`.
fn is_fill_in(comment: &str) -> bool {
    let inner = comment
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .to_ascii_lowercase();
    !inner.contains('\n') && (inner.ends_with(" goes here") || inner.ends_with(" go here"))
}

fn fill_in_comments(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for block in &doc.blocks {
        if block.kind != BlockKind::Comment || !is_fill_in(doc.text(block.span)) {
            continue;
        }
        let section = doc.section_at(block.span.start);
        if section.heading.is_none() || !section.children.is_empty() {
            continue;
        }
        let filled = doc.blocks[section.own_blocks()].iter().any(|b| {
            !matches!(b.kind, BlockKind::Blank | BlockKind::Comment)
                && !ctx
                    .opts
                    .template
                    .as_ref()
                    .is_some_and(|t| t.contains(doc.text(b.span)))
        });
        if !filled {
            let text = doc.text(block.span).trim_end();
            let span = Span::new(block.span.start, block.span.start + text.len());
            let d = ctx
                .diag(CODE, span, format!("`{text}` was never filled in"))
                .with_help("write the section, or remove it and its heading");
            ctx.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_in_comments_are_recognised() {
        assert!(is_fill_in("<!-- COTW goes here -->\n"));
        assert!(is_fill_in("<!-- Perf results go here -->"));
        assert!(!is_fill_in(
            "<!-- CFPs go here, use this format: * [x](y) -->"
        ));
        assert!(!is_fill_in("<!-- note -->"));
    }

    #[test]
    fn placeholder_urls() {
        assert!(is_placeholder_url("REDDIT_LINK_HERE"));
        assert!(is_placeholder_url(" # "));
        assert!(is_placeholder_url("$twir_issue_number"));
        assert!(!is_placeholder_url("https://a.org/#x"));
    }
}
