//! Character references (`&amp;`, `&#39;`, `&#x2014;`) and backslash escapes, resolved the way
//! a Markdown renderer resolves them in link destinations and link text.

/// Named references editors actually write; others are kept as written.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("times", '×'),
    ("middot", '·'),
    ("bull", '•'),
    ("rarr", '→'),
    ("larr", '←'),
    ("hearts", '♥'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("auml", 'ä'),
    ("szlig", 'ß'),
    ("ccedil", 'ç'),
    ("ntilde", 'ñ'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("para", '¶'),
    ("sect", '§'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
    ("shy", '\u{ad}'),
];

/// If a character reference starts at `s[at] == '&'`, the character and the length written.
pub(super) fn reference(s: &str, at: usize) -> Option<(char, usize)> {
    let rest = &s[at + 1..];
    let semi = rest.bytes().take(33).position(|b| b == b';')?;
    let body = &rest[..semi];
    let len = semi + 2;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (h, 16),
            None => (num, 10),
        };
        let max = if radix == 16 { 6 } else { 7 };
        if digits.is_empty() || digits.len() > max || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let n = u32::from_str_radix(digits, radix).ok()?;
        let c = match n {
            0 => '\u{fffd}',
            n => char::from_u32(n).unwrap_or('\u{fffd}'),
        };
        return Some((c, len));
    }
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    NAMED
        .iter()
        .find(|(name, _)| *name == body)
        .map(|&(_, c)| (c, len))
}

/// `raw` with backslash escapes and character references resolved; `None` when that changes
/// nothing (nearly every URL), so that callers keep pointing at the source.
pub(super) fn unescape(raw: &str) -> Option<String> {
    // Nothing to resolve in nearly every URL.
    memchr::memchr2(b'\\', b'&', raw.as_bytes())?;
    let mut out = String::with_capacity(raw.len());
    let b = raw.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push_str(&raw[copied..i]);
                copied = i + 1;
                i += 2;
            }
            b'&' => match reference(raw, i) {
                Some((c, len)) => {
                    out.push_str(&raw[copied..i]);
                    out.push(c);
                    i += len;
                    copied = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    out.push_str(&raw[copied..]);
    (out != raw).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_escapes_and_references() {
        assert_eq!(
            unescape("a\\_b&amp;c&#39;d&#x2014;e").as_deref(),
            Some("a_b&c'd—e")
        );
        assert_eq!(unescape("a\\b &nope; & x"), None);
        assert_eq!(unescape("plain"), None);
    }
}
