//! Header fields (RFC 5322): folding, RFC 2047 encoded words for non-ASCII text, and mailbox
//! lists with display names quoted or encoded as needed.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Recommended longest header line (RFC 5322 section 2.1.1).
const FOLD_AT: usize = 78;
/// Longest line a message may hold, CRLF excluded (RFC 5322 section 2.1.1).
const MAX_LINE: usize = 998;
/// Bytes of UTF-8 per encoded word: 39 bytes -> 52 base64 characters -> a 64-character word,
/// which fits on a line after the longest header name used here.
const WORD_BYTES: usize = 39;

/// A header value that cannot be put in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError(pub String);

/// One `Name: value` field, folded, ending with CRLF. Non-ASCII values become encoded words.
pub fn unstructured(name: &str, value: &str) -> Result<String, HeaderError> {
    reject_line_breaks(value)?;
    let value = value.trim();
    let words = split_words(value);
    // A word too long for any line (only folding white space may be broken) goes out as
    // encoded words, which can be (the email_mime fuzz target found a 1,000-character subject
    // word written on one line).
    if value.is_ascii() && words.iter().all(|w| fits(name, w)) {
        fold(name, &words)
    } else {
        fold(name, &encoded_words(value))
    }
}

/// Whether `word` fits on a header line, after the field name on the first.
fn fits(name: &str, word: &str) -> bool {
    name.len() + 2 + word.len() <= MAX_LINE
}

/// A field whose value is already valid structured syntax (ASCII, e.g. a Message-ID).
pub fn raw(name: &str, value: &str) -> Result<String, HeaderError> {
    reject_line_breaks(value)?;
    if !value.is_ascii() {
        return Err(HeaderError(format!("{name}: non-ASCII text in {value:?}")));
    }
    fold(name, &split_words(value.trim()))
}

/// An address field (`From`, `To`): a comma-separated list of `Name <addr@host>` or
/// `addr@host`, or a group such as `undisclosed-recipients:;`.
pub fn addresses(name: &str, value: &str) -> Result<String, HeaderError> {
    reject_line_breaks(value)?;
    let value = value.trim();
    if value.is_empty() {
        return Err(HeaderError(format!("{name}: no address")));
    }
    if let Some(group) = value.strip_suffix(":;") {
        // An empty group names no one: the usual placeholder when recipients are added later.
        let words = display_name_words(group.trim())?;
        let mut words = words;
        if let Some(last) = words.last_mut() {
            last.push_str(":;");
        }
        return fold(name, &words);
    }
    let mut words = Vec::new();
    let mailboxes = split_list(value);
    let count = mailboxes.len();
    for (i, mailbox) in mailboxes.into_iter().enumerate() {
        let mut part = mailbox_words(mailbox.trim())?;
        if i + 1 < count
            && let Some(last) = part.last_mut()
        {
            last.push(',');
        }
        words.extend(part);
    }
    fold(name, &words)
}

/// The bare address of the first mailbox in `value` (`a@b.org` of `Name <a@b.org>`).
pub fn first_address(value: &str) -> Option<&str> {
    let first = split_list(value).into_iter().next()?.trim();
    let addr = match (first.rfind('<'), first.rfind('>')) {
        (Some(l), Some(r)) if l < r => &first[l + 1..r],
        _ => first,
    };
    Some(addr.trim())
}

fn reject_line_breaks(value: &str) -> Result<(), HeaderError> {
    if value.contains(['\r', '\n']) || value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(HeaderError(format!("control characters in {value:?}")));
    }
    Ok(())
}

/// Splits a list on commas outside quotes and angle brackets.
fn split_list(value: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut quoted, mut angle, mut start) = (false, false, 0);
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' if !quoted && !angle => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

fn mailbox_words(mailbox: &str) -> Result<Vec<String>, HeaderError> {
    let (display, addr) = match (mailbox.rfind('<'), mailbox.ends_with('>')) {
        (Some(l), true) => (mailbox[..l].trim(), &mailbox[l + 1..mailbox.len() - 1]),
        _ => ("", mailbox),
    };
    let addr = addr.trim();
    validate_addr_spec(addr)?;
    let mut words = display_name_words(display)?;
    words.push(format!("<{addr}>"));
    if display.is_empty() {
        words = vec![addr.to_string()];
    }
    Ok(words)
}

/// A plausible `local@domain`: ASCII, one `@`, no spaces or brackets. Servers check the rest.
fn validate_addr_spec(addr: &str) -> Result<(), HeaderError> {
    let ok = addr.is_ascii()
        && addr.matches('@').count() == 1
        && !addr.starts_with('@')
        && !addr.ends_with('@')
        && !addr.contains(|c: char| c.is_ascii_whitespace() || "<>()[],;\\\"".contains(c));
    if ok {
        Ok(())
    } else {
        Err(HeaderError(format!("{addr:?} is not an email address")))
    }
}

/// A display name as header words: atoms as is, specials quoted, non-ASCII encoded.
fn display_name_words(display: &str) -> Result<Vec<String>, HeaderError> {
    let unquoted = unquote(display);
    if unquoted.is_empty() {
        return Ok(Vec::new());
    }
    if !unquoted.is_ascii() {
        return Ok(encoded_words(&unquoted));
    }
    const SPECIALS: &str = "()<>[]:;@\\,.\"";
    if unquoted.contains(|c| SPECIALS.contains(c)) {
        let escaped = unquoted.replace('\\', "\\\\").replace('"', "\\\"");
        // A quoted string may be folded only at its spaces, which split_words keeps inside.
        return Ok(split_words(&format!("\"{escaped}\"")));
    }
    Ok(split_words(&unquoted))
}

