//! Link rules: duplicates, tracking parameters, URL hygiene, community-link style, the r/rust
//! discussion link and the project/tooling section policy.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;
use twir_content::text::QuickTrim;
use twir_content::{Link, LinkKind, Span, url_norm};
use url::Url;

use crate::check::{Ctx, DeferredLookup, Mode};
use crate::diagnostic::{Diagnostic, Fix};
use crate::index::IssueRef;
use crate::rules::placeholder::is_placeholder_url;
use crate::sections::{links_in, section_span};

pub(super) fn check(ctx: &mut Ctx) {
    let doc = ctx.doc;
    for link in &doc.links {
        url_hygiene(ctx, link);
        truncated_title(ctx, link);
    }
    community(ctx);
    discussion_link(ctx);
    if ctx.opts.deny_project_tooling_links {
        let span = section_span(doc, &ctx.opts.project_tooling_section);
        for link in links_in(doc, span) {
            let d = ctx
                .diag(
                    "project-tooling-link",
                    target(link),
                    format!(
                        "link in `{}`: pull requests no longer add links to this section",
                        ctx.opts.project_tooling_section
                    ),
                )
                .with_help(ctx.opts.project_tooling_policy.clone());
            ctx.push(d);
        }
    }
}

/// Where to point for a link: its URL when found, else the whole link.
fn target(link: &Link) -> Span {
    link.url_span.unwrap_or(link.span)
}

fn url_hygiene(ctx: &mut Ctx, link: &Link) {
    let url = link.url(&ctx.doc.source);
    if url.is_empty() || is_placeholder_url(url) {
        return;
    }
    let (query, fragment) = query_and_fragment(url);
    // Only a query can carry tracking parameters; most links have none.
    let params = if query {
        url_norm::tracking_params(url)
    } else {
        Vec::new()
    };
    if !params.is_empty() {
        let mut d = ctx.diag(
            "tracking-param",
            target(link),
            format!(
                "tracking parameter{} `{}` in URL",
                if params.len() > 1 { "s" } else { "" },
                params.join("`, `")
            ),
        );
        if let Some(s) = link.url_span {
            d = d
                .with_fix(Fix::safe(s, url_norm::strip_tracking(url)))
                .with_help("remove the tracking parameters");
        }
        ctx.push(d);
    }
    let common_scheme = ["https://", "http://", "mailto:"].iter().any(|p| {
        url.get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    });
    if common_scheme {
        if let Some((fixed, what)) = simplified(url, fragment) {
            simplifiable(ctx, link, fixed, what);
        }
        return;
    }
    match Url::parse(url) {
        // Python-Markdown reads `<core::ascii::Char>` as an HTML tag, not a link: `raw-html`
        // says what happens to it.
        Ok(u)
            if link.kind == LinkKind::Autolink
                && !matches!(u.scheme(), "http" | "https" | "ftp" | "mailto") => {}
        Ok(u) => {
            if !matches!(u.scheme(), "http" | "https" | "mailto") {
                let d = ctx.diag(
                    "bad-scheme",
                    target(link),
                    format!(
                        "`{}:` link: only http, https and mailto links work for every reader",
                        u.scheme()
                    ),
                );
                ctx.push(d);
            } else if let Some((fixed, what)) = simplified(url, fragment) {
                simplifiable(ctx, link, fixed, what);
            }
        }
        Err(url::ParseError::RelativeUrlWithoutBase) if looks_like_host(url) => {
            let mut d = ctx.diag(
                "bad-scheme",
                target(link),
                format!("`{url}` has no scheme and would be read as a relative path"),
            );
            if let Some(s) = link.url_span {
                d = d
                    .with_fix(Fix::suggest(s, format!("https://{url}")))
                    .with_help("add the scheme");
            }
            ctx.push(d);
        }
        Err(_) => {}
    }
}

