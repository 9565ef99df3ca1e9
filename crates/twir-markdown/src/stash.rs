//! Storage for raw HTML that must bypass Markdown processing.
//!
//! Raw HTML blocks, inline tags, entities and highlighted code are replaced by
//! `STX 'h' index ETX` placeholders in the text and restored after the tree has
//! been serialised, like Python-Markdown's `htmlStash`.

/// Start of a placeholder.
pub(crate) const STX: char = '\u{2}';
/// End of a placeholder.
pub(crate) const ETX: char = '\u{3}';

/// The raw HTML fragments of one document.
#[derive(Default)]
pub(crate) struct Stash {
    items: Vec<String>,
}

impl Stash {
    /// Stores `html` and returns its placeholder.
    pub(crate) fn store(&mut self, html: String) -> String {
        let mut out = String::with_capacity(8);
        self.store_into(html, &mut out);
        out
    }

    /// Stores `html` and appends its placeholder to `out`.
    pub(crate) fn store_into(&mut self, html: String, out: &mut String) {
        self.items.push(html);
        out.push(STX);
        out.push('h');
        push_decimal(out, self.items.len() - 1);
        out.push(ETX);
    }

    /// The fragment stored under `index`.
    pub(crate) fn get(&self, index: usize) -> Option<&str> {
        self.items.get(index).map(String::as_str)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }
}

/// Appends `n` in decimal (placeholders are numbered; `to_string` would
/// allocate for each).
pub(crate) fn push_decimal(out: &mut String, n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// If `s` starts with an HTML placeholder, its index and byte length.
pub(crate) fn parse_html_placeholder(s: &str) -> Option<(usize, usize)> {
    let rest = s.strip_prefix(STX)?.strip_prefix('h')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 || rest.as_bytes().get(digits) != Some(&(ETX as u8)) {
        return None;
    }
    let index = rest[..digits].parse().ok()?;
    Some((index, 2 + digits + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_round_trip() {
        let mut s = Stash::default();
        s.store("<a>".into());
        let p = s.store("<b>".into());
        assert_eq!(parse_html_placeholder(&format!("{p}x")), Some((1, p.len())));
        assert_eq!(s.get(1), Some("<b>"));
        assert_eq!(parse_html_placeholder("\u{2}h\u{3}"), None);
    }
}
