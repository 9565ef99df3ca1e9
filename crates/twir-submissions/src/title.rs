//! The page title a pull request states, and whether a link title matches it.
//!
//! Submitters often name the page in the pull request: a `Title: ...` (or `Page title: ...`)
//! line in the description, or the title quoted in the pull request's title
//! (`Add "Async drop in practice"`). Nothing is fetched: when the pull request states no
//! title, there is nothing to compare.

/// The page title the pull request states, if it states one.
pub fn stated_title(pr_title: &str, body: &str) -> Option<String> {
    for line in body.lines() {
        let l = line.trim().trim_start_matches(['*', '-', '>', ' ']);
        let lower = l.to_ascii_lowercase();
        for key in ["page title:", "title:"] {
            if lower.starts_with(key) {
                let value = unquote(l[key.len()..].trim().trim_matches('*').trim());
                if !value.is_empty() {
                    return Some(value.to_string());
                }
            }
        }
    }
    quoted(pr_title)
}

/// The first text between matching double or typographic quotes.
fn quoted(s: &str) -> Option<String> {
    for (open, close) in [('"', '"'), ('\u{201c}', '\u{201d}'), ('\u{ab}', '\u{bb}')] {
        if let Some(a) = s.find(open) {
            let rest = &s[a + open.len_utf8()..];
            if let Some(b) = rest.find(close) {
                let t = rest[..b].trim();
                if !t.is_empty() {
                    return Some(t.to_string());
                }
            }
        }
    }
    None
}

fn unquote(s: &str) -> &str {
    let t = s.trim();
    for (o, c) in [
        ('"', '"'),
        ('\u{201c}', '\u{201d}'),
        ('`', '`'),
        ('\'', '\''),
    ] {
        if t.len() >= 2
            && let Some(inner) = t.strip_prefix(o).and_then(|r| r.strip_suffix(c))
        {
            return inner.trim();
        }
    }
    t
}

/// Compares titles the way a reader would: case, spacing, typographic quotes and dashes, and
/// trailing punctuation do not count.
pub fn same_title(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

fn key(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<&str> = mapped.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches(['.', '!', ':', ' '])
        .trim_matches('"')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_stated_titles() {
        assert_eq!(
            stated_title("Add link", "Page title: **Async drop**\n").as_deref(),
            Some("Async drop")
        );
        assert_eq!(
            stated_title("Add link", "* Title: \"X y\"").as_deref(),
            Some("X y")
        );
        assert_eq!(
            stated_title("Add \u{201c}Fast IO\u{201d} to TWiR", "").as_deref(),
            Some("Fast IO")
        );
        assert_eq!(
            stated_title("Add \"Fast IO\"", "").as_deref(),
            Some("Fast IO")
        );
        assert_eq!(stated_title("Add my post", "It's about things"), None);
    }

    #[test]
    fn compares_like_a_reader() {
        assert!(same_title(
            "Rust\u{2019}s  Async — Story.",
            "rust's async - story"
        ));
        assert!(!same_title("Async drop", "Async drop in practice"));
    }
}
