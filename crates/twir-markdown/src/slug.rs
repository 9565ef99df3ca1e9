//! Heading ids the way Python-Markdown's `toc` extension makes them.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// Python-Markdown's toc slug: NFKD, keep ASCII only, drop everything but
/// word characters, whitespace and hyphens, lower-case, and join the words
/// with single hyphens.
pub fn slugify(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' || is_ascii_space(c) {
            kept.push(c.to_ascii_lowercase());
        }
    }
    let mut out = String::with_capacity(kept.len());
    let mut pending_sep = false;
    for c in kept.trim_matches(is_ascii_space).chars() {
        if c == '-' || is_ascii_space(c) {
            pending_sep = true;
        } else {
            if pending_sep {
                out.push('-');
            }
            pending_sep = false;
            out.push(c);
        }
    }
    if pending_sep {
        out.push('-');
    }
    out
}

fn is_ascii_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// Makes `id` unique among `used`: `x`, `x_1`, `x_2`, … (an id already
/// ending in `_N` counts up from N).
pub(crate) fn unique(id: String, used: &mut HashSet<String>) -> String {
    let mut id = id;
    while id.is_empty() || used.contains(&id) {
        id = match id.rsplit_once('_') {
            Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                let next = n.parse::<u64>().map_or(1, |v| v.saturating_add(1));
                format!("{base}_{next}")
            }
            _ => format!("{id}_1"),
        };
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Project/Tooling Updates"), "projecttooling-updates");
        assert_eq!(slugify("Tracking Issues & PRs"), "tracking-issues-prs");
        assert_eq!(slugify("Héllo wörld — ok"), "hello-world-ok");
        assert_eq!(slugify(" a -- b "), "a-b");
        assert_eq!(
            slugify("What's cooking on master?"),
            "whats-cooking-on-master"
        );
        assert_eq!(
            slugify("fn work(on: RustProject) -> Money"),
            "fn-workon-rustproject-money"
        );
    }

    #[test]
    fn uniqueness() {
        let mut used = HashSet::new();
        assert_eq!(unique("a".into(), &mut used), "a");
        assert_eq!(unique("a".into(), &mut used), "a_1");
        assert_eq!(unique("a_1".into(), &mut used), "a_2");
        assert_eq!(unique(String::new(), &mut used), "_1");
    }
}
