//! A light scan of inline Markdown inside one block: where the code spans, link destinations,
//! autolinks and inline comments are, and what is left as prose. Rules that look at prose
//! (HTML-looking text, backslashes) must not look inside code or URLs.

use twir_content::Span;

/// The inline structure of one block's text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inline {
    /// Code spans, backticks included.
    pub code: Vec<Span>,
    /// Backtick runs that no run of the same length closes (rendered as literal backticks).
    pub unmatched_ticks: Vec<Span>,
    /// Text outside code spans, link destinations, autolinks and comments.
    pub prose: Vec<Span>,
}

/// Scans `span` of `src`.
pub fn scan(src: &str, span: Span) -> Inline {
    let text = span.text(src);
    let b = text.as_bytes();
    let mut out = Inline::default();
    let mut prose_start = 0;
    let mut i = 0;
    let mut comment_unclosed_from = usize::MAX;
    let close_prose = |out: &mut Inline, from: usize, to: usize| {
        if to > from {
            out.prose
                .push(Span::new(span.start + from, span.start + to));
        }
    };
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => {
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                match closing_run(b, i + run, run) {
                    Some(end) => {
                        close_prose(&mut out, prose_start, i);
                        out.code.push(Span::new(span.start + i, span.start + end));
                        i = end;
                        prose_start = i;
                    }
                    None => {
                        out.unmatched_ticks
                            .push(Span::new(span.start + i, span.start + i + run));
                        i += run;
                    }
                }
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                let end = destination_end(b, i + 2).unwrap_or(i + 2);
                close_prose(&mut out, prose_start, i + 2);
                i = end;
                prose_start = i;
            }
            b'<' => {
                let end = if text[i..].starts_with("<!--") {
                    // Once a comment is known to be unclosed, later ones are too.
                    if i + 4 >= comment_unclosed_from {
                        None
                    } else {
                        let found = memchr::memmem::find(&b[i + 4..], b"-->");
                        if found.is_none() {
                            comment_unclosed_from = i + 4;
                        }
                        found.map(|e| i + 4 + e + 3)
                    }
                } else {
                    autolink_end(&text[i..]).map(|e| i + e)
                };
                match end {
                    Some(end) => {
                        close_prose(&mut out, prose_start, i);
                        i = end;
                        prose_start = i;
                    }
                    None => i += 1,
                }
            }
            _ => i = next_special(b, i + 1),
        }
    }
    close_prose(&mut out, prose_start, b.len().min(i.max(prose_start)));
    out
}

/// The next byte from `from` that [`scan`] acts on (`` ` ``, `]`, `<`, or a `\\` escaping one
/// of them), or the end. A byte-by-byte walk was 2% of a whole-archive check (callgrind):
/// memchr3 jumps to the candidates, and an escape is told by the backslashes before one.
fn next_special(b: &[u8], from: usize) -> usize {
    if let Some(k) = b
        .get(from..)
        .and_then(|r| memchr::memchr3(b'`', b']', b'<', r))
    {
        let k = from + k;
        let backslashes = b[from..k].iter().rev().take_while(|&&c| c == b'\\').count();
        // Unescaped, `scan` takes it from here; escaped, from the backslash before it, which
        // `scan` skips with it.
        return if backslashes % 2 == 0 { k } else { k - 1 };
    }
    b.len()
}

/// The end of a code span opened by a run of `run` backticks ending at `from`.
fn closing_run(b: &[u8], from: usize, run: usize) -> Option<usize> {
    let mut j = from;
    while j < b.len() {
        if b[j] == b'`' {
            let n = b[j..].iter().take_while(|&&c| c == b'`').count();
            if n == run {
                return Some(j + n);
            }
            j += n;
        } else if b[j] == b'\n' && b.get(j + 1).is_some_and(|&c| c == b'\n') {
            // A blank line ends the paragraph and with it any chance of closing.
            return None;
        } else {
            j += 1;
        }
    }
    None
}

