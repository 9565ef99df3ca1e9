//! The `cssmin` filter of webassets: the rules of the Python `cssmin` 0.2.0 package (a port
//! of the YUI CSS compressor), applied in the same order.
//!
//! Hand-written rather than a CSS minifier crate on purpose: webassets names the bundle
//! `?<first 8 hex digits of the MD5 of the output>`, so every page of a Pelican site links
//! the stylesheet by a hash of its exact bytes. Only the same rewriting rules give the same
//! bytes, hence the same URLs on every page (measured: the TWiR theme's `web-min.css` comes
//! out byte-identical, `0e4bee93`).

use regex::Regex;
use std::sync::OnceLock;

#[expect(
    clippy::expect_used,
    reason = "only called with the constant patterns below, each compiled by the unit tests"
)]
fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid built-in pattern"))
}

/// Minifies `css` the way `cssmin.cssmin(css)` does.
pub fn cssmin(css: &str) -> String {
    static WS: OnceLock<Regex> = OnceLock::new();
    static SEMIS: OnceLock<Regex> = OnceLock::new();
    const BOX_MODEL_HACK: &str = "\"\\\"}\\\"\"";
    const BMH_PLACEHOLDER: &str = "___PSEUDOCLASSBMH___";
    let css = remove_comments(css);
    let css = re(&WS, r"\s+").replace_all(&css, " ").into_owned();
    let css = css.replace(BOX_MODEL_HACK, BMH_PLACEHOLDER);
    let css = remove_unnecessary_whitespace(&css);
    let css = remove_unnecessary_semicolons(&css);
    let css = condense_zero_units(&css);
    let css = condense_multidimensional_zeros(&css);
    let css = condense_floating_points(&css);
    let css = rgb_to_hex(&css);
    let css = condense_hex_colors(&css);
    let css = css.replace(BMH_PLACEHOLDER, BOX_MODEL_HACK);
    let css = re(&SEMIS, ";;+").replace_all(&css, ";");
    css.trim_matches(|c: char| c.is_whitespace()).to_string()
}

/// Drops `/* ... */` comments, keeping `/*! ... */` ones and the IE-Mac hack pair
/// (`/* \*/ ... /* */`).
fn remove_comments(css: &str) -> String {
    let mut css = css.to_string();
    let mut iemac = false;
    let mut start = css.find("/*");
    while let Some(cs) = start {
        let preserve = css[cs + 2..].starts_with('!');
        let mut next_from = cs;
        match css[cs + 2..].find("*/").map(|e| e + cs + 2) {
            None => {
                // An unclosed comment runs to the end (Python loops forever on an
                // unclosed `/*!`; keeping it is the sensible reading).
                if !preserve {
                    css.truncate(cs);
                }
                break;
            }
            Some(ce) => {
                if css.as_bytes()[ce - 1] == b'\\' {
                    next_from = ce + 2;
                    iemac = true;
                } else if iemac {
                    next_from = ce + 2;
                    iemac = false;
                } else if !preserve {
                    css.replace_range(cs..ce + 2, "");
                } else {
                    next_from = ce + 2;
                }
            }
        }
        start = css
            .get(next_from..)
            .and_then(|rest| rest.find("/*"))
            .map(|p| p + next_from);
    }
    css
}

fn remove_unnecessary_whitespace(css: &str) -> String {
    static PSEUDO: OnceLock<Regex> = OnceLock::new();
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    static CHARSET_FIRST: OnceLock<Regex> = OnceLock::new();
    static CHARSET_ONCE: OnceLock<Regex> = OnceLock::new();
    static AND_PAREN: OnceLock<Regex> = OnceLock::new();
    static AFTER: OnceLock<Regex> = OnceLock::new();
    const COLON: &str = "___PSEUDOCLASSCOLON___";
    // `p :link` must keep its space: colons in selectors are hidden while spaces before
    // colons are removed.
    let css = re(&PSEUDO, r"(^|\})(([^{:])+:)+([^{]*\{)")
        .replace_all(css, |c: &regex::Captures| c[0].replace(':', COLON))
        .into_owned();
    let css = re(&BEFORE, r"\s+([!{};:>+()\],])").replace_all(&css, "$1");
    let css = re(&CHARSET_FIRST, r#"^(.*)(@charset "[^"]*";)"#).replace(&css, "$2$1");
    let css = re(&CHARSET_ONCE, r"^(\s*@charset [^;]+;\s*)+").replace(&css, "$1");
    let css = re(&AND_PAREN, r"\band\(").replace_all(&css, "and (");
    let css = css.replace(COLON, ":");
    re(&AFTER, r"([!{}:;>+(\[,])\s+")
        .replace_all(&css, "$1")
        .into_owned()
}

fn remove_unnecessary_semicolons(css: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r";+\}").replace_all(css, "}").into_owned()
}

