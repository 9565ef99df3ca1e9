//! Raw HTML as CommonMark sees it: where an HTML block starts and ends (its content holds no
//! Markdown links), and how far an inline tag reaches (brackets inside it are not links).

/// How an HTML block ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HtmlEnd {
    /// At the first line containing this text (the line is part of the block).
    Marker(&'static str),
    /// At the first line containing one of the raw-text closing tags.
    RawText,
    /// At the next blank line.
    Blank,
}

/// Elements whose start tag opens an HTML block that runs to the next blank line, even in
/// the middle of a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// Elements whose content is raw text up to their closing tag.
const RAW_TAGS: &[&str] = &["pre", "script", "style", "textarea"];

/// Whether `line` (indentation already removed) opens an HTML block, and how it ends.
/// `in_paragraph`: a paragraph is open, which only the kinds other than "a lone tag" may
/// interrupt.
pub(super) fn block_start(line: &str, in_paragraph: bool) -> Option<HtmlEnd> {
    let rest = line.strip_prefix('<')?;
    if rest.starts_with("!--") {
        return Some(HtmlEnd::Marker("-->"));
    }
    if rest.starts_with('?') {
        return Some(HtmlEnd::Marker("?>"));
    }
    if rest.starts_with("![CDATA[") {
        return Some(HtmlEnd::Marker("]]>"));
    }
    if rest.starts_with('!') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(HtmlEnd::Marker(">"));
    }
    let (closing, name_part) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = name_part
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    let name = &name_part[..name_len];
    let after = &name_part[name_len..];
    let ends_name =
        after.is_empty() || after.starts_with([' ', '\t', '>']) || after.starts_with("/>");
    if !closing && ends_name && RAW_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return Some(HtmlEnd::RawText);
    }
    if ends_name && BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return Some(HtmlEnd::Blank);
    }
    // A complete tag alone on its line.
    if !in_paragraph
        && !name.is_empty()
        && let Some(end) = TagScanner::new().tag_end(line, 0)
        && line[end..].trim().is_empty()
        && !RAW_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
    {
        return Some(HtmlEnd::Blank);
    }
    None
}

/// True when `line` ends an HTML block of kind `end` (blank-line ends are handled by the caller).
pub(super) fn block_ends(line: &str, end: HtmlEnd) -> bool {
    match end {
        HtmlEnd::Marker(m) => line.contains(m),
        HtmlEnd::RawText => {
            let lower = line.to_ascii_lowercase();
            RAW_TAGS.iter().any(|t| lower.contains(&format!("</{t}>")))
        }
        HtmlEnd::Blank => false,
    }
}

/// Finds where inline HTML constructs end within one text. It remembers where a search for a
/// terminator (`-->`, `?>`, `]]>`, `>`) found none, so that a text full of unterminated
/// openers is scanned once rather than once per opener.
#[derive(Debug)]
pub(super) struct TagScanner {
    /// For each terminator, a position from which it is known not to occur.
    absent_from: [usize; 4],
}

impl TagScanner {
    /// A scanner for a new text.
    pub(super) fn new() -> TagScanner {
        TagScanner {
            absent_from: [usize::MAX; 4],
        }
    }

    /// If an inline HTML construct (tag, comment, processing instruction, declaration,
    /// CDATA) starts at `s[at] == '<'`, the index just after it.
    pub(super) fn tag_end(&mut self, s: &str, at: usize) -> Option<usize> {
        let rest = &s[at + 1..];
        if let Some(r) = rest.strip_prefix("!--") {
            // `<!-->` and `<!--->` are complete (empty) comments.
            if r.starts_with('>') {
                return Some(at + 5);
            }
            if r.starts_with("->") {
                return Some(at + 6);
            }
            return self.terminated(0, s, at + 4, "-->");
        }
        if rest.starts_with('?') {
            return self.terminated(1, s, at + 2, "?>");
        }
        if rest.starts_with("![CDATA[") {
            return self.terminated(2, s, at + 9, "]]>");
        }
        if let Some(r) = rest.strip_prefix('!') {
            if !r.starts_with(|c: char| c.is_ascii_alphabetic()) {
                return None;
            }
            return self.terminated(3, s, at + 2, ">");
        }
        element_tag_end(s, at)
    }