/// Given the byte after `](`, the byte after the closing `)`. A destination has no spaces;
/// after one only a quoted title may follow. Stopping there keeps a long line of `](` without
/// `)` linear.
fn destination_end(b: &[u8], from: usize) -> Option<usize> {
    // Nearly every destination: no space, `(` or `\\` before a `)` on the same line.
    if let Some(k) = b
        .get(from..)
        .and_then(|r| twir_content::text::close_on_line(r, b')'))
        && memchr::memchr3(b'(', b'\\', b' ', &b[from..from + k]).is_none()
        && memchr::memchr(b'\t', &b[from..from + k]).is_none()
    {
        return Some(from + k + 1);
    }
    let mut depth = 0usize;
    let mut j = from;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => return Some(j + 1),
            b')' => depth -= 1,
            b'\n' => return None,
            b' ' | b'\t' => {
                let k = j + b[j..]
                    .iter()
                    .take_while(|&&c| c == b' ' || c == b'\t')
                    .count();
                let q = *b.get(k)?;
                if q != b'"' && q != b'\'' {
                    return None;
                }
                let close = b[k + 1..].iter().position(|&c| c == q || c == b'\n')?;
                if b[k + 1 + close] == b'\n' {
                    return None;
                }
                j = k + 1 + close;
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// Length of an autolink at the start of `s`, as Python-Markdown (today's site) knows them:
/// `<http://...>`, `<https://...>`, `<ftp://...>` and addresses `<a@b>`. Other schemes
/// (`<core::ascii::Char>`) are HTML tags to it.
fn autolink_end(s: &str) -> Option<usize> {
    let end = scheme_autolink_end(s)?;
    let inner = &s[1..end - 1];
    let scheme = inner.split(':').next().unwrap_or("").to_ascii_lowercase();
    (matches!(scheme.as_str(), "http" | "https" | "ftp") || inner.contains('@')).then_some(end)
}

/// Length of a CommonMark autolink `<scheme:...>` at the start of `s`.
fn scheme_autolink_end(s: &str) -> Option<usize> {
    let rest = &s[1..];
    // A scheme is at most 32 characters: looking further would make a text full of `<`
    // quadratic.
    let colon = rest.bytes().take(33).position(|c| c == b':')?;
    let scheme = &rest[..colon];
    if scheme.len() < 2
        || !scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        || !scheme
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
    {
        return None;
    }
    let close = rest
        .bytes()
        .position(|c| matches!(c, b'>' | b' ' | b'<' | b'\n'))?;
    (rest.as_bytes()[close] == b'>').then_some(close + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| s.text(src).to_string()).collect()
    }

    #[test]
    fn separates_code_destinations_and_prose() {
        let src = "a `Vec<T>` b [x<y>](https://e/<z>) c <https://q> d <!-- <e> --> f";
        let inl = scan(src, Span::new(0, src.len()));
        assert_eq!(texts(src, &inl.code), ["`Vec<T>`"]);
        assert_eq!(
            texts(src, &inl.prose),
            ["a ", " b [x<y>](", " c ", " d ", " f"]
        );
        assert!(inl.unmatched_ticks.is_empty());
    }

    #[test]
    fn unmatched_and_double_ticks() {
        let src = "``a ` b`` and ` lone";
        let inl = scan(src, Span::new(0, src.len()));
        assert_eq!(texts(src, &inl.code), ["``a ` b``"]);
        assert_eq!(texts(src, &inl.unmatched_ticks), ["`"]);
        let src = "\\` escaped";
        assert!(
            scan(src, Span::new(0, src.len()))
                .unmatched_ticks
                .is_empty()
        );
    }

    #[test]
    fn escaped_characters_open_nothing() {
        // `\``: a literal backtick; `\\` then a backtick: an escaped backslash, then a span.
        let src = "a \\` b `c` d \\\\`e` f \\<g> \\](h)";
        let inl = scan(src, Span::new(0, src.len()));
        let code: Vec<&str> = inl.code.iter().map(|s| s.text(src)).collect();
        assert_eq!(code, ["`c`", "`e`"]);
        assert!(inl.unmatched_ticks.is_empty());
        let prose: String = inl.prose.iter().map(|s| s.text(src)).collect();
        assert!(prose.contains("\\<g>") && prose.contains("(h)"), "{prose}");
    }

    #[test]
    fn offsets_are_absolute() {
        let src = "xx`c` y";
        let inl = scan(src, Span::new(2, src.len()));
        assert_eq!(inl.code, [Span::new(2, 5)]);
    }
}
