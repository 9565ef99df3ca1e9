//! Inline Markdown pitfalls: `raw-html`, `unknown-html-tag`, `odd-backticks`, and the `dialect`
//! case of backslashes that only CommonMark treats as escapes.

use twir_content::{BlockKind, Span};

use crate::check::Ctx;
use crate::diagnostic::Fix;
use crate::inline::{Inline, scan};

pub(super) fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for block in &doc.blocks {
        let (one, items) = match &block.kind {
            BlockKind::Paragraph | BlockKind::Quote => (Some(block.span), &[][..]),
            BlockKind::Heading(h) => (Some(h.text_span), &[][..]),
            BlockKind::List(l) => (None, &l.items[..]),
            _ => continue,
        };
        let spans = one
            .into_iter()
            .chain(items.iter().map(|it| it.content_span));
        for span in spans {
            // Most blocks hold none of the characters these rules are about.
            if memchr::memchr3(b'<', b'`', b'\\', span.text(&doc.source).as_bytes()).is_none() {
                continue;
            }
            let inl = scan(&doc.source, span);
            ticks(ctx, &inl);
            for p in &inl.prose {
                html(ctx, *p);
                backslashes(ctx, *p);
            }
        }
    }
}

fn ticks(ctx: &mut Ctx, inl: &Inline) {
    for t in &inl.unmatched_ticks {
        let d = ctx
            .diag(
                "odd-backticks",
                *t,
                "backtick that opens no code span: it shows as a literal backtick",
            )
            .with_help("close the code span, or remove the stray backtick");
        ctx.push(d);
    }
}

/// Elements of HTML (and the obsolete ones browsers still know).
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "math",
    "path",
];

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Length of what Python-Markdown's inline HTML pattern takes as a tag at the start of `s`
/// (`<`, optional `/`, a letter, non-space non-`<>@` characters, optionally a space and
/// anything but `<>`, then `>`).
fn tag_len(s: &[u8]) -> Option<usize> {
    let mut i = 1;
    if s.get(i) == Some(&b'/') {
        i += 1;
    }
    if !s.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while let Some(&c) = s.get(i) {
        match c {
            b'>' => return Some(i + 1),
            // An escaped `\>` is text to Python-Markdown, so no tag closes there.
            b'<' | b'@' | b'\n' | b'\\' => return None,
            b' ' => break,
            _ => i += 1,
        }
    }
    while let Some(&c) = s.get(i) {
        match c {
            b'>' => return Some(i + 1),
            b'<' | b'\n' => return None,
            b'\\' if s.get(i + 1) == Some(&b'>') => return None,
            _ => i += 1,
        }
    }
    None
}

fn html(ctx: &mut Ctx, prose: Span) {
    let src = ctx.doc.source.as_str();
    let text = prose.text(src);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let at = i + off;
        i = at + 1;
        if at > 0 && bytes[at - 1] == b'\\' {
            continue;
        }
        let Some(len) = tag_len(&bytes[at..]) else {
            continue;
        };
        let tag = &text[at..at + len];
        // The element name as a browser reads it: up to a space, `/` or `>` (`<K, V>` is a
        // `k,` element, not a `k`).
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let closing = bytes.get(at + 1) == Some(&b'/');
        // A type glued to its path (`Vec<u8>`), or a turbofish (`from::<char>`).
        let glued = !closing && at > 0 && (is_ident(bytes[at - 1]) || bytes[at - 1] == b':');
        let known = HTML_TAGS.contains(&name.as_str());
        let tag_body = &tag[1..tag.len() - 1];
        let abs = prose.start + at;
        if known && !glued {
            // The renderer passes HTML through: the page and the feed carry the element as
            // written. Only an element that runs something is worth a word.
            if let Some(why) = active_html(&name, tag_body) {
                let d = ctx
                    .diag(
                        "raw-html",
                        Span::new(abs, abs + len),
                        format!(
                            "`{tag}` is kept as raw HTML: the page and the feed carry it, {why}"
                        ),
                    )
                    .with_fix(Fix::suggest(Span::new(abs, abs + 1), "&lt;"))
                    .with_help("remove it, or write `&lt;` to show it as text");
                ctx.push(d);
            }
            i = at + len;
            continue;
        }
        let rust_syntax = tag_body.contains([',', '\'', '&', ';', '(', '[']);
        let rusty = glued || rust_syntax || tag_body.starts_with(|c: char| c.is_ascii_uppercase());
        if rusty {
            // Point at the whole type: the path before `<` and the tag.
            let mut s = at;
            while s > 0 && (is_ident(bytes[s - 1]) || bytes[s - 1] == b':') {
                s -= 1;
            }
            let what = &text[s..at + len];
            let shown = &text[s..at];
            let reads = if shown.is_empty() {
                "nothing".to_string()
            } else {
                format!("`{shown}`")
            };
            let effect = if known {
                format!(
                    "browsers read it as a `<{name}>` element, which hides it and changes the text after it"
                )
            } else {
                format!("browsers hide it, leaving {reads}")
            };
            let d = ctx
                .diag(
                    "raw-html",
                    Span::new(prose.start + s, abs + len),
                    format!("`{what}`: `{tag}` passes through as an HTML tag and {effect}"),
                )
                .with_fix(Fix::safe(Span::new(abs, abs + 1), "&lt;"))
                .with_help(format!(
                    "put it in a code span (`` `{what}` ``) or write `&lt;`"
                ));
            ctx.push(d);
            i = at + len;
        } else {
            let d = ctx
                .diag(
                    "unknown-html-tag",
                    Span::new(abs, abs + len),
                    format!(
                        "`{tag}` is not an HTML element: it passes through and browsers hide it"
                    ),
                )
                .with_fix(Fix::suggest(Span::new(abs, abs + 1), "&lt;"))
                .with_help("write `&lt;` to show the text, or put it in a code span");
            ctx.push(d);
            i = at + len;
        }
    }
}

