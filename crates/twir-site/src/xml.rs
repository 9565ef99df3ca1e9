//! Elements of XML 1.0 documents (feeds, sitemap), escaped by [`twir_escape::push_xml`]:
//! issue text can hold anything, including characters XML 1.0 forbids outright (C0
//! controls), which escaping cannot represent, so those are dropped.

use twir_escape::push_xml;

/// Pushes `<name>escaped text</name>`.
pub fn element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_xml(out, text);
    out.push_str("</");
    out.push_str(name.split(' ').next().unwrap_or(name));
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;
    use twir_escape::xml as escape;

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
