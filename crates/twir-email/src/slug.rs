//! Pelican's `slugify` of a title, which the website uses for issue URLs.
//!
//! The email cannot depend on `twir-site` (the site's `serve` embeds the email preview, so the
//! dependency runs the other way); this is a deliberate small duplicate of the site's rule:
//! NFKC, ASCII transliteration, drop everything but word characters, spaces and hyphens,
//! collapse runs of spaces and hyphens into one hyphen, lower-case.

/// The URL slug Pelican gives a title: "This Week in Rust 522" -> `this-week-in-rust-522`.
pub fn slugify(title: &str) -> String {
    // `[^\w\s-]` is removed first, so dropped characters do not separate their neighbours.
    let kept: String = strip_tags(title)
        .chars()
        .flat_map(ascii_of)
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

/// Removes `<...>` tags, as Pelican's Markup.striptags does before slugifying.
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
}

/// A small stand-in for `unidecode`: the ASCII base of accented Latin letters, dashes and
/// spaces mapped, anything else dropped.
fn ascii_of(c: char) -> Vec<char> {
    match c {
        c if c.is_ascii() => vec![c],
        '\u{2010}'..='\u{2015}' | '\u{2212}' => vec!['-'],
        c if c.is_whitespace() => vec![' '],
        'ß' => vec!['s', 's'],
        'æ' => vec!['a', 'e'],
        'Æ' => vec!['A', 'E'],
        'ø' => vec!['o'],
        'Ø' => vec!['O'],
        'đ' => vec!['d'],
        'ł' => vec!['l'],
        'Ł' => vec!['L'],
        _ => latin_base(c).map(|b| vec![b]).unwrap_or_default(),
    }
}

/// The unaccented letter of the common precomposed Latin-1 and Latin Extended-A letters.
fn latin_base(c: char) -> Option<char> {
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("ÀÁÂÃÄÅĀĂĄ", 'A'),
        ("çćĉċč", 'c'),
        ("ÇĆĈĊČ", 'C'),
        ("ďđ", 'd'),
        ("ĎĐ", 'D'),
        ("èéêëēĕėęě", 'e'),
        ("ÈÉÊËĒĔĖĘĚ", 'E'),
        ("ĝğġģ", 'g'),
        ("ĜĞĠĢ", 'G'),
        ("ìíîïĩīĭįı", 'i'),
        ("ÌÍÎÏĨĪĬĮİ", 'I'),
        ("ñńņňŉ", 'n'),
        ("ÑŃŅŇ", 'N'),
        ("òóôõöōŏő", 'o'),
        ("ÒÓÔÕÖŌŎŐ", 'O'),
        ("ŕŗř", 'r'),
        ("ŔŖŘ", 'R'),
        ("śŝşš", 's'),
        ("ŚŜŞŠ", 'S'),
        ("ţťŧ", 't'),
        ("ŢŤŦ", 'T'),
        ("ùúûüũūŭůűų", 'u'),
        ("ÙÚÛÜŨŪŬŮŰŲ", 'U'),
        ("ýÿŷ", 'y'),
        ("ÝŸŶ", 'Y'),
        ("źżž", 'z'),
        ("ŹŻŽ", 'Z'),
    ];
    TABLE
        .iter()
        .find(|(set, _)| set.contains(c))
        .map(|&(_, base)| base)
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn pelican_slugs() {
        assert_eq!(slugify("This Week in Rust 522"), "this-week-in-rust-522");
        assert_eq!(slugify("The State of Rust 0.8"), "the-state-of-rust-08");
        assert_eq!(slugify("  These Weeks in Rust  "), "these-weeks-in-rust");
        assert_eq!(slugify("a -- b"), "a-b");
        assert_eq!(slugify("snake_case & C++"), "snake_case-c");
        assert_eq!(slugify("Crème brûlée"), "creme-brulee");
        assert_eq!(slugify("Größe – Maß"), "grosse-mass");
        assert_eq!(slugify("<em>Bold</em> move"), "bold-move");
        assert_eq!(slugify("rust-"), "rust-");
        assert_eq!(slugify(""), "");
    }
}
