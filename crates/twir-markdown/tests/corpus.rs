//! Renders every issue of the TWiR corpus (when `../shared/corpus` exists)
//! and compares it with the Pelican reference after a light normalisation:
//! Pygments token spans removed, quote entities decoded, whitespace between
//! and inside blocks collapsed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is the failure report"
)]

/// Issues that must match the reference under this normalisation
/// (measured: 607 of 608; 2017-01-24 differs only in the attributes
/// Python-Markdown invents for `{4, 6}` after a code span, see FIDELITY.md).
const MIN_IDENTICAL: usize = 607;

/// The Markdown after the metadata header.
fn body(src: &str) -> &str {
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        pos += line.len();
        if line.trim().is_empty() {
            return &src[pos..];
        }
    }
    ""
}

fn normalise(html: &str) -> String {
    let mut s = String::with_capacity(html.len());
    let mut rest = html;
    // Drop Pygments' `<span class="…">` / `</span>` wrappers.
    while let Some(i) = rest.find("<span") {
        s.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(e) => rest = &rest[i + e + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    s.push_str(rest);
    let s = s
        .replace("</span>", "")
        .replace("&#39;", "'")
        .replace("&quot;", "\"");
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.ends_with('>') && c != '<' && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[test]
#[cfg_attr(twir_no_corpus, ignore = "needs ../shared/corpus (the TWiR archive)")]
fn corpus_matches_reference() {
    let dir = twir_testkit::corpus();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("content"))
        .expect("content dir readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
        .collect();
    files.sort();
    let mut identical = 0;
    let mut differing = Vec::new();
    for path in &files {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Ok(reference) =
            std::fs::read_to_string(dir.join("pelican-html").join(format!("{stem}.html")))
        else {
            continue;
        };
        let src = std::fs::read_to_string(path).expect("issue readable");
        let html = twir_markdown::render(body(&src));
        if normalise(&html) == normalise(&reference) {
            identical += 1;
        } else {
            differing.push(stem);
        }
    }
    eprintln!(
        "corpus: {identical} identical, {} differ: {differing:?}",
        differing.len()
    );
    assert!(
        identical >= MIN_IDENTICAL,
        "fidelity dropped: {identical} < {MIN_IDENTICAL}; differing: {differing:?}"
    );
}

#[test]
fn normalisation_is_sane() {
    assert_eq!(
        normalise("<p>a\n  b</p>\n<div class=\"highlight\"><span class=\"n\">x</span></div>"),
        "<p>a b</p><div class=\"highlight\">x</div>"
    );
}