/// Reports a URL that can be written simpler, with `fixed` as the safe fix.
fn simplifiable(ctx: &mut Ctx, link: &Link, fixed: String, what: &str) {
    let mut d = ctx.diag("simplifiable-url", target(link), format!("{what} in URL"));
    if let Some(s) = link.url_span {
        d = d
            .with_fix(Fix::safe(s, fixed))
            .with_help("write the simpler URL");
    }
    ctx.push(d);
}

/// Whether `url` holds a `?` and a `#`, in one pass without an early exit (which the compiler
/// runs many bytes at a time): URLs are short, and a `memchr` call for each question cost
/// more than the pass (callgrind: 1% of a whole-archive check for the two).
fn query_and_fragment(url: &str) -> (bool, bool) {
    url.bytes().fold((false, false), |(q, h), c| {
        (q | (c == b'?'), h | (c == b'#'))
    })
}

/// The URL written simpler, as TWiR's CI wants it, and what was simplified: repeated slashes
/// in the path collapsed, an empty `?` or `#` dropped. `fragment`: whether it holds a `#`.
fn simplified(url: &str, fragment: bool) -> Option<(String, &'static str)> {
    // URLs are short: a searcher per question cost 5% of a whole-archive check (callgrind).
    // `#` searched for only when there is one; adjacent slashes before it by looking at every
    // second byte (any `//` puts a `/` at an odd index, whose neighbours then tell).
    let b = url.as_bytes();
    let hash = if fragment {
        memchr::memchr(b'#', b)
    } else {
        None
    };
    let path = &b[..hash.unwrap_or(b.len())];
    let doubles = (1..path.len())
        .step_by(2)
        .filter(|&i| path[i] == b'/' && (path[i - 1] == b'/' || path.get(i + 1) == Some(&b'/')))
        .count();
    // The scheme's `//` is one; a second may be an empty path segment.
    if doubles >= 2
        && let Some(fixed) = collapse_slashes(url)
    {
        return Some((fixed, "empty path segment (`//`)"));
    }
    if let Some(head) = url.strip_suffix('#') {
        return Some((head.to_string(), "empty fragment (`#`)"));
    }
    let (before, frag) = match hash {
        Some(at) => (&url[..at], &url[at..]),
        None => (url, ""),
    };
    before
        .strip_suffix('?')
        .map(|head| (format!("{head}{frag}"), "empty query (`?`)"))
}

/// The URL with repeated slashes in its path collapsed, when it has any. A `//` after a `:`
/// (an archived URL inside the path) is kept.
fn collapse_slashes(url: &str) -> Option<String> {
    // Byte loops: a substring searcher, or comparing slice windows (a `memcmp` call each),
    // costs more than these short scans.
    let b = url.as_bytes();
    let after_scheme = (0..b.len().saturating_sub(2))
        .find(|&i| b[i] == b':' && b[i + 1] == b'/' && b[i + 2] == b'/')?
        + 3;
    let path_start = after_scheme + b[after_scheme..].iter().position(|&c| c == b'/')?;
    let path_end = b[path_start..]
        .iter()
        .position(|&c| c == b'?' || c == b'#')
        .map(|i| path_start + i)
        .unwrap_or(url.len());
    let path = &url[path_start..path_end];
    if !path
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'/' && w[1] == b'/')
    {
        return None;
    }
    let mut out = String::with_capacity(path.len());
    let mut prev = '\0';
    let mut changed = false;
    for c in path.chars() {
        if c == '/' && prev == '/' && !out.ends_with("://") && !out.ends_with(":/") {
            changed = true;
            continue;
        }
        out.push(c);
        prev = c;
    }
    changed.then(|| format!("{}{}{}", &url[..path_start], out, &url[path_end..]))
}

