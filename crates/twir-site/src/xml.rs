//! Escaping for XML 1.0 documents (feeds, sitemap). Issue text can hold anything, including
//! characters XML 1.0 forbids outright (C0 controls), which escaping cannot represent: those
//! are dropped.

/// Whether XML 1.0 allows `c` in a document at all.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Appends `s` escaped for element content and attribute values to `out`.
pub fn push_escaped(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            c if !is_xml_char(c) => "",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + c.len_utf8();
    }
    out.push_str(&s[last..]);
}

/// `s` escaped for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// Pushes `<name>escaped text</name>`.
pub fn element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_escaped(out, text);
    out.push_str("</");
    out.push_str(name.split(' ').next().unwrap_or(name));
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_illegal_characters() {
        assert_eq!(
            escape("a < b & c ]]> \"d\" 'e'"),
            "a &lt; b &amp; c ]]&gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(
            escape("bell\u{7} tab\t nul\u{0} fffe\u{FFFE} é"),
            "bell tab\t nul fffe é"
        );
        let mut s = String::new();
        element(&mut s, "title type=\"html\"", "<b>");
        assert_eq!(s, "<title type=\"html\">&lt;b&gt;</title>");
    }
}
