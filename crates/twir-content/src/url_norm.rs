//! URL comparison for duplicate detection, and tracking-parameter handling.

use crate::byte_set::byte_set;
use url::Url;

/// Query parameters that only track the reader.
pub fn is_tracking_param(name: &str, host: &str) -> bool {
    // Compared without lower-casing into a new string: this runs for every query parameter
    // of every link a check normalises.
    const NAMES: [&str; 17] = [
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "li_fat_id",
        "trk",
        "ref_src",
        "ref_url",
    ];
    name.as_bytes()
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"utm_"))
        || NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
        // YouTube's share links add `si=`; elsewhere `si` may be meaningful.
        || (name.eq_ignore_ascii_case("si")
            && (host.ends_with("youtube.com") || host == "youtu.be" || host.ends_with("spotify.com")))
}

/// The names of the tracking parameters in `url`'s query.
pub fn tracking_params(url: &str) -> Vec<String> {
    if clearly_untracked(url) {
        return Vec::new();
    }
    tracking_params_parsed(url)
}

/// Whether `url` is seen to hold no tracking parameter without parsing it. Most queries hold
/// none, and that shows when no name could change in the parser's hands: `%` and `+` are
/// decoded, tabs and line breaks removed, and spaces trimmed at the end (the values do not
/// matter). A name that looks like a tracking one, anywhere, takes the parse.
fn clearly_untracked(url: &str) -> bool {
    let Some((_, q)) = url.split_once('?') else {
        return true;
    };
    let q = q.split_once('#').map_or(q, |(q, _)| q);
    q.split('&').all(|pair| {
        let name = pair.split_once('=').map_or(pair, |(n, _)| n);
        !name.bytes().any(|b| b == b'%' || b == b'+' || b <= b' ')
            && !is_tracking_param(name, "youtube.com")
    })
}

/// [`tracking_params`] through a full URL parse.
fn tracking_params_parsed(url: &str) -> Vec<String> {
    let Ok(u) = Url::parse(url) else {
        return Vec::new();
    };
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    u.query_pairs()
        .filter(|(k, _)| is_tracking_param(k, &host))
        .map(|(k, _)| k.into_owned())
        .collect()
}

/// For tests and fuzzing: whether the parser-free answer of [`tracking_params`] (when it gives
/// one) is the parser's.
#[doc(hidden)]
pub fn tracking_fast_path_agrees(url: &str) -> bool {
    !clearly_untracked(url) || tracking_params_parsed(url).is_empty()
}

/// `url` without its tracking parameters, the rest of the text kept as written.
pub fn strip_tracking(url: &str) -> String {
    let Ok(u) = Url::parse(url) else {
        return url.to_string();
    };
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    let (before_frag, frag) = match url.find('#') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let Some((base, query)) = before_frag.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or("");
            !pair.is_empty() && !is_tracking_param(name, &host)
        })
        .collect();
    if kept.is_empty() {
        format!("{base}{frag}")
    } else {
        format!("{base}?{}{frag}", kept.join("&"))
    }
}

/// A key under which two URLs that point at the same page compare equal:
/// http = https, host case and `www.` ignored, repeated and trailing slashes ignored,
/// tracking parameters dropped, default ports dropped. Non-URLs compare as trimmed text.
pub fn normalize(url: &str) -> String {
    let trimmed = url.trim();
    if let Some(key) = normalize_plain(trimmed) {
        return key;
    }
    normalize_parsed(trimmed)
}

/// [`normalize`] through a full URL parse.
fn normalize_parsed(trimmed: &str) -> String {
    let Ok(u) = Url::parse(trimmed) else {
        return trimmed.to_string();
    };
    if !matches!(u.scheme(), "http" | "https") {
        return trimmed.to_string();
    }
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut path = String::with_capacity(u.path().len());
    let mut prev_slash = false;
    for c in u.path().chars() {
        if c == '/' && prev_slash {
            continue;
        }
        prev_slash = c == '/';
        path.push(c);
    }
    while path.ends_with('/') {
        path.pop();
    }
    let mut query: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| !is_tracking_param(k, host))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    query.sort();
    let mut key = format!(
        "{host}{}{path}",
        u.port().map(|p| format!(":{p}")).unwrap_or_default()
    );
    if !query.is_empty() {
        key.push('?');
        let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        key.push_str(&q.join("&"));
    }
    if let Some(f) = u.fragment().filter(|f| !f.is_empty()) {
        key.push('#');
        key.push_str(f);
    }
    key
}

/// ASCII letters and digits.
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// A 256-entry table of ASCII letters, digits and `extra`.
const fn alnum_and(extra: &[u8]) -> [bool; 256] {
    let mut t = byte_set(ALNUM, false);
    let mut k = 0;
    while k < extra.len() {
        t[extra[k] as usize] = true;
        k += 1;
    }
    t
}