fn looks_like_host(url: &str) -> bool {
    let host = url.split(['/', '?', '#']).next().unwrap_or("");
    if url.starts_with("www.") {
        return true;
    }
    let Some((_, tld)) = host.rsplit_once('.') else {
        return false;
    };
    matches!(
        tld,
        "com" | "org" | "net" | "io" | "rs" | "dev" | "app" | "blog" | "me" | "co"
    ) && host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

fn truncated_title(ctx: &mut Ctx, link: &Link) {
    // 70 characters take 70 to 280 bytes; most titles are ruled out without counting.
    let maybe_cut = |s: &str| (70..=280).contains(&s.len()) && s.ends_with("...");
    let raw = match link.kind {
        LinkKind::Inline | LinkKind::Reference => {
            let t = ctx.doc.text(link.span);
            // `...]` by one searcher built once: comparing every 4-byte window called `memcmp`
            // for each byte of every link, and a search per `]` cost 1.4% of a whole-archive
            // check (callgrind).
            static CUT_END: LazyLock<memchr::memmem::Finder<'static>> =
                LazyLock::new(|| memchr::memmem::Finder::new(b"...]"));
            let may_end_cut = CUT_END.find(t.as_bytes()).is_some();
            may_end_cut
                .then(|| twir_content::inline::matching_bracket(t).map(|c| &t[1..c]))
                .flatten()
        }
        _ => None,
    };
    let cut = |s: &str| maybe_cut(s) && s.chars().count() == 70;
    if cut(link.text(&ctx.doc.source)) || raw.is_some_and(cut) {
        let d = ctx
            .diag(
                "truncated-title",
                link.span,
                "link title cut at 70 characters (ends in `...`)",
            )
            .with_help("use the article's full title");
        ctx.push(d);
    }
}

fn community(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let span = section_span(doc, &ctx.opts.community_section);
    let mut seen: FxHashMap<String, &Link> = FxHashMap::default();
    let keys = ctx.community_keys;
    for (k, link) in links_in(doc, span).enumerate() {
        let url = link.url(&doc.source);
        if link.kind == LinkKind::Image || url.is_empty() || is_placeholder_url(url) {
            continue;
        }
        // The caller's keys are `community_keys` of this document: the same links, in order.
        let key = match keys.and_then(|keys| keys.get(k)) {
            Some(key) => key.clone(),
            None => url_norm::normalize(url),
        };
        if let Some(first) = seen.get(&key) {
            let line = doc.line_of(first.span.start);
            let d = ctx
                .diag(
                    "duplicate-link",
                    target(link),
                    format!("duplicate link: already on line {line} of this issue"),
                )
                .with_help("keep one of the two entries");
            ctx.push(d);
        } else {
            if let Some(later) = ctx.deferred.as_mut() {
                later.push(DeferredLookup {
                    key: key.clone(),
                    span: target(link),
                });
            } else if let Some(issue) = ctx.info.recent.and_then(|r| r.lookup(&key)) {
                let d = published_duplicate(ctx.opts.mode, target(link), issue);
                ctx.push(d);
            }
            seen.insert(key, link);
        }
        style(ctx, link);
    }
}

/// The finding for a community link already published in `issue`, one of the recent ones.
pub(crate) fn published_duplicate(mode: Mode, span: Span, issue: &IssueRef) -> Diagnostic {
    Diagnostic::new(
        "duplicate-link",
        super::severity("duplicate-link", mode),
        span,
        format!("duplicate link: already published in {}", issue.describe()),
    )
    .with_help("remove the entry; it was in a recent issue")
}

fn style(ctx: &mut Ctx, link: &Link) {
    let url = link.url(&ctx.doc.source);
    if !ctx.opts.review || (!url.contains("github.com") && !url.contains("crates.io")) {
        return;
    }
    let Ok(u) = Url::parse(url) else {
        return;
    };
    let host = u.host_str().unwrap_or("").trim_start_matches("www.");
    let segments: Vec<&str> = u
        .path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).collect())
        .unwrap_or_default();
    if host == "github.com"
        && segments.len() == 2
        && u.query().is_none()
        && !matches!(
            segments[0],
            "orgs" | "sponsors" | "topics" | "features" | "marketplace" | "apps" | "settings"
        )
    {
        let d = ctx
            .diag(
                "repo-link",
                target(link),
                "link to a bare GitHub repository",
            )
            .with_help(
                "link to an announcement, a release or a blog post instead of the repository",
            );
        ctx.push(d);
    }
    if host == "crates.io" && segments.first() == Some(&"crates") {
        let d = ctx
            .diag("crates-io-link", target(link), "link to a crates.io page")
            .with_help("link to an announcement or a blog post about the crate");
        ctx.push(d);
    }
}

