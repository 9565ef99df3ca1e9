//! Pelican's automatic summary: the first `SUMMARY_MAX_LENGTH` words of an article's HTML,
//! then ` …` and the closing tags of the elements still open (Pelican's
//! `truncate_html_words`, itself from Django).
//!
//! Words are counted in text as Python's `HTMLParser` hands it out (text runs end at `<`
//! and `&`): a word is a run of Latin, extended-Latin or Cyrillic letters and digits (with
//! `-` and `'` inside), or one CJK character. Entity and character references join the word
//! around them when they stand for a word character.

/// Truncates `html` after `max_words` words; the input itself when it has fewer.
pub fn truncate_html_words(html: &str, max_words: usize, end_text: &str) -> String {
    if max_words == 0 {
        return String::new();
    }
    let mut t = Truncator {
        max: max_words,
        found: 0,
        open: Vec::new(),
        last_word_end: None,
    };
    let Some(at) = t.run(html) else {
        return html.to_string();
    };
    let mut out = String::with_capacity(at + 64);
    out.push_str(&html[..at]);
    if !end_text.is_empty() {
        out.push(' ');
        out.push_str(end_text);
    }
    for tag in &t.open {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
    out
}

struct Truncator {
    max: usize,
    found: usize,
    /// Open elements, innermost first.
    open: Vec<String>,
    last_word_end: Option<usize>,
}

const SINGLETS: &[&str] = &[
    "br", "col", "link", "base", "img", "param", "area", "hr", "input",
];

fn is_sbc(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{C0}'..='\u{24F}').contains(&c)
        || ('\u{400}'..='\u{4FF}').contains(&c)
}

fn is_dbc(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{AC00}'..='\u{D7FF}'
        | '\u{3130}'..='\u{318F}')
}

/// The next word in `data` at or after byte `from`: (start, end).
fn next_word(data: &str, from: usize) -> Option<(usize, usize)> {
    let mut it = data[from..].char_indices().map(|(i, c)| (i + from, c));
    while let Some((i, c)) = it.next() {
        if is_dbc(c) && !is_sbc(c) {
            return Some((i, i + c.len_utf8()));
        }
        if is_sbc(c) {
            let mut end = i + c.len_utf8();
            for (j, d) in it.by_ref() {
                if is_sbc(d) || d == '-' || d == '\'' {
                    end = j + d.len_utf8();
                } else {
                    break;
                }
            }
            return Some((i, end));
        }
    }
    None
}

/// Word characters as Python's `\w` (for the first character of a reference).
fn is_python_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Truncator {
    /// Returns the byte offset to cut at, or None when the text has fewer words.
    fn run(&mut self, s: &str) -> Option<usize> {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let j = s[i..].find(['<', '&']).map_or(b.len(), |k| i + k);
            if i < j {
                if let Some(at) = self.data(s, i, j) {
                    return Some(at);
                }
                i = j;
                continue;
            }
            if b[i] == b'<' {
                match self.markup(s, i) {
                    Markup::Start(name, end) => {
                        if let Some(at) = self.add_last_word() {
                            return Some(at);
                        }
                        if !SINGLETS.contains(&name.as_str()) {
                            self.open.insert(0, name.clone());
                        }
                        i = end;
                        if matches!(name.as_str(), "script" | "style") {
                            // Raw text up to the closing tag.
                            let close = format!("</{name}");
                            let lower = s[i..].to_ascii_lowercase();
                            let k = lower.find(&close).map_or(b.len(), |k| i + k);
                            if i < k
                                && let Some(at) = self.data(s, i, k)
                            {
                                return Some(at);
                            }
                            i = k;
                        }
                    }
                    Markup::End(name, end) => {
                        if let Some(at) = self.add_last_word() {
                            return Some(at);
                        }
                        if let Some(k) = self.open.iter().position(|t| *t == name) {
                            self.open.drain(..=k);
                        }
                        i = end;
                    }
                    Markup::Other(end) => i = end,
                    Markup::Text => {
                        if let Some(at) = self.data(s, i, i + 1) {
                            return Some(at);
                        }
                        i += 1;
                    }
                    Markup::Incomplete => return None,
                }
            } else {
                match reference(s, i) {
                    Ref::Found { ch, end } => {
                        if let Some(at) = self.reference(ch, end) {
                            return Some(at);
                        }
                        i = end;
                    }
                    Ref::Text => {
                        if let Some(at) = self.data(s, i, i + 1) {
                            return Some(at);
                        }
                        i += 1;
                    }
                    Ref::TextThenStop => return self.data(s, i, i + 2),
                    Ref::Incomplete => return None,
                }
            }
        }
        None
    }

    fn add_word(&mut self, end: usize) -> Option<usize> {
        self.found += 1;
        self.last_word_end = None;
        (self.found == self.max).then_some(end)
    }

    fn add_last_word(&mut self) -> Option<usize> {
        match self.last_word_end {
            Some(e) => self.add_word(e),
            None => None,
        }
    }

    /// A run of text `s[start..end]`.
    fn data(&mut self, s: &str, start: usize, end: usize) -> Option<usize> {
        let data = &s[start..end];
        let mut word_end = 0;
        while self.found < self.max {
            let Some((ws, we)) = next_word(data, word_end) else {
                break;
            };
            if ws > 0
                && let Some(at) = self.add_last_word()
            {
                return Some(at);
            }
            word_end = we;
            self.last_word_end = Some(start + we);
        }
        if word_end < data.len() {
            return self.add_last_word();
        }
        None
    }

    fn reference(&mut self, ch: Option<char>, end: usize) -> Option<usize> {
        match (self.last_word_end, ch) {
            (None, Some(c)) if is_python_word(c) => {
                self.last_word_end = Some(end);
                None
            }
            (None, _) => None,
            (Some(_), Some(c)) if is_sbc(c) || is_dbc(c) => {
                self.last_word_end = Some(end);
                None
            }
            (Some(_), _) => self.add_last_word(),
        }
    }

    fn markup(&self, s: &str, i: usize) -> Markup {
        let b = s.as_bytes();
        let rest = &s[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            return match comment.find("-->") {
                Some(e) => Markup::Other(i + 4 + e + 3),
                None => Markup::Incomplete,
            };
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            return match rest.find('>') {
                Some(e) => Markup::Other(i + e + 1),
                None => Markup::Incomplete,
            };
        }
        let closing = rest.starts_with("</");
        let name_start = i + if closing { 2 } else { 1 };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if closing {
                return match rest.find('>') {
                    Some(e) => Markup::Other(i + e + 1),
                    None => Markup::Incomplete,
                };
            }
            return if i + 1 < b.len() {
                Markup::Text
            } else {
                Markup::Incomplete
            };
        }
        let mut k = name_start;
        while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'/' && b[k] != b'>' {
            k += 1;
        }
        let name = s[name_start..k].to_ascii_lowercase();
        let Some(end) = tag_close(s, k) else {
            return Markup::Incomplete;
        };
        if closing {
            Markup::End(name, end)
        } else {
            Markup::Start(name, end)
        }
    }
}

