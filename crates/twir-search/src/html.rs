//! Cutting rendered body HTML into per-heading sections (see [`sections_from_html`]).

use crate::SearchSection;

/// Splits rendered body HTML into sections, one per `<h1>` to `<h4>` that has an `id`
/// attribute, plus a leading section (anchor `""`, heading `""`) for any text before the
/// first such heading. (Issues before 2018 use `<h1 id>` for their top-level sections.)
///
/// A section's `text` is the visible text up to the next such heading: tags are removed,
/// character references decoded, whitespace collapsed, and each block (paragraph, list item,
/// table row, line of a code block...) becomes one line, so that `\n` separates snippet
/// candidates. Comments, `<script>` and `<style>` are skipped. Headings without an `id` (and
/// `h1`, `h5`, `h6`) cannot be linked to, so their text stays in the current section.
/// Never fails: malformed HTML just gives less tidy text.
pub fn sections_from_html(html: &str) -> Vec<SearchSection> {
    let mut out = Vec::new();
    let mut current = SearchSection {
        anchor: String::new(),
        heading: String::new(),
        text: String::new(),
    };
    let mut body = Text::default();
    // Some((level, heading text so far)) while inside a sectioning heading.
    let mut in_heading: Option<(u8, Text)> = None;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = memchr_lt(bytes, i) else {
            push_text(&html[i..], &mut in_heading, &mut body);
            break;
        };
        push_text(&html[i..lt], &mut in_heading, &mut body);
        if html[lt..].starts_with("<!--") {
            i = html[lt..].find("-->").map_or(bytes.len(), |e| lt + e + 3);
            continue;
        }
        let Some(tag) = parse_tag(html, lt) else {
            // A lone `<` is text.
            push_text("<", &mut in_heading, &mut body);
            i = lt + 1;
            continue;
        };
        i = tag.end;
        let name = tag.name.to_ascii_lowercase();
        if !tag.closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            i = find_ci(html, i, &close).map_or(bytes.len(), |p| {
                html[p..].find('>').map_or(bytes.len(), |e| p + e + 1)
            });
            continue;
        }
        let level = heading_level(&name);
        if let Some((open_level, heading)) = &mut in_heading {
            if tag.closing && level == Some(*open_level) {
                current.heading = heading.finish_inline();
                in_heading = None;
            } else if is_block(&name) {
                heading.space();
            }
            continue;
        }
        match (level, tag.closing, tag.id) {
            (Some(l @ 1..=4), false, Some(id)) => {
                finish_section(&mut out, &mut current, &mut body);
                current.anchor = twir_escape::decode_references(id);
                in_heading = Some((l, Text::default()));
            }
            _ if is_block(&name) => body.newline(),
            _ => {}
        }
    }
    if let Some((_, heading)) = in_heading.as_mut() {
        // Unclosed heading at the end of input.
        current.heading = heading.finish_inline();
    }
    finish_section(&mut out, &mut current, &mut body);
    out
}

/// Pushes `current` if it is worth keeping (a heading, or text) and starts a blank one.
fn finish_section(out: &mut Vec<SearchSection>, current: &mut SearchSection, body: &mut Text) {
    current.text = body.finish_lines();
    let keep = !current.anchor.is_empty() || !current.text.is_empty();
    let done = std::mem::replace(
        current,
        SearchSection {
            anchor: String::new(),
            heading: String::new(),
            text: String::new(),
        },
    );
    if keep {
        out.push(done);
    }
}

fn push_text(raw: &str, in_heading: &mut Option<(u8, Text)>, body: &mut Text) {
    if raw.is_empty() {
        return;
    }
    let decoded = twir_escape::decode_references(raw);
    match in_heading {
        Some((_, h)) => h.push(&decoded),
        None => body.push(&decoded),
    }
}

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == b'<')
        .map(|p| p + from)
}

/// Case-insensitive ASCII search of `needle` in `hay[from..]`.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (from..h.len().saturating_sub(n.len() - 1)).find(|&p| h[p..p + n.len()].eq_ignore_ascii_case(n))
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "br"
            | "div"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "table"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "article"
            | "figure"
            | "figcaption"
    ) || name.is_empty()
}

/// One parsed tag: its name, whether it is `</...>`, its `id` (raw) and where it ends.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    id: Option<&'a str>,
    end: usize,
}

