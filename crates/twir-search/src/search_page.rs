//! The HTML the site embeds: the search box (with its lazy loader) and the fallback page.

/// HTML of the search box for page templates, with `base_url` the site root the pages are
/// served under (`""` or `"/"` for a site at the domain root, `"https://example.org"`,
/// `"/twir"`...); the box loads `{base_url}/search.js` and submits to `{base_url}/search/`.
///
/// Elements (one box per page: the ids are fixed):
/// - `div#twir-search.twir-search`: wrapper;
/// - `form#twir-search-form.twir-search-form[role=search]`: GET `{base}/search/?q=...`;
/// - `label.twir-search-label`, `input#twir-search-input.twir-search-input[name=q]`,
///   `button.twir-search-button`;
/// - `p#twir-search-status.twir-search-status`: "N results", "No results"... (live region);
/// - `ol#twir-search-results.twir-search-results`: filled with `li.twir-search-result`,
///   each `a.twir-search-link` (`span.twir-search-title`, `span.twir-search-sep`,
///   `span.twir-search-heading`), `span.twir-search-date`, `p.twir-search-snippet`
///   (matches in `mark`), then `button#twir-search-more.twir-search-more` when there are
///   more results.
///
/// A tiny inline script loads `search.js` on the first focus, key press, pointer press or
/// input in the box, or at once when the page URL has a `q` parameter. `search.js` adds a
/// small stylesheet (`style#twir-search-style`, first in `<head>` so site CSS wins) unless
/// the wrapper has a `data-no-css` attribute.
pub fn search_box_html(base_url: &str) -> String {
    let base = base_url.trim_end_matches('/');
    let attr = twir_escape::html_attr(base);
    // JSON string literal, with `<` escaped so `</script>` cannot end the script.
    let js_base = serde_json::to_string(base)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c");
    format!(
        r#"<div id="twir-search" class="twir-search">
<form id="twir-search-form" class="twir-search-form" role="search" action="{attr}/search/" method="get">
<label for="twir-search-input" class="twir-search-label">Search all issues</label>
<input id="twir-search-input" class="twir-search-input" type="search" name="q" placeholder="Search all issues" autocomplete="off" spellcheck="false" enterkeyhint="search">
<button type="submit" class="twir-search-button">Search</button>
</form>
<p id="twir-search-status" class="twir-search-status" role="status" aria-live="polite"></p>
<ol id="twir-search-results" class="twir-search-results"></ol>
</div>
<script>(function(){{var i=document.getElementById("twir-search-input"),d=0;if(!i)return;function go(){{if(d||window.twirSearch)return;d=1;var s=document.createElement("script");s.src={js_base}+"/search.js";s.async=true;document.head.appendChild(s)}}["focus","keydown","pointerdown","input"].forEach(function(e){{i.addEventListener(e,go)}});if(/[?&]q=/.test(location.search))go()}})();</script>
"#
    )
}

/// The standalone page written to `search/index.html`: a search box that works from the
/// URL (`/search/?q=const+generics`), so results can be shared. A site that wants its own
/// layout there overwrites the file after [`crate::write_index`] with a page that contains
/// [`search_box_html`].
pub fn search_page_html() -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem}}</style>
</head>
<body>
<main>
<h1>Search</h1>
{}<noscript><p>Searching needs JavaScript.</p></noscript>
</main>
</body>
</html>
"#,
        search_box_html("..")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn box_has_documented_ids_and_base() {
        let html = search_box_html("https://example.org/");
        for id in [
            "twir-search",
            "twir-search-form",
            "twir-search-input",
            "twir-search-status",
            "twir-search-results",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(html.contains("action=\"https://example.org/search/\""));
        assert!(html.contains("\"https://example.org\"+\"/search.js\""));
    }

    #[test]
    fn base_is_escaped() {
        let html = search_box_html("/a\"b</script>");
        assert!(html.contains("action=\"/a&quot;b&lt;/script&gt;/search/\""));
        assert!(!html.contains("b</script>"));
    }

    #[test]
    fn page_is_relative() {
        let page = search_page_html();
        assert!(page.contains("action=\"../search/\""));
        assert!(page.contains("name=\"viewport\""));
    }
}
