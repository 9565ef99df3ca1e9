//! Content-Transfer-Encodings of message bodies (RFC 2045): quoted-printable and base64, both
//! with CRLF line endings and lines well under the 998-octet limit of RFC 5322.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Longest encoded line, as RFC 2045 requires for both encodings.
const MAX_LINE: usize = 76;

/// A transfer encoding of a body part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransferEncoding {
    /// Readable when the text is mostly ASCII.
    QuotedPrintable,
    /// Smaller when the text is mostly non-ASCII.
    Base64,
}

impl TransferEncoding {
    /// The `Content-Transfer-Encoding` value.
    pub fn header_value(self) -> &'static str {
        match self {
            TransferEncoding::QuotedPrintable => "quoted-printable",
            TransferEncoding::Base64 => "base64",
        }
    }
}

/// Encodes `text` (any line endings) with whichever encoding is shorter, preferring
/// quoted-printable on a tie because it stays readable in a raw message.
pub fn encode_text(text: &str) -> (TransferEncoding, String) {
    let normalized = normalize_newlines(text);
    let qp = quoted_printable(&normalized);
    // base64 of n bytes is 4/3 n plus a CRLF per 76 characters.
    let b64_len = normalized.len().div_ceil(3) * 4 * (MAX_LINE + 2) / MAX_LINE;
    if qp.len() <= b64_len {
        (TransferEncoding::QuotedPrintable, qp)
    } else {
        (
            TransferEncoding::Base64,
            base64_lines(normalized.as_bytes()),
        )
    }
}

/// CRLF and lone CR become LF, so that every line break is encoded the same way.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Quoted-printable of text whose lines end with LF; hard line breaks become CRLF, long lines
/// get soft breaks (`=` CRLF). Lines starting with `From ` or `.` are escaped so that mbox
/// files and naive SMTP code cannot alter them.
pub fn quoted_printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        encode_line(line.as_bytes(), &mut out);
        if lines.peek().is_some() {
            out.push_str("\r\n");
        }
    }
    out
}

fn encode_line(line: &[u8], out: &mut String) {
    let mut col = 0;
    for (i, &b) in line.iter().enumerate() {
        let last = i + 1 == line.len();
        let at_start = i == 0;
        let literal = match b {
            b'=' => false,
            b' ' | b'\t' => !last,
            b'.' if at_start => false,
            b'F' if at_start && line.starts_with(b"From ") => false,
            33..=126 => true,
            _ => false,
        };
        let width = if literal { 1 } else { 3 };
        // Room for the soft-break `=`, except on the final chunk of the line.
        let limit = if last { MAX_LINE } else { MAX_LINE - 1 };
        if col + width > limit {
            out.push_str("=\r\n");
            col = 0;
        }
        if literal {
            out.push(b as char);
        } else {
            push_hex(out, b);
        }
        col += width;
    }
}

fn push_hex(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('=');
    out.push(HEX[usize::from(b >> 4)] as char);
    out.push(HEX[usize::from(b & 0xf)] as char);
}

/// base64 in lines of 76 characters separated by CRLF.
pub fn base64_lines(bytes: &[u8]) -> String {
    let encoded = STANDARD.encode(bytes);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / MAX_LINE * 2 + 2);
    for (i, chunk) in encoded.as_bytes().chunks(MAX_LINE).enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        // base64 output is ASCII, so every chunk is valid UTF-8.
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small reference decoder, so the tests check round trips rather than restate the encoder.
    fn decode_qp(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let joined = s.replace("=\r\n", "");
        let b = joined.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'=' {
                out.push(u8::from_str_radix(&joined[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    }

    #[test]
    fn qp_round_trips_and_keeps_lines_short() {
        let text = format!(
            "héllo = wörld \n{}\nFrom here\n.dot\ttab\t\n\n{}",
            "x".repeat(200),
            "é".repeat(100)
        );
        let qp = quoted_printable(&text);
        for line in qp.split("\r\n") {
            assert!(line.len() <= 76, "{line:?}");
            assert!(!line.ends_with(' ') && !line.ends_with('\t'), "{line:?}");
            assert!(
                !line.starts_with("From ") && !line.starts_with('.'),
                "{line:?}"
            );
        }
        assert!(!qp.replace("\r\n", "").contains('\n'));
        let back = String::from_utf8(decode_qp(&qp)).unwrap();
        assert_eq!(back.replace("\r\n", "\n"), text);
    }

    #[test]
    fn escapes_are_never_split() {
        let qp = quoted_printable(&"é".repeat(60));
        for line in qp.split("\r\n") {
            let body = line.strip_suffix('=').unwrap_or(line);
            assert_eq!(body.len() % 3, 0, "{line}");
        }
    }

    #[test]
    fn chooses_the_shorter_encoding() {
        let (enc, body) = encode_text("plain ascii text\r\nline two");
        assert_eq!(enc, TransferEncoding::QuotedPrintable);
        assert_eq!(body, "plain ascii text\r\nline two");
        let (enc, body) = encode_text(&"日本語のテキスト".repeat(40));
        assert_eq!(enc, TransferEncoding::Base64);
        assert!(body.split("\r\n").all(|l| l.len() <= 76));
        let bytes = STANDARD.decode(body.replace("\r\n", "")).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "日本語のテキスト".repeat(40)
        );
    }
}
