//! Code block markup in the shape codehilite/Pygments produces, without token
//! colouring (the page stylesheet only colours spans, so plain text renders the
//! same apart from colours).

/// Renders a code block: surrounding newlines dropped, one final newline kept. The markup
/// ends with a newline, as Pygments' does: restored into the page, it leaves a blank line
/// before what follows the block.
pub(crate) fn block(code: &str, _lang: Option<&str>) -> String {
    let code = code.trim_matches('\n');
    let mut out = String::with_capacity(code.len() + 80);
    out.push_str("<div class=\"highlight\"><pre><span></span><code>");
    twir_escape::push_html_text(&mut out, code);
    out.push_str("\n</code></pre></div>\n");
    out
}

/// Splits an indented code block's optional `:::lang` / `#!lang` first line
/// off, as codehilite does; returns the remaining code.
pub(crate) fn strip_header(code: &str) -> &str {
    let (first, rest) = code.split_once('\n').unwrap_or((code, ""));
    let after = if let Some(r) = first.strip_prefix("#!") {
        r
    } else if first.starts_with("::") {
        first.trim_start_matches(':')
    } else {
        return code;
    };
    // A path (`#!/usr/bin/env python`, or any `/` or space right after the
    // marker) means the line is kept.
    let has_path = after.starts_with('/') || after.starts_with(' ');
    if has_path { code } else { rest }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_shape() {
        assert_eq!(
            block("\na<b\n\n", Some("rust")),
            "<div class=\"highlight\"><pre><span></span><code>a&lt;b\n</code></pre></div>\n"
        );
    }

    #[test]
    fn header_lines() {
        assert_eq!(strip_header(":::rust\nfn x()"), "fn x()");
        assert_eq!(strip_header("#![feature(x)]\nfn x()"), "fn x()");
        assert_eq!(
            strip_header("#!/usr/bin/env sh\nls"),
            "#!/usr/bin/env sh\nls"
        );
        assert_eq!(strip_header("let x;\n"), "let x;\n");
    }
}
