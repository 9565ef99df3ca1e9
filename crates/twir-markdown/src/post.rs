//! Restoring stashed raw HTML into the serialised output.

use crate::stash::{Stash, parse_html_placeholder};
use crate::tree::is_block_level;

/// Nesting limit for fragments that contain placeholders themselves.
const MAX_NESTING: usize = 8;

/// Replaces placeholders by their HTML; a paragraph holding nothing but a
/// block-level fragment is replaced by the fragment.
pub(crate) fn restore(html: &str, stash: &Stash) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    restore_into(html, stash, &mut out, 0);
    out
}

/// [`restore`] of `html`, then trimmed of Python whitespace, in Python-Markdown's order (a
/// fragment's own trailing newline, such as a code block's, is trimmed at the end of the
/// page); without placeholders the string is only trimmed, not copied.
pub(crate) fn restore_trimmed(html: String, stash: &Stash) -> String {
    let mut html = if memchr::memchr(2, html.as_bytes()).is_some() {
        restore(&html, stash)
    } else {
        html
    };
    let end = html.trim_end_matches(crate::inline::is_space).len();
    html.truncate(end);
    let lead = html.len() - html.trim_start_matches(crate::inline::is_space).len();
    html.drain(..lead);
    html
}

fn restore_into(html: &str, stash: &Stash, out: &mut String, depth: usize) {
    let mut rest = html;
    while let Some(i) = memchr::memchr(2, rest.as_bytes()) {
        let tail = &rest[i..];
        let Some((n, len)) = parse_html_placeholder(tail) else {
            out.push_str(&rest[..=i]);
            rest = &rest[i + 1..];
            continue;
        };
        let frag = stash.get(n).unwrap_or_default();
        let wrapped = rest[..i].ends_with("<p>") && tail[len..].starts_with("</p>");
        if wrapped && block_fragment(frag) {
            out.push_str(&rest[..i - 3]);
            emit(frag, stash, out, depth);
            rest = &tail[len + 4..];
        } else {
            out.push_str(&rest[..i]);
            emit(frag, stash, out, depth);
            rest = &tail[len..];
        }
    }
    out.push_str(rest);
}

fn emit(frag: &str, stash: &Stash, out: &mut String, depth: usize) {
    if depth < MAX_NESTING && memchr::memchr(2, frag.as_bytes()).is_some() {
        restore_into(frag, stash, out, depth + 1);
    } else {
        out.push_str(frag);
    }
}

/// Whether a fragment starts with a block-level tag, a comment or another
/// markup declaration.
fn block_fragment(frag: &str) -> bool {
    let Some(rest) = frag.strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest.find([' ', '>']).unwrap_or(rest.len());
    let name = &rest[..name_len];
    match name.chars().next() {
        Some('!' | '?' | '@' | '%') => true,
        Some(_) => is_block_level(name.trim_end_matches('/')),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_around_blocks_disappear() {
        let mut st = Stash::default();
        let a = st.store("<div>x</div>".into());
        let b = st.store("<b>y</b>".into());
        let out = restore(&format!("<p>{a}</p>\n<p>{b}</p>"), &st);
        assert_eq!(out, "<div>x</div>\n<p><b>y</b></p>");
    }

    /// Python-Markdown strips the page after restoring the stash: a code block's final newline
    /// leaves a blank line before what follows it, and none at the end of the page.
    #[test]
    fn code_blocks_leave_a_blank_line_except_at_the_end() {
        let fence = crate::render("para\n```\nx\n```\npara2\n");
        assert_eq!(
            fence,
            "<p>para</p>\n<div class=\"highlight\"><pre><span></span><code>x\n</code></pre></div>\n\n<p>para2</p>"
        );
        let indented = crate::render("* a\n\n        x = 1\n\n* b\n");
        assert!(
            indented.contains("</code></pre></div>\n\n</li>"),
            "{indented}"
        );
        let last = crate::render("# Q\n\n```\nwords\n```\n");
        assert!(last.ends_with("</code></pre></div>"), "{last:?}");
    }
}
