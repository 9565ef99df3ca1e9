//! Element ids as docutils makes them from names: lower case, accents dropped (NFKD, then
//! ASCII only), runs of other characters as one hyphen, no leading digits or hyphens, no
//! trailing hyphens.

use unicode_normalization::UnicodeNormalization;

/// The id docutils gives an element named `name`; `Err(c)` when the name holds a Latin
/// letter docutils transliterates with a table of its own (`ø`, `ł`, `ß`...), which twir
/// does not reproduce.
pub(crate) fn make_id(name: &str) -> Result<String, char> {
    let lower = name.to_lowercase();
    for c in lower.chars() {
        let in_latin_ranges =
            ('\u{80}'..='\u{24f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c);
        if in_latin_ranges && c.is_alphabetic() {
            let base_is_ascii = c.nfkd().next().is_some_and(|b| b.is_ascii_alphabetic());
            if !base_is_ascii {
                return Err(c);
            }
        }
    }
    let ascii: String = lower.nfkd().filter(char::is_ascii).collect();
    let collapsed = ascii.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut id = String::with_capacity(collapsed.len());
    let mut in_run = false;
    for c in collapsed.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
            in_run = false;
        } else if !in_run {
            id.push('-');
            in_run = true;
        }
    }
    let id = id.trim_start_matches(|c: char| c == '-' || c.is_ascii_digit());
    Ok(id.trim_end_matches('-').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(make_id("The Rust Project").unwrap(), "the-rust-project");
        assert_eq!(
            make_id("Looking Forward (\"Is Rust ready yet?\")").unwrap(),
            "looking-forward-is-rust-ready-yet"
        );
        assert_eq!(
            make_id("State of Rust 0.11.0").unwrap(),
            "state-of-rust-0-11-0"
        );
        assert_eq!(make_id("2014: Café").unwrap(), "cafe");
        assert_eq!(make_id("42").unwrap(), "");
        assert_eq!(make_id("日本 x").unwrap(), "x");
        assert_eq!(make_id("Łódź"), Err('ł'));
    }
}
