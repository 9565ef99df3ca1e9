//! The page title a pull request states, and whether a link title matches it.
//!
//! Submitters often name the page in the pull request: a `Title: ...` (or `Page title: ...`)
//! line in the description, or the title quoted in the pull request's title
//! (`Add "Async drop in practice"`). Nothing is fetched: when the pull request states no
//! title, there is nothing to compare.

/// A page title a pull request states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stated {
    /// A `Title:` line of the description: the submitter says this is the page's title.
    Explicit(String),
    /// Quoted in the pull request's title: often a short name for the page, not its title.
    Quoted(String),
}

impl Stated {
    /// The stated text.
    pub fn text(&self) -> &str {
        match self {
            Stated::Explicit(t) | Stated::Quoted(t) => t,
        }
    }
}

/// The page title the pull request states, if it states one.
pub fn stated_title(pr_title: &str, body: &str) -> Option<String> {
    stated(pr_title, body).map(|s| s.text().to_string())
}

/// The page title the pull request states, and how.
pub fn stated(pr_title: &str, body: &str) -> Option<Stated> {
    for line in body.lines() {
        let l = line.trim().trim_start_matches(['*', '-', '>', ' ']);
        let lower = l.to_ascii_lowercase();
        for key in ["page title:", "title:"] {
            if lower.starts_with(key) {
                let value = unquote(l[key.len()..].trim().trim_matches('*').trim());
                if !value.is_empty() {
                    return Some(Stated::Explicit(value.to_string()));
                }
            }
        }
    }
    quoted(pr_title).map(Stated::Quoted)
}

/// True when `part` reads as a piece of `whole` (compared like [`same_title`]).
pub fn contains_title(whole: &str, part: &str) -> bool {
    let p = key(part);
    !p.is_empty() && key(whole).contains(&p)
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

/// Platforms whose name pages append to their titles (compared as lowercase letters and
/// digits only).
const PLATFORMS: [&str; 24] = [
    "medium",
    "devcommunity",
    "dev",
    "devto",
    "substack",
    "hashnode",
    "github",
    "gitlab",
    "youtube",
    "reddit",
    "linkedin",
    "lobsters",
    "hackernews",
    "hackernoon",
    "rustblog",
    "insiderustblog",
    "rustinternals",
    "rustusersforum",
    "therustprogramminglanguageforum",
    "twitter",
    "mastodon",
    "bluesky",
    "vimeo",
    "blog",
];

/// Separators between a title and a site name.
const SEPARATORS: [&str; 6] = [" | ", " - ", " \u{2013} ", " \u{2014} ", " \u{b7} ", " :: "];

/// Host labels that say nothing about the site's name.
const GENERIC_LABELS: [&str; 12] = [
    "www", "blog", "blogs", "com", "org", "net", "io", "dev", "github", "gitlab", "co", "app",
];

/// A title as the editors would write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleFix {
    /// The suggested title.
    pub title: String,
    /// What changed: `site name`, `trailing punctuation`, `extra spaces`.
    pub reasons: Vec<&'static str>,
}

