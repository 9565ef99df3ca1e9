//! Parsing the RFC 8288 `Link` header used for pagination.

/// Targets of the pagination relations found in a `Link` header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageLinks {
    /// `rel="next"` target.
    pub next: Option<String>,
    /// `rel="last"` target, used to estimate the number of pages.
    pub last: Option<String>,
}

/// Extracts `next` and `last` targets from a `Link` header value.
///
/// Malformed parts are skipped rather than failing: a broken header should
/// end pagination, not the whole run.
pub fn parse_link_header(value: &str) -> PageLinks {
    let mut links = PageLinks::default();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let after_open = &rest[open + 1..];
        let Some(close) = after_open.find('>') else {
            break;
        };
        let target = &after_open[..close];
        let params_and_more = &after_open[close + 1..];
        // Parameters run until the next link value starts.
        let params_end = params_and_more.find('<').unwrap_or(params_and_more.len());
        let params = &params_and_more[..params_end];
        for rel in rel_values(params) {
            match rel {
                "next" if links.next.is_none() => links.next = Some(target.to_owned()),
                "last" if links.last.is_none() => links.last = Some(target.to_owned()),
                _ => {}
            }
        }
        rest = &params_and_more[params_end..];
    }
    links
}

/// Values of `rel` parameters; a quoted rel may hold several space-separated
/// relation types (`rel="next last"`).
fn rel_values(params: &str) -> impl Iterator<Item = &str> {
    params
        .split(';')
        .filter_map(|p| {
            let (name, value) = p.split_once('=')?;
            if !name.trim().eq_ignore_ascii_case("rel") {
                return None;
            }
            let value = value.trim().trim_end_matches(',').trim();
            Some(value.trim_matches('"'))
        })
        .flat_map(str::split_ascii_whitespace)
}

/// Reads the `page` query parameter of a URL, if numeric.
pub(crate) fn page_number(url: &url::Url) -> Option<u64> {
    url.query_pairs()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_style_header() {
        let h = r#"<https://api.github.com/search/issues?q=a%2Cb&page=2>; rel="next", <https://api.github.com/search/issues?q=a%2Cb&page=34>; rel="last""#;
        let l = parse_link_header(h);
        assert_eq!(
            l.next.as_deref(),
            Some("https://api.github.com/search/issues?q=a%2Cb&page=2")
        );
        assert_eq!(
            l.last.as_deref(),
            Some("https://api.github.com/search/issues?q=a%2Cb&page=34")
        );
    }

    #[test]
    fn last_page_has_no_next() {
        let h = r#"<https://x/?page=1>; rel="first", <https://x/?page=2>; rel="prev""#;
        assert_eq!(parse_link_header(h), PageLinks::default());
    }

    #[test]
    fn unquoted_and_multi_rel() {
        let l = parse_link_header(
            "<https://x/?page=3>; rel=next, <https://x/?page=9>; title=\"t\"; rel=\"last end\"",
        );
        assert_eq!(l.next.as_deref(), Some("https://x/?page=3"));
        assert_eq!(l.last.as_deref(), Some("https://x/?page=9"));
    }

    #[test]
    fn garbage_is_ignored() {
        assert_eq!(
            parse_link_header("<unterminated; rel=next"),
            PageLinks::default()
        );
        assert_eq!(parse_link_header(""), PageLinks::default());
    }

    #[test]
    fn page_number_reads_query() {
        let u = url::Url::parse("https://x/?per_page=100&page=7").unwrap();
        assert_eq!(page_number(&u), Some(7));
    }
}