// Lookup tables instead of `matches!` chains: every byte of every URL a check normalises goes
// through one of them (callgrind: the parser-free key cost 2,700 instructions a URL).
/// Bytes of a host name the parser-free path accepts.
const HOST_BYTE: [bool; 256] = alnum_and(b"-.");
/// Bytes a URL parser keeps unchanged in a path.
const PATH_BYTE: [bool; 256] = alnum_and(b"-._~!$&'()*+,;=:@/");
/// Bytes a URL parser keeps unchanged in a fragment.
const FRAGMENT_BYTE: [bool; 256] = alnum_and(b"-._~!$&'()*+,;=:@/?");
/// Bytes of a query that a parser keeps as they are and that decode to themselves.
const QUERY_BYTE: [bool; 256] = alnum_and(b"-._~=&");

/// Whether every byte of `s` is in `set`.
fn all_in(s: &str, set: &[bool; 256]) -> bool {
    s.bytes().all(|b| set[usize::from(b)])
}

/// [`normalize`] without a URL parser, for the common shape `http(s)://host/path?query#frag`
/// written in characters a parser would leave alone; `None` for anything else (ports, user
/// info, percent escapes, dot segments, IP addresses, non-ASCII...), which takes the full
/// parse. The corpus test checks that both give the same key on every archived URL.
fn normalize_plain(url: &str) -> Option<String> {
    // Byte loops throughout: a substring searcher per question, a lower-cased copy of the host
    // and a `push` per byte made this 7% of a whole-archive check (callgrind).
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let host = &rest[..host_end];
    if !plain_host(host.as_bytes()) {
        return None;
    }
    let after = &rest[host_end..];
    let (before_frag, frag) = match after.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (after, None),
    };
    let (path, query) = match before_frag.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (before_frag, None),
    };
    if !plain_path(path.as_bytes()) {
        return None;
    }
    if frag.is_some_and(|f| !all_in(f, &FRAGMENT_BYTE)) {
        return None;
    }
    let mut key = String::with_capacity(url.len());
    key.push_str(host);
    key.make_ascii_lowercase();
    if key.starts_with("www.") {
        key.replace_range(..4, "");
    }
    let host_len = key.len();
    // The path with each run of `/` written once, copied a run of bytes at a time.
    let mut start = 0;
    let mut prev_slash = false;
    for (i, &b) in path.as_bytes().iter().enumerate() {
        if b == b'/' && prev_slash {
            key.push_str(&path[start..i]);
            start = i + 1;
        }
        prev_slash = b == b'/';
    }
    key.push_str(&path[start..]);
    while key.len() > host_len && key.ends_with('/') {
        key.pop();
    }
    if let Some(q) = query {
        let host = key[..host_len].to_string();
        let host = host.as_str();
        if !all_in(q, &QUERY_BYTE) {
            return None;
        }
        let mut pairs: Vec<(&str, &str)> = q
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').unwrap_or((p, "")))
            .filter(|(k, _)| !is_tracking_param(k, host))
            .collect();
        pairs.sort();
        for (n, (k, v)) in pairs.iter().enumerate() {
            key.push(if n == 0 { '?' } else { '&' });
            key.push_str(k);
            key.push('=');
            key.push_str(v);
        }
    }
    if let Some(f) = frag.filter(|f| !f.is_empty()) {
        key.push('#');
        key.push_str(f);
    }
    Some(key)
}

/// Whether `host` is a name the parser-free key may take as written: ASCII letters, digits,
/// `-` and `.`, not starting with `.`, no empty label, a last label starting with a letter, no
/// punycode label (a parser validates those). One pass over the bytes: this runs for every
/// community link of every checked issue.
fn plain_host(host: &[u8]) -> bool {
    if host.first().is_none_or(|&b| b == b'.') {
        return false;
    }
    let mut last_dot = None;
    for (i, &b) in host.iter().enumerate() {
        if !HOST_BYTE[usize::from(b)] {
            return false;
        }
        if b == b'.' {
            // `i > 0`: the first byte is not a dot.
            if host[i - 1] == b'.' {
                return false;
            }
            last_dot = Some(i);
        } else if b == b'-' && i >= 3 && &host[i - 3..=i] == b"xn--" {
            return false;
        }
    }
    let tld = last_dot.map_or(host, |d| &host[d + 1..]);
    tld.first().is_some_and(u8::is_ascii_alphabetic)
}

/// Whether a URL parser keeps `path` as written: only bytes it leaves alone, and no dot segment
/// (`/.`), in one pass.
fn plain_path(path: &[u8]) -> bool {
    let mut prev = 0u8;
    for &b in path {
        if !PATH_BYTE[usize::from(b)] || (prev == b'/' && b == b'.') {
            return false;
        }
        prev = b;
    }
    true
}