fn alnum_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when `suffix` names the site at `url` (a known platform, the host's own name, or
/// "Someone's blog/posts").
fn names_site(suffix: &str, url: &str) -> bool {
    let words = suffix.split_whitespace().count();
    if words == 0 || words > 6 || suffix.chars().count() > 40 {
        return false;
    }
    let key = alnum_key(suffix);
    if key.is_empty() {
        return false;
    }
    if PLATFORMS.contains(&key.as_str()) {
        return true;
    }
    let lower = suffix.to_lowercase();
    if lower.starts_with("by ") && words <= 4 {
        return true;
    }
    if (lower.contains("'s ") || lower.contains("\u{2019}s "))
        && (lower.ends_with("blog") || lower.ends_with("posts") || lower.ends_with("website"))
    {
        return true;
    }
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    let labels: Vec<String> = host
        .split('.')
        .filter(|l| !GENERIC_LABELS.contains(l))
        .map(alnum_key)
        .filter(|l| l.chars().count() >= 4)
        .collect();
    // The last label is the top-level domain unless the host has a single label.
    let n = host.split('.').count();
    labels.iter().enumerate().any(|(i, l)| {
        (n == 1 || i + 1 < labels.len() || labels.len() < n)
            && (key == *l || (key.contains(l.as_str()) && key.len() <= l.len() + 8))
    })
}

/// The title the editors would write: without a site-name suffix (` | Blog Name`,
/// ` - Medium`), without dangling punctuation at the end (a lone `.`, `:`, `,`, `;`, a
/// separator), with single spaces. `None` when nothing would change.
pub fn editor_title(title: &str, url: &str) -> Option<TitleFix> {
    let mut reasons = Vec::new();
    let spaced: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if spaced != title {
        reasons.push("extra spaces");
    }
    let mut t = spaced.as_str();
    // "Title | by Someone | Medium": strip site names from the end one at a time.
    while let Some((at, sep)) = SEPARATORS
        .iter()
        .filter_map(|s| t.rfind(s).map(|i| (i, *s)))
        .max_by_key(|(i, _)| *i)
    {
        let (head, suffix) = (&t[..at], &t[at + sep.len()..]);
        if head.trim().is_empty() || !names_site(suffix, url) {
            break;
        }
        if !reasons.contains(&"site name") {
            reasons.push("site name");
        }
        t = head.trim_end();
    }
    let before = t;
    t = t
        .trim_end_matches([':', ';', ',', '|', '\u{b7}'])
        .trim_end();
    for sep in ["-", "\u{2013}", "\u{2014}"] {
        if let Some(h) = t.strip_suffix(sep)
            && h.ends_with(' ')
        {
            t = h.trim_end();
        }
    }
    // A lone full stop ends a sentence-like title, but not "etc.", "...", or a title made of
    // sentences ("Done. Again.").
    if let Some(h) = t.strip_suffix('.')
        && !h.ends_with('.')
        && !h.contains(". ")
        && !h.ends_with("etc")
        && h.chars().last().is_some_and(char::is_alphanumeric)
    {
        t = h;
    }
    if t != before {
        reasons.push("trailing punctuation");
    }
    if t.is_empty() || reasons.is_empty() {
        return None;
    }
    Some(TitleFix {
        title: t.to_string(),
        reasons,
    })
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
        assert!(matches!(stated("Add \"X\"", ""), Some(Stated::Quoted(_))));
        assert!(matches!(
            stated("Add", "Title: X"),
            Some(Stated::Explicit(_))
        ));
        assert!(contains_title(
            "Zero-cost async traits explained",
            "Async Traits"
        ));
        assert!(!contains_title("Async traits", "Zero-cost async traits"));
    }

    #[test]
    fn compares_like_a_reader() {
        assert!(same_title(
            "Rust\u{2019}s  Async — Story.",
            "rust's async - story"
        ));
        assert!(!same_title("Async drop", "Async drop in practice"));
    }

    #[test]
    fn editor_titles_drop_site_names_and_dangling_punctuation() {
        let fix = |t: &str, u: &str| editor_title(t, u).map(|f| f.title);
        assert_eq!(
            fix("On Lifetimes | Ferris's blog", "https://ferris.example/x").as_deref(),
            Some("On Lifetimes")
        );
        assert_eq!(
            fix("Async drop - Medium", "https://medium.com/@a/x").as_deref(),
            Some("Async drop")
        );
        assert_eq!(
            fix(
                "Async drop | by Ann Lee | Medium",
                "https://medium.com/@a/x"
            )
            .as_deref(),
            Some("Async drop")
        );
        assert_eq!(
            fix(
                "Zero-copy parsing \u{2014} Sunfish Labs",
                "https://sunfishlabs.dev/p"
            )
            .as_deref(),
            Some("Zero-copy parsing")
        );
        assert_eq!(
            fix("Fast builds with sccache.", "https://a.example/x").as_deref(),
            Some("Fast builds with sccache")
        );
        assert_eq!(
            fix("Fast  builds:", "https://a.example/x").as_deref(),
            Some("Fast builds")
        );
        // Kept: separators inside the title, sentences, questions, ellipses, versions.
        for (t, u) in [
            (
                "Rust Trends Issue 77 - Rust Sharpens the Craft",
                "https://rust-trends.com/n/77",
            ),
            ("Building an agent | Part 2", "https://agents.example/p2"),
            ("I built it. Again.", "https://a.example/x"),
            ("Is Rust fast?", "https://a.example/x"),
            ("Wait for it...", "https://a.example/x"),
            ("foo 1.2 - faster builds", "https://github.com/o/foo"),
            ("Generics etc.", "https://a.example/x"),
        ] {
            assert_eq!(fix(t, u), None, "{t}");
        }
        let f = editor_title("Post  | Dev Community.", "https://dev.to/x").expect("fix");
        assert_eq!(f.title, "Post");
        assert_eq!(f.reasons, ["extra spaces", "site name"]);
    }
}
