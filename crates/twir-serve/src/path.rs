//! Request paths to files of the served site: percent-decoding and the rules a path must
//! follow before it is joined under the site folder.
//!
//! The raw path is split at `/` before decoding, so `%2F` can never make a separator, and each
//! decoded segment must be a plain file name: no `.` or `..`, nothing hidden, no separator or
//! control character, at most [`MAX_SEGMENT_BYTES`]. Anything else is simply not found.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// Longest request path (as sent, percent-encoded) answered with anything but 414.
pub const MAX_PATH_BYTES: usize = 4096;

/// Longest file name on the file systems a site is written to.
pub const MAX_SEGMENT_BYTES: usize = 255;

/// Why a request path names no file of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    /// Longer than [`MAX_PATH_BYTES`]: 414 URI Too Long.
    TooLong,
    /// Not a path any site file can have: 404.
    NotFound,
}

/// A request path, decoded into file names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SitePath {
    /// The decoded file names, in order (empty for `/`).
    pub segments: Vec<String>,
    /// Whether the path ends with `/` (a folder, served by its `index.html`).
    pub trailing_slash: bool,
}

impl SitePath {
    /// The path relative to the site folder.
    pub fn relative(&self) -> std::path::PathBuf {
        self.segments.iter().collect()
    }

    /// The canonical URL path of this site path (segments percent-encoded again).
    pub fn to_url_path(&self) -> String {
        let mut out = String::from("/");
        for (i, s) in self.segments.iter().enumerate() {
            if i > 0 {
                out.push('/');
            }
            encode_segment(s, &mut out);
        }
        if self.trailing_slash && !self.segments.is_empty() {
            out.push('/');
        }
        out
    }
}

/// Decodes the path of a request (`uri.path()`, without the query).
pub fn decode(raw: &str) -> Result<SitePath, PathError> {
    if raw.len() > MAX_PATH_BYTES {
        return Err(PathError::TooLong);
    }
    let rest = raw.strip_prefix('/').ok_or(PathError::NotFound)?;
    let mut segments = Vec::new();
    for seg in rest.split('/') {
        if seg.is_empty() {
            continue;
        }
        let name = decode_segment(seg).ok_or(PathError::NotFound)?;
        if !plain_name(&name) {
            return Err(PathError::NotFound);
        }
        segments.push(name);
    }
    Ok(SitePath {
        segments,
        trailing_slash: rest.is_empty() || raw.ends_with('/'),
    })
}

/// Whether `name` is a file name the site can contain and the server may show.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_SEGMENT_BYTES
        && !name.starts_with('.')
        && !name
            .chars()
            .any(|c| c.is_control() || matches!(c, '/' | '\\' | ':'))
}

/// Characters a segment keeps as they are when encoded again: RFC 3986's unreserved ones and
/// the sub-delimiters and `@` a path segment may hold.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

/// Percent-decodes one segment; `None` for a broken escape or bytes that are not UTF-8.
///
/// `percent-encoding` keeps a broken escape (`%zz`, a lone `%`) as it is; a request naming
/// one is refused here instead, since no file the site writes has such a name.
fn decode_segment(seg: &str) -> Option<String> {
    let bytes = seg.as_bytes();
    let broken = bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if broken {
        return None;
    }
    percent_decode_str(seg)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

fn encode_segment(s: &str, out: &mut String) {
    out.extend(utf8_percent_encode(s, SEGMENT));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> Vec<String> {
        decode(raw).unwrap().segments
    }

    #[test]
    fn traversal_and_odd_names_are_not_found_in_any_spelling() {
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a/..%2f..%2fx",
            "/%00",
            "/a%5c..%5cx",
            "/%zz",
            "/%4",
            "/%",
            "/C:/x",
            "/.git/config",
            "/.index.html.twir-tmp",
            "/a/./b",
            "/%ff%fe",
            "/a%0ab",
            "relative",
            "",
        ] {
            assert_eq!(decode(bad), Err(PathError::NotFound), "{bad}");
        }
        let long_name = format!("/{}", "a".repeat(MAX_SEGMENT_BYTES + 1));
        assert_eq!(decode(&long_name), Err(PathError::NotFound));
        let long_path = "/a".repeat(MAX_PATH_BYTES);
        assert_eq!(decode(&long_path), Err(PathError::TooLong));
    }

    #[test]
    fn ordinary_paths_decode() {
        assert_eq!(
            decode("/").unwrap(),
            SitePath {
                segments: vec![],
                trailing_slash: true
            }
        );
        assert_eq!(ok("/blog/2023/11/22/x/"), ["blog", "2023", "11", "22", "x"]);
        assert!(decode("/blog/x/").unwrap().trailing_slash);
        assert!(!decode("/blog/x").unwrap().trailing_slash);
        assert_eq!(ok("/a..b/c.html"), ["a..b", "c.html"]);
        assert_eq!(ok("/images/a%20b.png"), ["images", "a b.png"]);
        assert_eq!(ok("/caf%C3%A9//x"), ["café", "x"]);
        let name = "é".repeat(MAX_SEGMENT_BYTES / 2);
        assert_eq!(ok(&format!("/{name}")), [name]);
    }

    #[test]
    fn url_path_round_trips() {
        for raw in ["/", "/a%20b/c.html", "/caf%C3%A9/", "/x%25y"] {
            let p = decode(raw).unwrap();
            assert_eq!(p.to_url_path(), raw);
            assert_eq!(decode(&p.to_url_path()).unwrap(), p);
        }
    }
}
