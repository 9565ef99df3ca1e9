//! The `.eml` file: a complete RFC 5322 message with a multipart/alternative body (plain text
//! first, HTML last, as clients pick the last part they can show), CRLF line endings throughout.
//!
//! # Why not mail-builder
//! Written by hand, with a measured reason. Building the fixture edition (issue 3 of
//! `tests/fixtures/site`) with mail-builder 0.4.4 instead, same headers and bodies, gave a
//! different message (12,464 bytes against 12,396) that breaks what the tests and the
//! editors rely on:
//! - its multipart boundary comes from the clock and the thread, so two builds of the same
//!   edition differ (measured: two runs in a row, two messages); ours is a hash of the
//!   bodies, so a rebuilt edition is byte-identical and a diff shows real changes only;
//! - ASCII body lines are sent as they are: a line starting with `From ` or `.` stays so,
//!   and mbox files and naive SMTP relays alter it (`>From `, a lost dot); the
//!   quoted-printable writer here escapes both (`=46rom`, `=2E`);
//! - headers come out in another form (`"Crab Editors" <...>`, `=?utf-8?Q?...?=` instead of
//!   `=?UTF-8?B?...?=`, tab folding), so the `.eml` files would change for every issue.
//!
//! mail-parser (a dev-dependency) checks that the messages parse back exactly
//! (`tests/edition.rs`).

pub mod encode;
pub mod header;

use encode::encode_text;
pub use header::HeaderError;

/// Everything a message is made of. Header values are plain text: encoding is done here.
#[derive(Debug, Clone)]
pub struct MessageParts<'a> {
    /// `From:`, e.g. `This Week in Rust <twir@example.org>`.
    pub from: &'a str,
    /// `To:`, an address list or a group such as `undisclosed-recipients:;`.
    pub to: &'a str,
    /// `Subject:` (any Unicode).
    pub subject: &'a str,
    /// `Date:` in RFC 2822 form.
    pub date: &'a str,
    /// `Message-ID:` including the angle brackets.
    pub message_id: &'a str,
    /// The unsubscribe link or placeholder for `List-Unsubscribe:`.
    pub unsubscribe: &'a str,
    /// The plain-text alternative.
    pub text: &'a str,
    /// The HTML alternative.
    pub html: &'a str,
}

/// Assembles the message. Fails only on header values that cannot be encoded (line breaks,
/// malformed addresses).
pub fn build_message(p: &MessageParts<'_>) -> Result<String, HeaderError> {
    let boundary = boundary(p.text, p.html);
    let mut out = String::with_capacity(p.html.len() + p.text.len() + 2048);
    out.push_str(&header::addresses("From", p.from)?);
    out.push_str(&header::addresses("To", p.to)?);
    out.push_str(&header::unstructured("Subject", p.subject)?);
    out.push_str(&header::raw("Date", p.date)?);
    out.push_str(&header::raw("Message-ID", p.message_id)?);
    out.push_str(&header::raw("List-Unsubscribe", &angle(p.unsubscribe))?);
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str(&format!(
        "Content-Type: multipart/alternative;\r\n boundary=\"{boundary}\"\r\n"
    ));
    out.push_str("\r\nThis is a multi-part message in MIME format.\r\n");
    for (mime, body) in [("text/plain", p.text), ("text/html", p.html)] {
        let (encoding, encoded) = encode_text(body);
        out.push_str(&format!("\r\n--{boundary}\r\n"));
        out.push_str(&format!("Content-Type: {mime}; charset=utf-8\r\n"));
        out.push_str(&format!(
            "Content-Transfer-Encoding: {}\r\n\r\n",
            encoding.header_value()
        ));
        // The CRLF before each delimiter belongs to the delimiter (RFC 2046 section 5.1.1).
        out.push_str(&encoded);
    }
    out.push_str(&format!("\r\n--{boundary}--\r\n"));
    Ok(out)
}

/// `<...>` around a link, as `List-Unsubscribe` requires, unless already there.
fn angle(link: &str) -> String {
    let link = link.trim();
    if link.starts_with('<') && link.ends_with('>') {
        link.to_string()
    } else {
        format!("<{link}>")
    }
}

/// A boundary that cannot occur in either encoded body: quoted-printable escapes are `=` and
/// two hex digits and base64 has no `_`, so nothing encoded contains `=_`.
fn boundary(text: &str, html: &str) -> String {
    format!("=_twir_{:016x}", fnv1a(&[text.as_bytes(), html.as_bytes()]))
}

/// FNV-1a, a stable hash (unlike std's) so the same edition gives the same message.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(text: &'a str, html: &'a str) -> MessageParts<'a> {
        MessageParts {
            from: "T <t@example.org>",
            to: "undisclosed-recipients:;",
            subject: "Hello",
            date: "Wed, 19 Aug 2026 12:00:00 -0400",
            message_id: "<1@example.org>",
            unsubscribe: "*|UNSUB|*",
            text,
            html,
        }
    }

    #[test]
    fn crlf_only_and_short_lines() {
        let html = format!("<p>{}</p>\n<p>é</p>", "long ".repeat(500));
        let msg = build_message(&parts("text\nmore", &html)).unwrap();
        assert!(!msg.replace("\r\n", "").contains(['\r', '\n']));
        assert!(msg.split("\r\n").all(|l| l.len() <= 998));
        assert!(msg.contains("List-Unsubscribe: <*|UNSUB|*>\r\n"));
        assert!(msg.ends_with("--\r\n"));
        let b = boundary("text\nmore", &html);
        assert_eq!(msg.matches(&format!("--{b}\r\n")).count(), 2);
    }

    #[test]
    fn bad_headers_fail() {
        let mut p = parts("t", "h");
        p.from = "nobody";
        assert!(build_message(&p).is_err());
    }
}
