//! HTML and XML escaping: the one home of the character rules every twir crate that writes
//! markup follows.
//!
//! twir's output must match, byte for byte, what the tools it replaces wrote, and those
//! tools do not agree on how to escape: Python-Markdown writes `&`, `<` and `>` only in code,
//! docutils adds `"`, `@` and no-break spaces, Jinja2's markupsafe writes `'` as `&#39;`,
//! Pelican's feeds write line breaks in attributes as character references, XML documents
//! drop the characters XML 1.0 forbids. So there is one function per form, each named after
//! where its output goes, all built on [`write_mapped`].
//!
//! A general crate would not do (read from their sources): `v_htmlescape`, in the tree through
//! minijinja, always escapes `'` and `/` as `&#x27;` and `&#x2f;`; `html-escape` has forms
//! equal to [`push_html_text`] and [`html_attr`] but writes `'` as `&#x27;`, and neither
//! drops a character or knows `@` or no-break spaces, so seven of the nine forms here would
//! stay hand-written anyway, and a dependency for the other two (five lines each) buys nothing.
//!
//! The Markdown renderer keeps its own escaper (`twir_markdown` `tree::escape`), which
//! leaves `&` alone when it starts an entity, as Python-Markdown does, and scans with memchr:
//! it is a different rule, on the hottest path of every build.

use std::fmt::{self, Write};

mod decode;
pub use decode::decode_references;

/// Writes `s` to `out` with each character `map` names replaced: `Some(text)` writes `text`
/// instead (`""` drops the character), `None` keeps it. Runs of kept characters are copied
/// at once.
pub fn write_mapped<W: Write + ?Sized>(
    out: &mut W,
    s: &str,
    map: impl Fn(char) -> Option<&'static str>,
) -> fmt::Result {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        if let Some(rep) = map(c) {
            out.write_str(&s[last..i])?;
            out.write_str(rep)?;
            last = i + c.len_utf8();
        }
    }
    out.write_str(&s[last..])
}

/// [`write_mapped`] into a `String`, which cannot fail.
pub fn push_mapped(out: &mut String, s: &str, map: impl Fn(char) -> Option<&'static str>) {
    let _ = write_mapped(out, s, map);
}

/// Whether XML 1.0 allows `c` in a document at all.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// A C0 control other than tab, line feed and carriage return: an error in HTML, forbidden
/// in XML 1.0.
fn is_bad_control(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r')
}

/// Element content: `&`, `<` and `>` (Python-Markdown's code blocks, `html.escape(s,
/// quote=False)`).
pub fn push_html_text(out: &mut String, s: &str) {
    push_mapped(out, s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    });
}

/// A double-quoted attribute value: `&`, `<`, `>` and `"`.
pub fn html_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_mapped(&mut out, s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        _ => None,
    });
    out
}

/// A template value in an HTML template, as Jinja2's markupsafe writes it (`'` as `&#39;`),
/// with the C0 controls HTML forbids dropped (metadata may still carry one).
pub fn write_template_value<W: Write + ?Sized>(out: &mut W, s: &str) -> fmt::Result {
    write_mapped(out, s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        c if is_bad_control(c) => Some(""),
        _ => None,
    })
}

/// Text or an attribute value of an XML document (twir's feeds and sitemap): the five
/// predefined entities, and the characters XML 1.0 forbids dropped, since no escape can
/// represent them.
pub fn push_xml(out: &mut String, s: &str) {
    push_mapped(out, s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        c if !is_xml_char(c) => Some(""),
        _ => None,
    });
}

/// [`push_xml`] into a new string.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_xml(&mut out, s);
    out
}

/// Element content of a Pelican feed (`xml.sax.saxutils.escape`): `&`, `<` and `>`, with the
/// characters XML 1.0 forbids dropped.
pub fn push_feed_text(out: &mut String, s: &str) {
    push_mapped(out, s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        c if !is_xml_char(c) => Some(""),
        _ => None,
    });
}

/// An attribute value of a Pelican feed (`xml.sax.saxutils.quoteattr`): `"` too, and tab and
/// line breaks as character references so that attribute normalisation keeps them.
pub fn push_feed_attr(out: &mut String, s: &str) {
    push_mapped(out, s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\n' => Some("&#10;"),
        '\r' => Some("&#13;"),
        '\t' => Some("&#9;"),
        c if !is_xml_char(c) => Some(""),
        _ => None,
    });
}

