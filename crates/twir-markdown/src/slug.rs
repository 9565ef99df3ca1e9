//! Heading ids the way Python-Markdown's `toc` extension makes them.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

/// Python-Markdown's toc slug: NFKD, keep ASCII only, drop everything but
/// word characters, whitespace and hyphens, lower-case, and join the words
/// with single hyphens. Not the URL slug of an issue, tag or category: that is Pelican's
/// (`twir_content::slug::pelican_slugify`), which transliterates instead of dropping.
pub fn toc_slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // NFKD leaves ASCII unchanged.
        slug_into(text.chars(), &mut out);
    } else {
        slug_into(text.nfkd(), &mut out);
    }
    out
}

/// One pass over the characters: runs of spaces and hyphens between words
/// become one hyphen; spaces at either end are dropped but a hyphen in a
/// leading or trailing run is kept (Python strips only whitespace before
/// joining), and other characters vanish without splitting words.
fn slug_into(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut in_run = false;
    let mut run_has_hyphen = false;
    let mut started = false;
    for c in chars {
        if c.is_ascii_alphanumeric() || c == '_' {
            if in_run && (started || run_has_hyphen) {
                out.push('-');
            }
            in_run = false;
            run_has_hyphen = false;
            started = true;
            out.push(c.to_ascii_lowercase());
        } else if c == '-' {
            in_run = true;
            run_has_hyphen = true;
        } else if is_ascii_space(c) {
            in_run = true;
        }
    }
    if in_run && run_has_hyphen {
        out.push('-');
    }
}

fn is_ascii_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// The ids given out so far in one document, made unique the way
/// Python-Markdown's toc does: `x`, `x_1`, `x_2`, … (an id already ending in
/// `_N` counts up from N).
#[derive(Default)]
pub(crate) struct UniqueIds {
    used: HashSet<String>,
    /// For an id met while looking for a free one: an id further along the
    /// same `_N` sequence that was free then. Every id in between was taken
    /// and stays taken, so the search may jump there (path compression; a
    /// thousand equal headings would otherwise cost a million probes).
    skip: HashMap<String, String>,
}

impl UniqueIds {
    /// Makes `id` unique and records it.
    pub(crate) fn unique(&mut self, id: String) -> String {
        let mut id = id;
        let mut path = Vec::new();
        while id.is_empty() || self.used.contains(&id) {
            let next = match self.skip.get(&id) {
                Some(j) => j.clone(),
                None => successor(&id),
            };
            path.push(std::mem::replace(&mut id, next));
        }
        for p in path {
            self.skip.insert(p, id.clone());
        }
        self.used.insert(id.clone());
        id
    }
}

/// The id tried after `id`: `base_N` becomes `base_{N+1}` (decimal, of any
/// length, as Python's integers), anything else gets `_1`.
fn successor(id: &str) -> String {
    if let Some((base, n)) = id.rsplit_once('_')
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        let digits = n.trim_start_matches('0');
        let mut num: Vec<u8> = digits.bytes().collect();
        // Decimal increment of the digit string.
        let mut i = num.len();
        loop {
            if i == 0 {
                num.insert(0, b'1');
                break;
            }
            i -= 1;
            if num[i] == b'9' {
                num[i] = b'0';
            } else {
                num[i] += 1;
                break;
            }
        }
        let mut out = String::with_capacity(base.len() + 1 + num.len());
        out.push_str(base);
        out.push('_');
        out.extend(num.iter().map(|&b| b as char));
        return out;
    }
    format!("{id}_1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            toc_slugify("Project/Tooling Updates"),
            "projecttooling-updates"
        );
        assert_eq!(toc_slugify("Tracking Issues & PRs"), "tracking-issues-prs");
        assert_eq!(toc_slugify("Héllo wörld — ok"), "hello-world-ok");
        assert_eq!(toc_slugify(" a -- b "), "a-b");
        assert_eq!(toc_slugify("-a"), "-a");
        assert_eq!(toc_slugify(" - a - "), "-a-");
        assert_eq!(toc_slugify("  a  "), "a");
        assert_eq!(toc_slugify("a!b - !c"), "ab-c");
        assert_eq!(toc_slugify("-"), "-");
        assert_eq!(toc_slugify(" "), "");
        assert_eq!(
            toc_slugify("What's cooking on master?"),
            "whats-cooking-on-master"
        );
        assert_eq!(
            toc_slugify("fn work(on: RustProject) -> Money"),
            "fn-workon-rustproject-money"
        );
    }

    #[test]
    fn uniqueness() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a_1");
        assert_eq!(ids.unique("a_1".into()), "a_2");
        assert_eq!(ids.unique("a".into()), "a_3");
        assert_eq!(ids.unique("a_2".into()), "a_4");
        assert_eq!(ids.unique("a_007".into()), "a_007");
        assert_eq!(ids.unique("a_007".into()), "a_8");
        assert_eq!(ids.unique(String::new()), "_1");
        assert_eq!(ids.unique(String::new()), "_2");
        assert_eq!(ids.unique("b_99".into()), "b_99");
        assert_eq!(ids.unique("b_99".into()), "b_100");
        // Beyond 64 bits the count goes on as Python's integers do.
        let big = "x_18446744073709551615".to_string();
        assert_eq!(ids.unique(big.clone()), big);
        assert_eq!(ids.unique(big), "x_18446744073709551616");
    }

    #[test]
    fn many_equal_ids_stay_cheap() {
        let mut ids = UniqueIds::default();
        for i in 0..20_000 {
            let want = if i == 0 {
                "h".to_string()
            } else {
                format!("h_{i}")
            };
            assert_eq!(ids.unique("h".into()), want);
        }
    }
}