fn discussion_link(ctx: &mut Ctx) {
    let doc = ctx.doc;
    let Some(number) = doc.meta.number() else {
        return;
    };
    for link in &doc.links {
        // A prefix compared in place: lowering every link's text allocated once per link.
        let prefix = b"discuss on r/rust";
        let text = link.text(&doc.source).quick_trim_start().as_bytes();
        if !text
            .get(..prefix.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(prefix))
        {
            continue;
        }
        let url = link.url(&doc.source);
        if is_placeholder_url(url) || url.quick_trim().is_empty() {
            continue;
        }
        let Ok(u) = Url::parse(url) else {
            continue;
        };
        let host = u.host_str().unwrap_or("");
        if !(host == "reddit.com" || host.ends_with(".reddit.com") || host == "redd.it") {
            let d = ctx.diag(
                "stale-discussion-link",
                target(link),
                format!(
                    "\"Discuss on r/rust\" points to {host}, not to this issue's r/rust thread"
                ),
            );
            ctx.push(d);
            continue;
        }
        if let Some(found) = thread_number(u.path())
            && found != number
        {
            let d = ctx
                .diag(
                    "stale-discussion-link",
                    target(link),
                    format!("discussion thread of issue {found}, but this is issue {number}"),
                )
                .with_help(format!("link the thread `this_week_in_rust_{number}`"));
            ctx.push(d);
        }
    }
}

/// The issue number a thread slug names (`.../this_week_in_rust_665/`).
fn thread_number(path: &str) -> Option<u32> {
    let at = path.find("this_week_in_rust_")? + "this_week_in_rust_".len();
    let digits: String = path[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_only_path_slashes() {
        assert_eq!(
            collapse_slashes("https://a.org//x///y/?q=a//b").as_deref(),
            Some("https://a.org/x/y/?q=a//b")
        );
        assert_eq!(collapse_slashes("https://a.org/x/y"), None);
        assert_eq!(
            collapse_slashes("https://web.archive.org/web/1/https://a.org/x"),
            None
        );
    }

    #[test]
    fn simplifications() {
        let s = |u: &str| simplified(u, query_and_fragment(u).1).map(|(f, _)| f);
        assert_eq!(s("https://a.org/x?").as_deref(), Some("https://a.org/x"));
        assert_eq!(s("https://a.org/x#").as_deref(), Some("https://a.org/x"));
        assert_eq!(
            s("https://a.org/x?#y").as_deref(),
            Some("https://a.org/x#y")
        );
        assert_eq!(s("https://a.org/x?q=1#y"), None);
        assert_eq!(s("https://a.org/x#a?"), None);
    }

    #[test]
    fn thread_numbers() {
        assert_eq!(
            thread_number("/r/rust/comments/abc/this_week_in_rust_665/"),
            Some(665)
        );
        assert_eq!(
            thread_number("/r/rust/comments/abc/this_week_in_rust_42_this_week_in_rust/"),
            Some(42)
        );
        assert_eq!(thread_number("/r/rust/comments/abc/"), None);
    }

    #[test]
    fn host_like_relative_urls() {
        assert!(looks_like_host("www.rust-lang.org"));
        assert!(looks_like_host("github.com/rust-lang/rust"));
        assert!(!looks_like_host("/blog/2020/"));
        assert!(!looks_like_host("#jobs"));
        assert!(!looks_like_host("image.png"));
    }
}