/// Parses the tag starting at `html[lt] == '<'`; `None` if it is not a tag.
fn parse_tag(html: &str, lt: usize) -> Option<Tag<'_>> {
    let b = html.as_bytes();
    let mut p = lt + 1;
    let closing = b.get(p) == Some(&b'/');
    if closing {
        p += 1;
    }
    let name_start = p;
    while p < b.len() && (b[p].is_ascii_alphanumeric() || b[p] == b'-') {
        p += 1;
    }
    if p == name_start {
        // `<!DOCTYPE`, `<?xml` and such: skip to `>`; anything else is text.
        if matches!(b.get(p), Some(b'!' | b'?')) {
            let end = html[p..].find('>').map_or(b.len(), |e| p + e + 1);
            return Some(Tag {
                name: "",
                closing: false,
                id: None,
                end,
            });
        }
        return None;
    }
    let name = &html[name_start..p];
    let mut id = None;
    // Attributes: name[=value], values quoted with ' or " or bare.
    loop {
        while p < b.len() && b[p].is_ascii_whitespace() {
            p += 1;
        }
        match b.get(p) {
            None => {
                return Some(Tag {
                    name,
                    closing,
                    id,
                    end: b.len(),
                });
            }
            Some(b'>') => {
                return Some(Tag {
                    name,
                    closing,
                    id,
                    end: p + 1,
                });
            }
            Some(b'/') => {
                p += 1;
                continue;
            }
            Some(_) => {}
        }
        let attr_start = p;
        while p < b.len() && !matches!(b[p], b'=' | b'>' | b'/') && !b[p].is_ascii_whitespace() {
            p += 1;
        }
        let attr = &html[attr_start..p];
        while p < b.len() && b[p].is_ascii_whitespace() {
            p += 1;
        }
        if b.get(p) != Some(&b'=') {
            if p == attr_start {
                p += 1; // stray character
            }
            continue;
        }
        p += 1;
        while p < b.len() && b[p].is_ascii_whitespace() {
            p += 1;
        }
        let value = match b.get(p) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = p + 1;
                let end = html[start..].find(q as char).map_or(b.len(), |e| start + e);
                p = (end + 1).min(b.len());
                &html[start..end]
            }
            _ => {
                let start = p;
                while p < b.len() && b[p] != b'>' && !b[p].is_ascii_whitespace() {
                    p += 1;
                }
                &html[start..p]
            }
        };
        if attr.eq_ignore_ascii_case("id") {
            id = Some(value);
        }
    }
}

/// Collects text with collapsed whitespace, as lines.
#[derive(Default)]
struct Text {
    out: String,
    line_has_text: bool,
    pending_space: bool,
}

impl Text {
    fn push(&mut self, s: &str) {
        for ch in s.chars() {
            if ch.is_whitespace() {
                self.pending_space = true;
            } else {
                if self.pending_space && self.line_has_text {
                    self.out.push(' ');
                }
                self.pending_space = false;
                self.line_has_text = true;
                self.out.push(ch);
            }
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn newline(&mut self) {
        if self.line_has_text {
            self.out.push('\n');
        }
        self.line_has_text = false;
        self.pending_space = false;
    }

    /// The text as `\n`-separated lines, and a reset.
    fn finish_lines(&mut self) -> String {
        let mut s = std::mem::take(&mut self.out);
        if s.ends_with('\n') {
            s.pop();
        }
        *self = Text::default();
        s
    }

    /// The text on one line.
    fn finish_inline(&mut self) -> String {
        self.finish_lines().replace('\n', " ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sec(anchor: &str, heading: &str, text: &str) -> SearchSection {
        SearchSection {
            anchor: anchor.into(),
            heading: heading.into(),
            text: text.into(),
        }
    }

    #[test]
    fn splits_on_headings_with_ids() {
        let html = "<p>Hello &amp; <em>welcome</em>!</p>\n\
            <h2 id=\"news\"><a class=\"toclink\" href=\"#news\">News &amp; Updates</a></h2>\n\
            <ul>\n<li><a href=\"x\">Tokio 1.0</a> released</li>\n<li>Two</li></ul>\n\
            <h3>No id</h3><p>still news</p><h5 id=\"fine\">Fine</h5>\
            <h4 id='deep'>Deep</h4><pre><code>fn main() {}\n</code></pre>";
        assert_eq!(
            sections_from_html(html),
            vec![
                sec("", "", "Hello & welcome!"),
                sec(
                    "news",
                    "News & Updates",
                    "Tokio 1.0 released\nTwo\nNo id\nstill news\nFine"
                ),
                sec("deep", "Deep", "fn main() {}"),
            ]
        );
    }

    #[test]
    fn skips_comments_scripts_and_styles() {
        let html = "<!-- hidden <h2 id=x>no</h2> --><script>var a = '<h2 id=y>';</script>\
            <STYLE>p{}</STYLE><h2 id=a>A</h2>text";
        assert_eq!(sections_from_html(html), vec![sec("a", "A", "text")]);
    }

    #[test]
    fn keeps_empty_headed_sections_and_decodes_numeric_references() {
        let html = "<h2 id=\"caf&#233;\">Caf&#xE9;</h2><h1 id=b>B &lt; C</h1>";
        assert_eq!(
            sections_from_html(html),
            vec![sec("café", "Café", ""), sec("b", "B < C", "")]
        );
    }

    #[test]
    fn references_next_to_multibyte_characters() {
        // 2026-05-27's `&& …unwrap()`: the 12-byte window ended inside `…`.
        let html = "<p>a &amp;&amp; \u{2026}unwrap() &amp\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}; &\u{1F980}\u{1F980}\u{1F980};</p>";
        assert_eq!(
            sections_from_html(html),
            vec![sec(
                "",
                "",
                "a && \u{2026}unwrap() &amp\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}; &\u{1F980}\u{1F980}\u{1F980};"
            )]
        );
        for cut in 0..16 {
            let s = format!("{}&{}", "x".repeat(cut), "\u{2026}".repeat(6));
            let _ = twir_escape::decode_references(&s);
        }
    }

    #[test]
    fn malformed_input_does_not_panic() {
        for html in [
            "<",
            "<h2 id=",
            "<h2 id=\"x\">open",
            "a < b &amp",
            "<!-- x",
            "<script>",
            "&#xFFFFFFFF;",
        ] {
            let _ = sections_from_html(html);
        }
        assert_eq!(
            sections_from_html("<h2 id=\"x\">open"),
            vec![sec("x", "open", "")]
        );
        assert_eq!(sections_from_html("a < b"), vec![sec("", "", "a < b")]);
    }
}
