//! The page shown instead of the site while a source file is broken.

use twir_escape::xml as escape;
use twir_site::livereload;

/// An HTML page listing `errors`, which reloads itself once they are fixed.
pub fn error_page(errors: &[String]) -> String {
    let mut items = String::new();
    for e in errors {
        items.push_str("<li><pre>");
        items.push_str(&escape(e));
        items.push_str("</pre></li>\n");
    }
    let mut page = format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Build error · twir serve</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; padding: 1rem; background: #2b0b0e; color: #ffe9ec; }}
main {{ max-width: 60rem; margin: 0 auto; }}
h1 {{ font-size: 1.4rem; }}
ul {{ list-style: none; padding: 0; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; background: #44141a; border-left: 4px solid #ff6b81; padding: 0.8rem 1rem; font-size: 0.95rem; }}
</style>
</head>
<body>
<main role="alert" class="twir-error-overlay">
<h1>The site could not be rebuilt</h1>
<p>Fix the file below and save: this page reloads by itself.</p>
<ul>
{items}</ul>
</main>
</body>
</html>
"#
    );
    livereload::inject(&mut page);
    page
}

/// A page saying that `path` does not exist and why (`reason`); it reloads itself after the
/// next rebuild, since a save may make it exist.
pub fn not_found_page(path: &str, reason: &str) -> String {
    let mut page = format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found · twir serve</title>
</head>
<body>
<main class="twir-not-found">
<h1>Not found: {}</h1>
<p>{}</p>
</main>
</body>
</html>
"#,
        escape(path),
        escape(reason)
    );
    livereload::inject(&mut page);
    page
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_messages() {
        let p = super::error_page(&["content/a.md:3: bad <Date>".into()]);
        assert!(p.contains("content/a.md:3: bad &lt;Date&gt;"));
        assert!(p.contains("livereload.js"));
        let p = super::not_found_page("/email/<5>/", "issue 5 is a draft");
        assert!(p.contains("Not found: /email/&lt;5&gt;/") && p.contains("issue 5 is a draft"));
        assert!(!p.contains("could not be rebuilt"));
    }
}
