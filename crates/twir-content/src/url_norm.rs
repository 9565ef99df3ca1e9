//! URL comparison for duplicate detection, and tracking-parameter handling.

use url::Url;

/// Query parameters that only track the reader.
pub fn is_tracking_param(name: &str, host: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("utm_")
        || matches!(
            n.as_str(),
            "fbclid"
                | "gclid"
                | "gclsrc"
                | "dclid"
                | "msclkid"
                | "yclid"
                | "twclid"
                | "igshid"
                | "mc_cid"
                | "mc_eid"
                | "_hsenc"
                | "_hsmi"
                | "mkt_tok"
                | "li_fat_id"
                | "trk"
                | "ref_src"
                | "ref_url"
        )
        // YouTube's share links add `si=`; elsewhere `si` may be meaningful.
        || (n == "si" && (host.ends_with("youtube.com") || host == "youtu.be" || host.ends_with("spotify.com")))
}

/// The names of the tracking parameters in `url`, in order.
pub fn tracking_params(url: &str) -> Vec<String> {
    let Ok(u) = Url::parse(url) else {
        return Vec::new();
    };
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    u.query_pairs()
        .filter(|(k, _)| is_tracking_param(k, &host))
        .map(|(k, _)| k.into_owned())
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
