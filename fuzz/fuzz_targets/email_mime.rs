//! The message writer on any header values and bodies: a message is either refused with an
//! error or made of CRLF lines of at most 998 ASCII octets, with both bodies decoding back to
//! the text given (line breaks normalised) and no header line that a value could inject.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use twir_email::mime::{MessageParts, build_message};

#[derive(Arbitrary, Debug)]
struct Input {
    from: String,
    to: String,
    subject: String,
    message_id: String,
    unsubscribe: String,
    text: String,
    html: String,
}

fn decode_qp(s: &str) -> Vec<u8> {
    let joined = s.replace("=\r\n", "");
    let b = joined.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).expect("ASCII escape");
            out.push(u8::from_str_radix(hex, 16).expect("hex escape"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn decode_b64(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| !matches!(c, b'\r' | b'\n' | b'=')) {
        let v = ALPHABET.iter().position(|&a| a == c).expect("base64 alphabet") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

fuzz_target!(|input: Input| {
    let parts = MessageParts {
        from: &input.from,
        to: &input.to,
        subject: &input.subject,
        date: "Wed, 19 Aug 2026 12:00:00 -0400",
        message_id: &input.message_id,
        unsubscribe: &input.unsubscribe,
        text: &input.text,
        html: &input.html,
    };
    let Ok(message) = build_message(&parts) else {
        return;
    };
    assert!(message.is_ascii());
    let lines: Vec<&str> = message.split("\r\n").collect();
    for line in &lines {
        assert!(line.len() <= 998 && !line.contains(['\r', '\n']), "{line:?}");
    }
    // Headers: every line is a field or a fold; the header ends at the first empty line.
    let end = lines.iter().position(|l| l.is_empty()).expect("a header/body separator");
    for line in &lines[..end] {
        assert!(
            line.starts_with([' ', '\t']) || line.split_once(':').is_some_and(|(n, _)| {
                !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }),
            "{line:?}"
        );
    }
    let names: Vec<&str> = lines[..end]
        .iter()
        .filter(|l| !l.starts_with([' ', '\t']))
        .filter_map(|l| l.split_once(':').map(|(n, _)| n))
        .collect();
    assert_eq!(
        names,
        ["From", "To", "Subject", "Date", "Message-ID", "List-Unsubscribe", "MIME-Version", "Content-Type"]
    );
    // Bodies: each part decodes back to what was given.
    // The boundary is the parameter of Content-Type, the last header field (a value such as
    // the subject may hold `boundary="` too: the fuzzer found one).
    let boundary = lines[end - 1]
        .strip_prefix(" boundary=\"")
        .and_then(|r| r.strip_suffix('"'))
        .expect("Content-Type's boundary on the last header line");
    let delimiter = format!("\r\n--{boundary}");
    let sections: Vec<&str> = message.split(delimiter.as_str()).collect();
    assert_eq!(sections.len(), 4, "preamble, two parts, close");
    for (section, given) in sections[1..3].iter().zip([&input.text, &input.html]) {
        let (head, body) = section.split_once("\r\n\r\n").expect("part header");
        let bytes = if head.contains("quoted-printable") {
            decode_qp(body)
        } else {
            decode_b64(body)
        };
        let want = given.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(String::from_utf8(bytes).expect("UTF-8").replace("\r\n", "\n"), want);
    }
});
