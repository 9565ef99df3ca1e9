//! Line breaks, raw inline HTML, entities and lone emphasis markers.

use super::{Inliner, Outcome, PElem, is_space};

/// Two spaces before a newline.
pub(crate) fn linebreak(data: &str, p: usize) -> Outcome {
    if p >= 2 && &data.as_bytes()[p - 2..p] == b"  " {
        Outcome::Elem(
            p - 2,
            p + 1,
            PElem {
                atomic: true,
                ..PElem::new("br")
            },
        )
    } else {
        Outcome::NoMatch
    }
}

/// One to three `*` or `_` with whitespace (or the text's ends) on both
/// sides: literal text that emphasis must not use.
pub(crate) fn not_strong(data: &str, p: usize, prev: Option<char>) -> Outcome {
    let b = data.as_bytes();
    let c = b[p];
    if prev.is_some_and(|ch| !is_space(ch)) || (p > 0 && prev.is_none()) {
        return Outcome::NoMatch;
    }
    let n = b[p..].iter().take_while(|&&x| x == c).count();
    let end = p + n;
    let after_ok = end == b.len()
        || (end + 1 == b.len() && b[end] == b'\n')
        || data[end..].chars().next().is_some_and(is_space);
    if n <= 3 && after_ok {
        Outcome::Text(p, end, data[p..end].to_string())
    } else {
        Outcome::Skip(end)
    }
}

impl Inliner<'_> {
    /// An HTML tag or comment, passed through untouched.
    pub(super) fn html(&mut self, data: &str, p: usize, no_close_from: &mut usize) -> Outcome {
        let Some(end) = inline_tag_end(data, p, no_close_from) else {
            return Outcome::NoMatch;
        };
        // A tag swallowing an earlier raw-HTML placeholder (`<a<b>>` once
        // `<b>` is stashed) keeps it behind a backslash, as Python-Markdown's
        // failed serialisation of such a placeholder does.
        let text = data[p..end].replace("\u{2}h", "\\\u{2}h");
        let raw = self.render_html(&text);
        let ph = self.stash.store(raw);
        Outcome::Raw(p, end, ph)
    }

    /// `&name;`, `&#123;` or `&#x1F;`, passed through untouched.
    pub(super) fn entity(&mut self, data: &str, p: usize) -> Outcome {
        if !crate::tree::starts_entity(&data.as_bytes()[p + 1..]) {
            return Outcome::NoMatch;
        }
        let len = data[p..].find(';').unwrap_or(0) + 1;
        let ph = self.stash.store(data[p..p + len].to_string());
        Outcome::Raw(p, p + len, ph)
    }
}

/// End of an inline tag starting at `p`: `<name …>`, `</name>` (no `@` or
/// `<` in the name, attributes after a space) or `<!-- … -->`.
/// `no_close_from`: no `-->` exists at or after this offset (remembered so
/// that many unclosed comments do not rescan the text).
fn inline_tag_end(data: &str, p: usize, no_close_from: &mut usize) -> Option<usize> {
    let b = data.as_bytes();
    let rest = &data[p + 1..];
    if let Some(body) = rest.strip_prefix("!--") {
        // `<!--` … `--` … `>` with no nested `<!--` or `-->` in between.
        if p >= *no_close_from {
            return None;
        }
        let Some(close) = memchr::memmem::find(body.as_bytes(), b"-->") else {
            *no_close_from = p;
            return None;
        };
        if memchr::memmem::find(&body.as_bytes()[..close], b"<!--").is_some() {
            return None;
        }
        return Some(p + 1 + 3 + close + 3);
    }
    let mut i = p + 1;
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    if !b.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while i < b.len() && !matches!(b[i], b'<' | b'>' | b'@' | b' ') {
        i += 1;
    }
    if b.get(i) == Some(&b' ') {
        i += 1;
        while i < b.len() && !matches!(b[i], b'<' | b'>') {
            i += 1;
        }
    }
    (b.get(i) == Some(&b'>')).then_some(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        let end = |s: &str| inline_tag_end(s, 0, &mut usize::MAX.clone());
        assert_eq!(end("<T> x"), Some(3));
        assert_eq!(end("<a href=\"x\">"), Some(12));
        assert_eq!(end("<b"), None);
        assert_eq!(end("<me@x.com>"), None);
        assert_eq!(end("<!-- c -->"), Some(10));
        assert_eq!(end("< b>"), None);
    }
}