    /// The index after the first `end` in `s[from..]`, remembering when there is none.
    fn terminated(&mut self, kind: usize, s: &str, from: usize, end: &str) -> Option<usize> {
        if from >= self.absent_from[kind] {
            return None;
        }
        match memchr::memmem::find(&s.as_bytes()[from..], end.as_bytes()) {
            Some(e) => Some(from + e + end.len()),
            None => {
                self.absent_from[kind] = from;
                None
            }
        }
    }
}

/// If an HTML open or closing tag (not a comment or declaration) starts at `s[at] == '<'`,
/// the index just after it.
fn element_tag_end(s: &str, at: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = at + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
    {
        i += 1;
    }
    if closing {
        i = skip_space(b, i);
        return (b.get(i) == Some(&b'>')).then_some(i + 1);
    }
    loop {
        let spaced = skip_space(b, i);
        match b.get(spaced) {
            Some(b'>') => return Some(spaced + 1),
            Some(b'/') => return (b.get(spaced + 1) == Some(&b'>')).then_some(spaced + 2),
            Some(c) if spaced > i && (c.is_ascii_alphabetic() || *c == b'_' || *c == b':') => {
                i = attribute(b, spaced)?;
            }
            _ => return None,
        }
    }
}

/// Skips an attribute (`name`, `name=value`, quoted or not) starting at `i`; the index after it.
fn attribute(b: &[u8], mut i: usize) -> Option<usize> {
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b':' | b'-'))
    {
        i += 1;
    }
    let eq = skip_space(b, i);
    if b.get(eq) != Some(&b'=') {
        return Some(i);
    }
    let v = skip_space(b, eq + 1);
    match b.get(v)? {
        q @ (b'"' | b'\'') => {
            let close = b[v + 1..].iter().position(|c| c == q)?;
            Some(v + 1 + close + 1)
        }
        _ => {
            let len = b[v..]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace() && !b"\"'=<>`".contains(c))
                .count();
            (len > 0).then_some(v + len)
        }
    }
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
    {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag_end(s: &str, at: usize) -> Option<usize> {
        TagScanner::new().tag_end(s, at)
    }

    #[test]
    fn unterminated_comments_are_searched_once() {
        let s = "<!-- a ".repeat(2000);
        let mut t = TagScanner::new();
        assert!(t.tag_end(&s, 0).is_none());
        assert_eq!(t.absent_from[0], 4);
        assert!(t.tag_end(&s, 7).is_none());
        let s = "<!-- a --> <!-- b";
        let mut t = TagScanner::new();
        assert_eq!(t.tag_end(s, 0), Some(10));
        assert_eq!(t.tag_end(s, 11), None);
    }

    #[test]
    fn inline_tags() {
        let s = "a <span class=\"x\" data-y=1>b</span> <br/> <!-- c --> <a>";
        let at = s.find('<').unwrap();
        assert_eq!(
            &s[at..tag_end(s, at).unwrap()],
            "<span class=\"x\" data-y=1>"
        );
        let at = s.find("</").unwrap();
        assert_eq!(&s[at..tag_end(s, at).unwrap()], "</span>");
        let at = s.find("<br").unwrap();
        assert_eq!(&s[at..tag_end(s, at).unwrap()], "<br/>");
        let at = s.find("<!--").unwrap();
        assert_eq!(&s[at..tag_end(s, at).unwrap()], "<!-- c -->");
        assert!(tag_end("a < b", 2).is_none());
        assert!(tag_end("Vec<T, U>", 3).is_none());
        assert_eq!(tag_end("Vec<T>", 3), Some(6));
    }

    #[test]
    fn block_starts() {
        assert_eq!(
            block_start("<div align=center>", true),
            Some(HtmlEnd::Blank)
        );
        assert_eq!(block_start("<pre>", true), Some(HtmlEnd::RawText));
        assert_eq!(block_start("<!-- x", true), Some(HtmlEnd::Marker("-->")));
        assert_eq!(block_start("<img src=x>", false), Some(HtmlEnd::Blank));
        assert_eq!(block_start("<img src=x>", true), None);
        assert_eq!(block_start("<img src=x> text", false), None);
        assert_eq!(block_start("<https://x.org>", false), None);
        assert!(block_ends("x</PRE>", HtmlEnd::RawText));
    }
}