fn condense_zero_units(css: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"([\s:])(0)(px|em|%|in|cm|mm|pc|pt|ex)")
        .replace_all(css, "$1$2")
        .into_owned()
}

fn condense_multidimensional_zeros(css: &str) -> String {
    css.replace(":0 0 0 0;", ":0;")
        .replace(":0 0 0;", ":0;")
        .replace(":0 0;", ":0;")
        .replace("background-position:0;", "background-position:0 0;")
}

fn condense_floating_points(css: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"(:|\s)0+\.(\d+)")
        .replace_all(css, "$1.$2")
        .into_owned()
}

/// `rgb(51,102,153)` -> `#336699`; every copy of the same text is replaced at once.
fn rgb_to_hex(css: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = re(&RE, r"rgb\s*\(\s*([0-9,\s]+)\s*\)");
    let mut css = css.to_string();
    let mut from = 0;
    while let Some(c) = re.captures_at(&css, from) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let parts: Vec<Option<u32>> = c[1].split(',').map(|s| s.trim().parse().ok()).collect();
        match parts.as_slice() {
            [Some(r), Some(g), Some(b)] => {
                let hex = format!("#{r:02x}{g:02x}{b:02x}");
                let text = css[whole.clone()].to_string();
                css = css.replace(&text, &hex);
                from = 0;
            }
            // Python raises here; leaving the text is the useful reading.
            _ => from = whole.end,
        }
    }
    css
}

/// `#AABBCC` -> `#ABC` (not in attribute values or strings: the character before must not
/// be a quote, `=` or space). Every copy of the same text is replaced at once.
fn condense_hex_colors(css: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = re(&RE, r#"([^"'=\s])(\s*)#([0-9a-fA-F]{6})"#);
    let mut css = css.to_string();
    let mut from = 0;
    while let Some(c) = re.captures_at(&css, from) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let hex = c[3].as_bytes();
        let first = [hex[0], hex[2], hex[4]];
        let second = [hex[1], hex[3], hex[5]];
        if first.eq_ignore_ascii_case(&second) {
            let short: String = first.iter().map(|&b| b as char).collect();
            let text = css[whole.clone()].to_string();
            let rep = format!("{}{}#{short}", &c[1], &c[2]);
            css = css.replace(&text, &rep);
            from = whole.end.saturating_sub(3).min(css.len());
        } else {
            from = whole.end;
        }
        while !css.is_char_boundary(from) {
            from -= 1;
        }
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minifies_like_cssmin() {
        let css = "/* c */\n:root {\n  --a: #EEEEEE;\n}\n\n.btn {\n  color: rgb(255, 255, 255);\n  margin: 0px 0px 0px 0px;\n  opacity: 0.50;\n}\n\
                   p :link { color : red ; ; }\n@media (max-width: 768px) and(color) {\n  .x { top: 0em; }\n}\n/*! keep */\n";
        assert_eq!(
            cssmin(css),
            ":root{--a:#EEE}.btn{color:#fff;margin:0;opacity:.50}p :link{color:red}@media(max-width:768px) and (color){.x{top:0}}/*!keep */"
        );
    }

    #[test]
    fn hex_in_attribute_values_and_odd_rgb_stay() {
        assert_eq!(
            cssmin("a[href=\"#aabbcc\"]{x:1}"),
            "a[href=\"#aabbcc\"]{x:1}"
        );
        assert_eq!(cssmin("a{color:rgb(1,2)}"), "a{color:rgb(1,2)}");
        assert_eq!(cssmin("a{b:c} /* open"), "a{b:c}");
        assert_eq!(cssmin("é{color:#ffffff}"), "é{color:#fff}");
    }
}
