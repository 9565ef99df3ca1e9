//! Pelican's `slugify` (named [`pelican_slugify`] here, beside twir-markdown's `toc_slugify`,
//! Python-Markdown's heading ids), so that issue, category and tag URLs (site and email) stay
//! those of the old site.
//!
//! Pelican strips tags, normalises (NFKC), transliterates to ASCII, removes everything but word
//! characters, spaces and hyphens, collapses runs of spaces and hyphens into one hyphen and
//! lower-cases: "The State of Rust 0.8" -> `the-state-of-rust-08`.

use unicode_normalization::UnicodeNormalization;

/// The URL slug of a title, as Pelican 4 computes it with its default settings.
pub fn pelican_slugify(value: &str) -> String {
    let ascii = to_ascii(&strip_tags(value));
    // `[^\w\s-]` -> "": dropped characters do not separate their neighbours ("0.8" -> "08").
    let kept: String = ascii
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || c.is_ascii_whitespace())
        .collect();
    let mut out = String::with_capacity(kept.len());
    let mut in_run = false;
    for c in kept.trim().chars() {
        if c == '-' || c.is_ascii_whitespace() {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            in_run = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// Removes `<...>` tags and decodes the few entities titles use, as Markup.striptags does.
fn strip_tags(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut in_tag = false;
    for c in value.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// A small stand-in for Python's `unidecode`: decomposes letters and keeps their ASCII base,
/// maps dashes and unusual spaces, drops the rest.
fn to_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc().collect::<String>().nfkd() {
        match c {
            c if c.is_ascii() => out.push(c),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            c if c.is_whitespace() => out.push(' '),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'đ' => out.push('d'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pelican_slugify;

    #[test]
    fn pelican_slugs() {
        assert_eq!(
            pelican_slugify("This Week in Rust 522"),
            "this-week-in-rust-522"
        );
        assert_eq!(
            pelican_slugify("The State of Rust 0.8"),
            "the-state-of-rust-08"
        );
        assert_eq!(
            pelican_slugify("  These Weeks in Rust  "),
            "these-weeks-in-rust"
        );
        assert_eq!(pelican_slugify("Privacy Policy"), "privacy-policy");
        assert_eq!(pelican_slugify("This Week in Rust"), "this-week-in-rust");
        assert_eq!(pelican_slugify("a -- b"), "a-b");
        assert_eq!(pelican_slugify("snake_case & C++"), "snake_case-c");
        assert_eq!(pelican_slugify("Crème brûlée"), "creme-brulee");
        assert_eq!(pelican_slugify("Größe – Maß"), "grosse-mass");
        assert_eq!(pelican_slugify("<em>Bold</em> move"), "bold-move");
        assert_eq!(pelican_slugify("rust-"), "rust-");
        assert_eq!(pelican_slugify(""), "");
    }
}
