//! Text helpers shared by the sources.

/// Makes source text safe inside an entry: whitespace (including newlines)
/// collapsed to single spaces, and unbalanced-prone brackets escaped so the
/// text cannot end the `[...]` of a Markdown link.
pub fn clean_text(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(collapsed.len());
    let mut prev_backslash = false;
    for c in collapsed.chars() {
        if (c == '[' || c == ']') && !prev_backslash {
            out.push('\\');
        }
        prev_backslash = c == '\\' && !prev_backslash;
        out.push(c);
    }
    out
}

/// The characters that delimit an entry's fields (`* DATE | LOCATION | [ORG](URL)`): never
/// part of a place name.
pub const ENTRY_DELIMITERS: [char; 3] = ['[', ']', '|'];

/// A city or state name from a source, made safe inside an entry's location: the entry
/// delimiters, parentheses (which wrap the place of `Virtual (...)`) and commas (which
/// separate city, state and country) become spaces, and whitespace is collapsed. Kept, they
/// print an entry that does not parse back (found by the fuzz targets: `LOCATION:Hybrid
/// (Seattle, WA, US` from a calendar, Meetup venues in `Ber|in` and `Ber,,in`).
pub fn place_name(s: &str) -> String {
    s.split(|c: char| {
        c.is_whitespace() || ENTRY_DELIMITERS.contains(&c) || matches!(c, '(' | ')' | ',')
    })
    .filter(|w| !w.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// A URL from a source, made safe as the destination of an entry's `[text](url)`: an
/// `http(s)://` URL without spaces or control characters, with the characters that could end
/// the destination early or escape its end (`(`, `)`, `<`, `>`, backslash) percent-encoded, which
/// does not change what it points to. `None` when it is not such a URL.
pub fn clean_url(s: &str) -> Option<String> {
    let s = s.trim();
    let lower = s.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return None;
    };
    if rest.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c => out.push(c),
        }
    }
    Some(out)
}

/// The first `http://` or `https://` URL in free text.
pub fn first_url(s: &str) -> Option<String> {
    let start = s.find("https://").or_else(|| s.find("http://"))?;
    let url: String = s[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '\'' | ')' | ']'))
        .collect();
    let url = url.trim_end_matches(['.', ',', ';']);
    (url.len() > "https://".len()).then(|| url.to_string())
}

/// The organizer link to show for an event URL: the Meetup group page for
/// `https://www.meetup.com/GROUP/events/ID/`, the Luma page itself otherwise
/// unknown, else the URL unchanged.
pub fn organizer_url_for(event_url: &str) -> String {
    if let Some(group) = meetup_group(event_url) {
        return format!("https://www.meetup.com/{group}");
    }
    event_url.to_string()
}

/// The group `urlname` of a Meetup URL (`https://www.meetup.com/rust-berlin/events/`
/// -> `rust-berlin`), skipping a locale segment such as `/de-DE/`.
pub fn meetup_group(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let path = rest.strip_prefix("meetup.com/")?;
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    let mut first = segs.next()?;
    if is_locale(first) {
        first = segs.next()?;
    }
    Some(first.to_string())
}

fn is_locale(seg: &str) -> bool {
    let b = seg.as_bytes();
    b.len() == 5
        && b[2] == b'-'
        && b[..2].iter().all(u8::is_ascii_lowercase)
        && b[3..].iter().all(u8::is_ascii_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_names_lose_entry_syntax() {
        assert_eq!(place_name(" Ber|in "), "Ber in");
        assert_eq!(place_name("Hybrid (Seattle"), "Hybrid Seattle");
        assert_eq!(place_name("[x]\u{a0}y"), "x y");
        assert_eq!(place_name("Ber,,,in"), "Ber in");
    }

    #[test]
    fn urls_are_made_safe_for_entries() {
        assert_eq!(
            clean_url(" https://en.wikipedia.org/wiki/Rust_(language) ").as_deref(),
            Some("https://en.wikipedia.org/wiki/Rust_%28language%29")
        );
        assert_eq!(
            clean_url("HTTP://a.example/x?q=<b>\\").as_deref(),
            Some("HTTP://a.example/x?q=%3Cb%3E%5C")
        );
        assert_eq!(
            clean_url("https://münchen.example/ä").as_deref(),
            Some("https://münchen.example/ä")
        );
        for bad in [
            "https://a b",
            "ftp://a",
            "https://",
            "mailto:x@y",
            "https://a\nb",
            "é",
        ] {
            assert_eq!(clean_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn clean_text_collapses_and_escapes() {
        assert_eq!(clean_text("  Rust\n  [Meetup]  "), "Rust \\[Meetup\\]");
        assert_eq!(clean_text("a \\[b\\]"), "a \\[b\\]");
    }

    #[test]
    fn urls() {
        assert_eq!(
            first_url("See https://example.com/x. Bye").as_deref(),
            Some("https://example.com/x")
        );
        assert_eq!(
            first_url("<a href=\"https://e.com/a\">x</a>").as_deref(),
            Some("https://e.com/a")
        );
        assert_eq!(first_url("none"), None);
        assert_eq!(
            organizer_url_for("https://www.meetup.com/rust-berlin/events/316151073/"),
            "https://www.meetup.com/rust-berlin"
        );
        assert_eq!(
            organizer_url_for("https://luma.com/abc"),
            "https://luma.com/abc"
        );
        assert_eq!(
            meetup_group("https://www.meetup.com/de-DE/rust-paris/").as_deref(),
            Some("rust-paris")
        );
        assert_eq!(
            meetup_group("https://www.meetup.com/bcnrust/events/").as_deref(),
            Some("bcnrust")
        );
        assert_eq!(meetup_group("https://example.com/bcnrust"), None);
    }
}
