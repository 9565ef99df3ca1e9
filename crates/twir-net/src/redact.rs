//! One redaction step for every text that comes from a server or a URL before it is printed,
//! logged or written: servers echo what they were sent (`Bad credentials for Bearer ghp_...`,
//! a 500 page dumping the request headers), and URLs carry credentials (`user:pw@`).
//!
//! [`redact`] removes:
//! - the values of known secrets: the environment variables of [`SECRET_ENV_VARS`] and every
//!   value passed to [`register_secret`] (tokens from a configuration file);
//! - the value after `Authorization` (header or JSON key) and after `Bearer`/`token`/`Basic`;
//! - URL credentials (`scheme://user:pw@host` becomes `scheme://[redacted]@host`);
//! - strings shaped like GitHub tokens (`ghp_…`, `github_pat_…`) and Mailchimp keys.
//!
//! Bodies of successful answers only lose the exact values of known secrets
//! ([`redact_known`]): patterns would damage ordinary data (a pull request titled "Bearer
//! auth" must keep its title).

use std::sync::RwLock;

use url::Url;

/// What a removed secret is replaced with.
pub const REDACTED: &str = "[redacted]";

/// Environment variables whose values are secrets wherever they appear.
pub const SECRET_ENV_VARS: &[&str] = &[
    "GITHUB_TOKEN",
    "GH_TOKEN",
    "MEETUP_TOKEN",
    "MAILCHIMP_API_KEY",
];

/// Shorter values are not treated as secrets (they would redact ordinary words).
const MIN_SECRET_LEN: usize = 6;

static REGISTERED: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Adds a secret value (a token read from a configuration file) to the ones [`redact`]
/// removes. Surrounding whitespace is ignored; very short values are not registered.
pub fn register_secret(value: &str) {
    let value = value.trim();
    if value.len() < MIN_SECRET_LEN {
        return;
    }
    if let Ok(mut r) = REGISTERED.write()
        && !r.iter().any(|v| v == value)
    {
        r.push(value.to_owned());
    }
}

/// The secret values known now: the environment's and the registered ones, longest first
/// (so that a secret containing another is removed whole).
fn known_secrets() -> Vec<String> {
    let mut out: Vec<String> = SECRET_ENV_VARS
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.trim().to_owned())
        .filter(|v| v.len() >= MIN_SECRET_LEN)
        .collect();
    if let Ok(r) = REGISTERED.read() {
        out.extend(r.iter().cloned());
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// `text` without any known secret value.
pub fn redact_known(text: &str) -> String {
    let mut out = text.to_owned();
    for secret in known_secrets() {
        if out.contains(&secret) {
            out = out.replace(&secret, REDACTED);
        }
    }
    out
}

/// `bytes` without any known secret value (a response body, before it is parsed).
pub fn redact_known_bytes(bytes: Vec<u8>) -> Vec<u8> {
    let mut out = bytes;
    for secret in known_secrets() {
        let finder = memchr::memmem::Finder::new(secret.as_bytes());
        if finder.find(&out).is_none() {
            continue;
        }
        let mut replaced = Vec::with_capacity(out.len());
        let mut last = 0;
        for at in finder.find_iter(&out) {
            replaced.extend_from_slice(&out[last..at]);
            replaced.extend_from_slice(REDACTED.as_bytes());
            last = at + secret.len();
        }
        replaced.extend_from_slice(&out[last..]);
        out = replaced;
    }
    out
}

/// `text` ready to print: known secrets, credential values, URL credentials and token-shaped
/// strings removed.
pub fn redact(text: &str) -> String {
    let text = redact_known(text);
    let text = redact_url_credentials(&text);
    let text = redact_after_keywords(&text);
    redact_token_shapes(&text)
}

/// A URL safe to show: no user name or password, and the values of query parameters that
/// look like credentials (`access_token`, `key`, `token`, `password`...) removed.
pub fn redact_url(url: &Url) -> Url {
    let mut u = url.clone();
    if !u.username().is_empty() || u.password().is_some() {
        let _ = u.set_username("");
        let _ = u.set_password(None);
    }
    if u.query().is_some() {
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| {
                let secret = is_secret_key(&k);
                (
                    k.into_owned(),
                    if secret {
                        REDACTED.to_owned()
                    } else {
                        redact(&v)
                    },
                )
            })
            .collect();
        if pairs.iter().any(|(_, v)| v.contains(REDACTED)) {
            u.query_pairs_mut().clear().extend_pairs(pairs);
        }
    }
    u
}

fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    [
        "token",
        "key",
        "secret",
        "password",
        "passwd",
        "auth",
        "signature",
        "sig",
    ]
    .iter()
    .any(|w| k == *w || k.ends_with(&format!("_{w}")) || k.contains("token"))
}

/// `scheme://user:pw@host` → `scheme://[redacted]@host`.
fn redact_url_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        // The authority ends at the first `/`, `?`, `#`, space, quote or bracket.
        let end = tail
            .find(|c: char| {
                matches!(c, '/' | '?' | '#' | '"' | '\'' | '<' | '>' | ')' | ']')
                    || c.is_whitespace()
            })
            .unwrap_or(tail.len());
        match tail[..end].rfind('@') {
            Some(at) if at > 0 => {
                out.push_str(REDACTED);
                out.push_str(&tail[at..end]);
            }
            _ => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '+' | '/' | '=')
}