/// Text and attribute values as docutils' HTML writer (Pelican's reStructuredText) writes
/// them: `"` in text too, `@` as `&#64;` (against address harvesting) and no-break spaces as
/// `&nbsp;`.
pub fn push_docutils(out: &mut String, s: &str) {
    push_mapped(out, s, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '@' => Some("&#64;"),
        '\u{a0}' => Some("&nbsp;"),
        _ => None,
    });
}

/// Text (`attr` false: `&`, `<`, `>`) or a double-quoted attribute value (`attr` true: `&`
/// and `"`) of the email edition, with no-break spaces written as `&nbsp;` so that they
/// survive editors and transfer encodings visibly.
pub fn push_email(out: &mut String, s: &str, attr: bool) {
    push_mapped(out, s, |c| match c {
        '&' => Some("&amp;"),
        '<' if !attr => Some("&lt;"),
        '>' if !attr => Some("&gt;"),
        '"' if attr => Some("&quot;"),
        '\u{a0}' => Some("&nbsp;"),
        _ => None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "a<b>&\"c\" 'd' @e\u{a0}f\tg\nh\ri\u{0}j\u{7}k\u{FFFE}l\u{FFFF}m é🦀";

    fn with(f: fn(&mut String, &str)) -> String {
        let mut out = String::from("[");
        f(&mut out, SAMPLE);
        out
    }

    #[test]
    fn each_form_writes_what_its_reference_writes() {
        let mut s = String::new();
        push_html_text(&mut s, SAMPLE);
        assert_eq!(
            s,
            "a&lt;b&gt;&amp;\"c\" 'd' @e\u{a0}f\tg\nh\ri\u{0}j\u{7}k\u{FFFE}l\u{FFFF}m é🦀"
        );
        assert_eq!(
            html_attr(SAMPLE),
            "a&lt;b&gt;&amp;&quot;c&quot; 'd' @e\u{a0}f\tg\nh\ri\u{0}j\u{7}k\u{FFFE}l\u{FFFF}m é🦀"
        );
        let mut t = String::new();
        write_template_value(&mut t, SAMPLE).unwrap();
        assert_eq!(
            t,
            "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39; @e\u{a0}f\tg\nh\rijk\u{FFFE}l\u{FFFF}m é🦀"
        );
        assert_eq!(
            xml(SAMPLE),
            "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos; @e\u{a0}f\tg\nh\rijklm é🦀"
        );
        assert_eq!(
            with(push_feed_text),
            "[a&lt;b&gt;&amp;\"c\" 'd' @e\u{a0}f\tg\nh\rijklm é🦀"
        );
        assert_eq!(
            with(push_feed_attr),
            "[a&lt;b&gt;&amp;&quot;c&quot; 'd' @e\u{a0}f&#9;g&#10;h&#13;ijklm é🦀"
        );
        assert_eq!(
            with(push_docutils),
            "[a&lt;b&gt;&amp;&quot;c&quot; 'd' &#64;e&nbsp;f\tg\nh\ri\u{0}j\u{7}k\u{FFFE}l\u{FFFF}m é🦀"
        );
        let mut e = String::new();
        push_email(&mut e, SAMPLE, false);
        assert_eq!(
            e,
            "a&lt;b&gt;&amp;\"c\" 'd' @e&nbsp;f\tg\nh\ri\u{0}j\u{7}k\u{FFFE}l\u{FFFF}m é🦀"
        );
        let mut e = String::new();
        push_email(&mut e, SAMPLE, true);
        assert_eq!(
            e,
            "a<b>&amp;&quot;c&quot; 'd' @e&nbsp;f\tg\nh\ri\u{0}j\u{7}k\u{FFFE}l\u{FFFF}m é🦀"
        );
    }

    #[test]
    fn kept_text_is_copied_whole_and_empty_stays_empty() {
        assert_eq!(xml(""), "");
        assert_eq!(xml("plain é🦀 text"), "plain é🦀 text");
        let mut out = String::from("x");
        push_mapped(&mut out, "aXbX", |c| (c == 'X').then_some(""));
        assert_eq!(out, "xab");
    }
}