/// Why an element of HTML runs something when a reader opens the page or the feed: a script
/// or a frame, an event handler attribute (`onerror=`), or a `javascript:` URL.
fn active_html(name: &str, body: &str) -> Option<String> {
    if matches!(
        name,
        "script" | "iframe" | "object" | "embed" | "style" | "form" | "base" | "meta" | "link"
    ) {
        return Some(format!("and a `<{name}>` acts in the reader's browser"));
    }
    let lower = body.to_ascii_lowercase();
    let handler = lower
        .split(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'')
        .filter_map(|w| w.split_once('=').map(|(k, _)| k))
        .find(|k| {
            k.len() > 2 && k.starts_with("on") && k[2..].bytes().all(|b| b.is_ascii_alphabetic())
        });
    if let Some(h) = handler {
        return Some(format!("its `{h}` script included"));
    }
    if lower.contains("javascript:") {
        return Some("its `javascript:` link included".to_string());
    }
    None
}

/// Characters Python-Markdown (with `extra`) unescapes; CommonMark unescapes all ASCII punctuation.
const PYMD_ESCAPABLE: &[u8] = b"\\`*_{}[]()>#+-.!:|";

fn backslashes(ctx: &mut Ctx, prose: Span) {
    let src = ctx.doc.source.as_str();
    let bytes = prose.text(src).as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let c = bytes[i + 1];
        let abs = prose.start + i;
        if c.is_ascii_punctuation() && !PYMD_ESCAPABLE.contains(&c) {
            let ch = c as char;
            let (fix, safe_note) = match c {
                b'<' => (Fix::safe(Span::new(abs, abs + 2), "&lt;"), "write `&lt;`"),
                b'&' => (Fix::safe(Span::new(abs, abs + 2), "&amp;"), "write `&amp;`"),
                b'~' => (
                    Fix::suggest(Span::new(abs, abs + 1), ""),
                    "remove the backslash",
                ),
                _ => (
                    Fix::safe(Span::new(abs, abs + 1), ""),
                    "remove the backslash",
                ),
            };
            let d = ctx
                .diag(
                    "dialect",
                    Span::new(abs, abs + 2),
                    format!("`\\{ch}`: CommonMark hides the backslash, Python-Markdown shows it"),
                )
                .with_fix(fix)
                .with_help(safe_note);
            ctx.push(d);
        } else if c == b'\n' && i + 2 < bytes.len() {
            let d = ctx
                .diag("dialect", Span::new(abs, abs + 1), "backslash at the end of a line: a line break in CommonMark, a literal `\\` in Python-Markdown")
                .with_fix(Fix::suggest(Span::new(abs, abs + 1), ""))
                .with_help("remove it, or use `<br>` for a line break");
            ctx.push(d);
        }
        i += 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_elements() {
        assert!(
            active_html("img", "img src=x onerror=alert(1)")
                .is_some_and(|w| w.contains("`onerror`"))
        );
        assert!(active_html("a", "a href=\"javascript:x()\"").is_some());
        assert!(active_html("script", "script").is_some());
        assert_eq!(
            active_html("img", "img src=\"a.png\" alt=\"Ferris (the crab); 'hi'\""),
            None
        );
        assert_eq!(active_html("small", "small"), None);
    }

    #[test]
    fn python_markdown_tag_pattern() {
        assert_eq!(tag_len(b"<K, V> x"), Some(6));
        assert_eq!(tag_len(b"<T>"), Some(3));
        assert_eq!(tag_len(b"</small>"), Some(8));
        assert_eq!(tag_len(b"<[(K, V); N]>"), None);
        assert_eq!(tag_len(b"<a@b.c>"), None);
        assert_eq!(tag_len(b"< b>"), None);
        assert_eq!(tag_len(b"<nick\\> hi"), None);
        assert_eq!(tag_len(b"<a href=\"x\">"), Some(12));
    }
}