fn unquote(display: &str) -> String {
    let t = display.trim();
    if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
        t[1..t.len() - 1]
            .replace("\\\"", "\"")
            .replace("\\\\", "\\")
    } else {
        t.to_string()
    }
}

fn split_words(value: &str) -> Vec<String> {
    value.split_whitespace().map(str::to_string).collect()
}

/// `=?UTF-8?B?...?=` words, each covering whole characters.
fn encoded_words(value: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chunk_start = 0;
    let mut chunk_len = 0;
    for (i, c) in value.char_indices() {
        if chunk_len + c.len_utf8() > WORD_BYTES {
            words.push(encoded_word(&value[chunk_start..i]));
            chunk_start = i;
            chunk_len = 0;
        }
        chunk_len += c.len_utf8();
    }
    if chunk_len > 0 {
        words.push(encoded_word(&value[chunk_start..]));
    }
    words
}

fn encoded_word(text: &str) -> String {
    format!("=?UTF-8?B?{}?=", STANDARD.encode(text.as_bytes()))
}

/// Joins words with spaces, breaking lines (CRLF + space) before a word that would pass 78
/// columns. A single word longer than that stays whole; one that cannot fit in the hard limit
/// of 998 (a Message-ID or an address cannot be broken) is an error.
fn fold(name: &str, words: &[String]) -> Result<String, HeaderError> {
    if let Some(long) = words.iter().find(|w| !fits(name, w)) {
        return Err(HeaderError(format!(
            "{name}: a {}-character word does not fit on a header line ({MAX_LINE} at most)",
            long.len()
        )));
    }
    let mut out = format!("{name}:");
    let mut col = out.len();
    for word in words {
        if col + 1 + word.len() > FOLD_AT && col > name.len() + 1 {
            out.push_str("\r\n");
            col = 0;
        }
        out.push(' ');
        out.push_str(word);
        col += 1 + word.len();
    }
    out.push_str("\r\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_header_line_passes_998_octets() {
        let word = ",f@".repeat(400);
        let subject = unstructured("Subject", &format!("Crabs {word} 3")).unwrap();
        assert!(
            subject.split("\r\n").all(|l| l.len() <= MAX_LINE),
            "{subject}"
        );
        assert!(subject.contains("=?UTF-8?B?"), "{subject}");
        let err = raw("Message-ID", &format!("<{}@x>", "a".repeat(1_000))).unwrap_err();
        assert!(err.0.contains("does not fit on a header line"), "{err:?}");
        assert_eq!(
            unstructured("Subject", "This Week in Rust 665").unwrap(),
            "Subject: This Week in Rust 665\r\n"
        );
    }

    #[test]
    fn ascii_subjects_fold_at_spaces() {
        assert_eq!(
            unstructured("Subject", "This Week in Rust 1").unwrap(),
            "Subject: This Week in Rust 1\r\n"
        );
        let long = "word ".repeat(30);
        let h = unstructured("Subject", &long).unwrap();
        assert!(h.split("\r\n").all(|l| l.len() <= 78), "{h}");
        assert!(h.contains("\r\n word"));
    }

    #[test]
    fn non_ascii_is_encoded_on_char_boundaries() {
        let h = unstructured("Subject", &"Ce qui s'est passé en Rust — ".repeat(4)).unwrap();
        assert!(h.is_ascii());
        assert!(h.split("\r\n").all(|l| l.len() <= 78), "{h}");
        assert!(h.starts_with("Subject: =?UTF-8?B?"));
        let decoded: String = h
            .split_whitespace()
            .filter_map(|w| w.strip_prefix("=?UTF-8?B?")?.strip_suffix("?="))
            .map(|b| String::from_utf8(STANDARD.decode(b).unwrap()).unwrap())
            .collect();
        assert_eq!(decoded, "Ce qui s'est passé en Rust — ".repeat(4).trim());
    }

    #[test]
    fn header_injection_is_refused() {
        assert!(unstructured("Subject", "a\r\nBcc: x@y.org").is_err());
        assert!(addresses("To", "a@b.org\nBcc: c@d.org").is_err());
    }

    #[test]
    fn mailboxes_and_groups() {
        assert_eq!(
            addresses("From", "This Week in Rust <twir@example.org>").unwrap(),
            "From: This Week in Rust <twir@example.org>\r\n"
        );
        assert_eq!(
            addresses("From", "Rust Weekly Inc. <a@b.org>").unwrap(),
            "From: \"Rust Weekly Inc.\" <a@b.org>\r\n"
        );
        assert_eq!(
            addresses("To", "undisclosed-recipients:;").unwrap(),
            "To: undisclosed-recipients:;\r\n"
        );
        assert_eq!(
            addresses("To", "a@b.org, \"X, Y\" <c@d.org>").unwrap(),
            "To: a@b.org, \"X, Y\" <c@d.org>\r\n"
        );
        let h = addresses("From", "Crabé <c@d.org>").unwrap();
        assert!(
            h.starts_with("From: =?UTF-8?B?") && h.ends_with(" <c@d.org>\r\n"),
            "{h}"
        );
        assert!(addresses("From", "Nobody <not an address>").is_err());
        assert!(addresses("From", "").is_err());
        assert_eq!(first_address("A <a@b.org>, c@d.org"), Some("a@b.org"));
    }
}
