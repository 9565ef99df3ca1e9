//! The reverse direction: HTML character references back to characters, for text taken out
//! of rendered HTML (the search index, Jinja2's `striptags`).

/// Decodes numeric character references (`&#39;`, `&#x2019;`) and the named ones TWiR's
/// titles and HTML use; unknown or malformed ones, `&#0;` and bare `&` stay as written.
pub fn decode_references(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest
            .char_indices()
            .skip(1)
            .take(32)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| named_or_numeric(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_or_numeric(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "laquo" => '\u{ab}',
        "raquo" => '\u{bb}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "trade" => '\u{2122}',
        "middot" => '\u{b7}',
        "bull" => '\u{2022}',
        "larr" => '\u{2190}',
        "rarr" => '\u{2192}',
        "eacute" => 'é',
        "egrave" => 'è',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::decode_references;

    #[test]
    fn references_decode_and_the_rest_stays() {
        assert_eq!(
            decode_references("a &amp; b &lt;c&gt; &#39;d&#x2019; &nbsp;&hellip;"),
            "a & b <c> 'd\u{2019} \u{a0}\u{2026}"
        );
        assert_eq!(
            decode_references("&& &amp &unknown; &#0; &#xZZ; &"),
            "&& &amp &unknown; &#0; &#xZZ; &"
        );
        assert_eq!(decode_references("&…;&é"), "&…;&é");
    }
}