/// For tests: `None` when `normalize` needs the URL parser for `url`, else whether the
/// parser-free key equals the parsed one.
#[doc(hidden)]
pub fn fast_path_agrees(url: &str) -> Option<bool> {
    let trimmed = url.trim();
    normalize_plain(trimmed).map(|k| k == normalize_parsed(trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass host and path checks against the separate checks they replaced.
    #[test]
    fn one_pass_checks_match_the_separate_ones() {
        let old_host = |host: &str| {
            let hb = host.as_bytes();
            let tld = host.rsplit('.').next().unwrap_or("");
            !host.is_empty()
                && hb.iter().all(|&b| HOST_BYTE[usize::from(b)])
                && !host.starts_with('.')
                && !hb.windows(2).any(|w| w == b"..")
                && tld.starts_with(|c: char| c.is_ascii_alphabetic())
                && !hb.windows(4).any(|w| w == b"xn--")
        };
        for host in [
            "",
            ".",
            "a",
            "a.com",
            ".a.com",
            "a..com",
            "a.com.",
            "www.rust-lang.org",
            "foo.1com",
            "xn--abc.com",
            "a.xn--b",
            "axn--b.com",
            "xn-",
            "xn--",
            "-x.io",
            "a_b.com",
            "é.com",
            "a.b.c.d.e",
            "1.2.3.4",
            "x.n--",
            "sub.xn-a--.com",
        ] {
            assert_eq!(plain_host(host.as_bytes()), old_host(host), "{host:?}");
        }
        let old_path = |p: &str| {
            p.bytes().all(|b| PATH_BYTE[usize::from(b)])
                && !p.as_bytes().windows(2).any(|w| w == b"/.")
        };
        for path in [
            "", "/", "/a/b", "/./a", "/a/.", "/a.b", ".a", "/a//b", "/a b", "/ü", "/%20",
        ] {
            assert_eq!(plain_path(path.as_bytes()), old_path(path), "{path:?}");
        }
    }

    #[test]
    fn parser_free_keys_match_parsed_keys() {
        for u in [
            "https://www.Example.com//blog//post/?utm_source=x&b=2&a=1#Frag",
            "http://a.org",
            "https://a.org/?",
            "https://a.org/x?y",
            "https://a.org/x?a=1&&b=#",
            "https://crates.io/crates/foo/1.0.0",
            "https://youtu.be/abc?si=Zx&t=10",
            "https://a.org/~user/(x)*;=:@!$'+,",
            "https://github.com/rust-lang/rust/pull/12345#issuecomment-1",
        ] {
            assert!(
                normalize_plain(u).is_some(),
                "{u} should take the fast path"
            );
            assert_eq!(fast_path_agrees(u), Some(true), "{u}");
        }
        for u in [
            "https://a.org:8080/x",
            "https://user@a.org/x",
            "https://a.org/%7Ex",
            "https://a.org/a/../b",
            "https://127.0.0.1/x",
            "https://a.org/x?q=a+b",
            "HTTPS://a.org/",
            "https://bücher.de/",
        ] {
            assert!(normalize_plain(u).is_none(), "{u} should take the parser");
        }
    }

    #[test]
    fn equivalent_urls_normalize_alike() {
        let a = normalize("http://www.Example.com//blog//post/?utm_source=x");
        let b = normalize("https://example.com/blog/post");
        assert_eq!(a, b);
        assert_ne!(
            normalize("https://a.org/x?id=1"),
            normalize("https://a.org/x?id=2")
        );
        assert_ne!(normalize("https://a.org/x"), normalize("https://a.org/y"));
        assert_eq!(
            normalize("https://a.org/x?b=2&a=1"),
            normalize("https://a.org/x?a=1&b=2")
        );
    }

    #[test]
    fn strips_only_tracking_params() {
        assert_eq!(
            strip_tracking("https://a.org/p?id=3&utm_source=rss&utm_medium=x#h"),
            "https://a.org/p?id=3#h"
        );
        assert_eq!(
            strip_tracking("https://a.org/p?fbclid=1"),
            "https://a.org/p"
        );
        assert_eq!(
            strip_tracking("https://youtu.be/abc?si=Zx"),
            "https://youtu.be/abc"
        );
        assert_eq!(
            strip_tracking("https://a.org/p?si=1"),
            "https://a.org/p?si=1"
        );
        assert_eq!(
            tracking_params("https://a.org/?gclid=1&utm_x=2"),
            ["gclid", "utm_x"]
        );
    }

    #[test]
    fn parser_free_tracking_answers_match_the_parser() {
        for u in [
            "https://a.org/?x=1&y=2",
            "https://a.org/?utm%5Fsource=1",
            "https://a.org/?ut\tm_source=1",
            "https://a.org/?a=1&utm_source ",
            "https://a.org/#x?utm_source=1",
            "https://a.org/?q=a%26utm_source%3D1",
            "https://a.org/?fb+clid=1",
            "https://youtu.be/x?si=1",
            "https://a.org/?si=1",
            "not a url?utm_source=1",
            "https://a.org/path",
        ] {
            assert!(tracking_fast_path_agrees(u), "{u}");
        }
        assert_eq!(
            tracking_params("https://a.org/?ut\nm_source=1"),
            ["utm_source"]
        );
        assert!(tracking_params("https://a.org/?q=a%26utm_source%3D1").is_empty());
    }
}