/// The value after `Authorization` (as a header `Authorization: X` or a key
/// `"authorization": "X"`), and the credential after `Bearer`, `token` or `Basic` in such a
/// value or anywhere else (`Bearer abc` in an error message).
fn redact_after_keywords(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let rest = &lower[i..];
        if rest.starts_with("authorization") && word_start(&lower, i) {
            let key_end = i + "authorization".len();
            // Skip the separator: quotes, colon or equals sign, spaces.
            let sep = text[key_end..]
                .find(|c: char| !(c == '"' || c == '\'' || c == ':' || c == '=' || c == ' '))
                .map(|n| key_end + n)
                .unwrap_or(text.len());
            if text[key_end..sep].contains([':', '=']) {
                // The value runs to the end of the line or the closing quote.
                let quoted = text[key_end..sep].contains(['"', '\'']);
                let end = text[sep..]
                    .find(|c: char| c == '\n' || c == '\r' || (quoted && (c == '"' || c == '\'')))
                    .map(|n| sep + n)
                    .unwrap_or(text.len());
                if end > sep {
                    out.push_str(&text[i..sep]);
                    out.push_str(REDACTED);
                    i = end;
                    continue;
                }
            }
        }
        let mut matched = false;
        for scheme in ["bearer", "token", "basic"] {
            if rest.starts_with(scheme) && word_start(&lower, i) {
                let after = i + scheme.len();
                let spaces = text[after..]
                    .find(|c: char| c != ' ')
                    .map(|n| after + n)
                    .unwrap_or(text.len());
                if spaces == after {
                    continue;
                }
                let end = text[spaces..]
                    .find(|c: char| !is_token_char(c))
                    .map(|n| spaces + n)
                    .unwrap_or(text.len());
                // A credential is long and has a digit (so that "a token for the API" stays).
                let value = &text[spaces..end];
                if value.len() >= 8 && value.chars().any(|c| c.is_ascii_digit()) {
                    out.push_str(&text[i..spaces]);
                    out.push_str(REDACTED);
                    i = end;
                    matched = true;
                    break;
                }
            }
        }
        if matched {
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn word_start(lower: &str, i: usize) -> bool {
    lower[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_')
}

/// GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_` and 20+ characters)
/// and Mailchimp API keys (32 hex digits, `-us`, data-centre number).
fn redact_token_shapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if word_start(text, i) {
            let word_end = text[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                .map(|n| i + n)
                .unwrap_or(text.len());
            let word = &text[i..word_end];
            if looks_like_token(word) {
                out.push_str(REDACTED);
                i = word_end;
                continue;
            }
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn looks_like_token(word: &str) -> bool {
    let github = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]
        .iter()
        .any(|p| {
            word.strip_prefix(p).is_some_and(|rest| {
                rest.len() >= 20 && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        });
    let mailchimp = word.split_once("-us").is_some_and(|(key, dc)| {
        key.len() == 32
            && key.chars().all(|c| c.is_ascii_hexdigit())
            && !dc.is_empty()
            && dc.len() <= 3
            && dc.chars().all(|c| c.is_ascii_digit())
    });
    github || mailchimp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_values_and_credentials_are_removed() {
        register_secret("s3cr3t-config-token");
        register_secret("abc"); // too short to be treated as a secret
        let cases = [
            ("value s3cr3t-config-token here", "value [redacted] here"),
            (
                "Bad credentials for Bearer xyzzy12345",
                "Bad credentials for Bearer [redacted]",
            ),
            (
                "Authorization: token abcdef123456\nnext",
                "Authorization: [redacted]\nnext",
            ),
            (
                r#"{"headers":{"authorization":"Basic dXNlcjpwYXNz"}}"#,
                r#"{"headers":{"authorization":"[redacted]"}}"#,
            ),
            (
                "fetching https://user:pw@api.example.com/x failed",
                "fetching https://[redacted]@api.example.com/x failed",
            ),
            (
                "see https://x-access-token:t0ken@github.com/o/r.git",
                "see https://[redacted]@github.com/o/r.git",
            ),
            (
                "token ghp_0123456789abcdefghijABCDEFGHIJ012345 leaked",
                "token [redacted] leaked",
            ),
            (
                "key 0123456789abcdef0123456789abcdef-us21.",
                "key [redacted].",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(redact(input), want, "{input}");
        }
    }

    #[test]
    fn ordinary_text_is_kept() {
        for text in [
            "a token for the API, Bearer auth support, Basic usage",
            "https://api.github.com/repos/rust-lang/rust/pulls?page=2",
            "mail me@example.com about abc",
            "Rust 1.85: authorization is hard; ghp_short",
            "café ☕ — ünïcödé stays",
        ] {
            assert_eq!(redact(text), text);
        }
    }

    #[test]
    fn urls_lose_credentials_and_secret_parameters() {
        let u = Url::parse("https://me:pw@api.example.com/a?access_token=zzz&page=2").unwrap();
        let r = redact_url(&u);
        assert_eq!(
            r.as_str(),
            "https://api.example.com/a?access_token=%5Bredacted%5D&page=2"
        );
        let plain = Url::parse("https://api.example.com/a?page=2").unwrap();
        assert_eq!(redact_url(&plain), plain);
    }

    #[test]
    fn known_values_leave_bodies() {
        register_secret("body-secret-991");
        let body = br#"{"title":"echo body-secret-991"}"#.to_vec();
        assert_eq!(
            redact_known_bytes(body),
            br#"{"title":"echo [redacted]"}"#.to_vec()
        );
    }
}