enum Markup {
    Start(String, usize),
    End(String, usize),
    Other(usize),
    Text,
    Incomplete,
}

/// End (after `>`) of a tag whose attributes start at `from`; quoted values are skipped.
fn tag_close(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut quote = None;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some(k + 1),
            None => {}
        }
    }
    None
}

enum Ref {
    /// A reference, the character it stands for (None when unknown), and where it ends.
    Found { ch: Option<char>, end: usize },
    /// A lone `&`, handed out as text.
    Text,
    /// `&#` handed out as text, after which Python's parser stops.
    TextThenStop,
    /// An unfinished reference at the end of the input: Python's parser waits for more
    /// input and never gets it.
    Incomplete,
}

fn reference(s: &str, i: usize) -> Ref {
    let b = s.as_bytes();
    if b.get(i + 1) == Some(&b'#') {
        let (digits_start, hex) = match b.get(i + 2) {
            Some(b'x' | b'X') => (i + 3, true),
            _ => (i + 2, false),
        };
        let mut k = digits_start;
        while k < b.len()
            && (if hex {
                b[k].is_ascii_hexdigit()
            } else {
                b[k].is_ascii_digit()
            })
        {
            k += 1;
        }
        if k == digits_start || k >= b.len() || b[k].is_ascii_hexdigit() {
            // Python's parser hands `&#` out as text when a `;` follows somewhere, and
            // stops parsing either way.
            return if s[i..].contains(';') {
                Ref::TextThenStop
            } else {
                Ref::Incomplete
            };
        }
        let num = &s[digits_start..k];
        let code = if hex {
            u32::from_str_radix(num, 16).ok()
        } else {
            num.parse().ok()
        };
        let end = if b[k] == b';' { k + 1 } else { k };
        return Ref::Found {
            ch: code.and_then(char::from_u32),
            end,
        };
    }
    let mut k = i + 1;
    if !b.get(k).is_some_and(u8::is_ascii_alphabetic) {
        return if i + 1 < b.len() {
            Ref::Text
        } else {
            Ref::Incomplete
        };
    }
    while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'-' || b[k] == b'.') {
        k += 1;
    }
    if k >= b.len() {
        return Ref::Incomplete;
    }
    let name = &s[i + 1..k];
    let end = if b[k] == b';' { k + 1 } else { k };
    Ref::Found {
        ch: entity_char(name),
        end,
    }
}

/// The characters of the HTML 4 entities (Python's `html.entities.name2codepoint`) that can
/// matter for word counting; others count as non-word characters, as they all are.
fn entity_char(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "nbsp" => '\u{a0}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "copy" => '\u{a9}',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "szlig" => 'ß',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_words_and_closes_tags() {
        let html =
            "<p>Hello and welcome to <em>This Week in Rust</em>! More words here.</p>\n<p>Next</p>";
        assert_eq!(
            truncate_html_words(html, 6, "…"),
            "<p>Hello and welcome to <em>This Week …</em></p>"
        );
        assert_eq!(truncate_html_words(html, 50, "…"), html);
        assert_eq!(truncate_html_words(html, 0, "…"), "");
        assert_eq!(
            truncate_html_words("<p>don't stop-me now</p>", 2, "…"),
            "<p>don't stop-me …</p>"
        );
        assert_eq!(
            truncate_html_words("<p>caf&eacute; au lait</p>", 1, "…"),
            "<p>caf&eacute; …</p>"
        );
        assert_eq!(
            truncate_html_words("<p>a &mdash; b c</p>", 2, "…"),
            "<p>a &mdash; b …</p>"
        );
        assert_eq!(
            truncate_html_words("<p>日本語 x</p>", 2, "…"),
            "<p>日本 …</p>"
        );
        assert_eq!(
            truncate_html_words("<p>one<br>two <img src=x>three four</p>", 3, "…"),
            "<p>one<br>two <img src=x>three …</p>"
        );
    }

    #[test]
    fn malformed_input_does_not_panic() {
        for s in [
            "<", "&", "&#", "&#x", "<a", "<!--", "a &b", "é<é&é", "<p a='>",
        ] {
            let _ = truncate_html_words(s, 1, "…");
            let _ = truncate_html_words(s, 3, "…");
        }
    }
}
