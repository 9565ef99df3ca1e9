//! The plain text of a link, as a renderer's text events give it: escapes and references
//! resolved, code spans kept without backticks, emphasis markers that pair up removed, HTML
//! tags and line breaks dropped.

use super::entity::reference;
use super::html::TagScanner;
use super::scan::code_span;
use crate::byte_set::byte_set;
use crate::span::Span;

/// Bytes that may start markup in link text.
const SPECIAL: [bool; 256] = byte_set(b"\\`<&\n*_~", false);

enum Piece {
    Text(String),
    Delim {
        ch: u8,
        count: usize,
        open: bool,
        close: bool,
    },
}

/// The plain text of a link: where it is written, when the source says it as is, or a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Flat {
    /// The text is `s[span]` itself.
    Written(Span),
    /// The text after resolving what the source marks up.
    Resolved(String),
}

/// The plain text of `s[span]`, leaving out the `skip` spans (links nested in it).
// Out of line: inlined into `extract_links` it cost 0.25% more of a whole-archive check
// (callgrind), the rare general case bloating the loop over every link.
#[inline(never)]
pub(super) fn flatten(s: &str, span: Span, skip: &[Span]) -> Flat {
    let b = s.as_bytes();
    // Most link texts are plain words: nothing to resolve.
    if skip.is_empty() && !b[span.start..span.end].iter().any(|&c| SPECIAL[c as usize]) {
        return Flat::Written(span);
    }
    // `**Title**`, every event title: the two runs pair up (a run at the start opens, one at
    // the end closes, when the text between them starts and ends with no whitespace).
    if skip.is_empty()
        && let Some(inner) = span
            .text(s)
            .strip_prefix("**")
            .and_then(|t| t.strip_suffix("**"))
        && !inner.bytes().any(|c| SPECIAL[c as usize])
        && inner.chars().next().is_some_and(|c| !c.is_whitespace())
        && inner
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace())
    {
        return Flat::Written(Span::new(span.start + 2, span.end - 2));
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut text = String::with_capacity(span.end - span.start);
    let mut tags = TagScanner::new();
    let mut i = span.start;
    let end = span.end;
    let push_text = |pieces: &mut Vec<Piece>, text: &mut String| {
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(text)));
        }
    };
    while i < end {
        if let Some(k) = skip.iter().find(|k| k.start == i) {
            i = k.end.max(i + 1);
            continue;
        }
        let c = b[i];
        match c {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) && i + 1 < end => {
                text.push(b[i + 1] as char);
                i += 2;
            }
            b'\\' if b.get(i + 1) == Some(&b'\n') => {
                // A hard line break.
                i += 1;
            }
            b'`' => match code_span(&s[..end], i) {
                Some((inner, after)) => {
                    text.push_str(&code_text(inner.text(s)));
                    i = after;
                }
                None => {
                    let run = b[i..end].iter().take_while(|&&x| x == b'`').count();
                    text.push_str(&s[i..i + run]);
                    i += run;
                }
            },
            b'<' => match tags.tag_end(&s[..end], i) {
                Some(after) => i = after,
                None => {
                    text.push('<');
                    i += 1;
                }
            },
            b'&' => match reference(&s[..end], i) {
                Some((ch, len)) => {
                    text.push(ch);
                    i += len;
                }
                None => {
                    text.push('&');
                    i += 1;
                }
            },
            b'\n' => {
                // A soft break is not text; the spaces around it are dropped.
                let trimmed = crate::text::strip_blanks_end(&text).len();
                text.truncate(trimmed);
                i += 1;
                // Indentation and, in a block quote, the `>` markers are not content.
                loop {
                    while i < end && matches!(b[i], b' ' | b'\t') {
                        i += 1;
                    }
                    if i < end && b[i] == b'>' {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
            b'*' | b'_' | b'~' => {
                let count = b[i..end].iter().take_while(|&&x| x == c).count();
                let before = s[..i].chars().next_back();
                let after = s[i + count..end].chars().next();
                let (left, right) = flanking(before, after);
                let (open, close) = match c {
                    b'_' => (
                        left && (!right || before.is_some_and(is_punct)),
                        right && (!left || after.is_some_and(is_punct)),
                    ),
                    _ => (left, right),
                };
                push_text(&mut pieces, &mut text);
                pieces.push(Piece::Delim {
                    ch: c,
                    count,
                    open,
                    close,
                });
                i += count;
            }
            _ => {
                // Copy the run of ordinary bytes at once (it ends on an ASCII byte, so on a
                // character boundary).
                let run = b[i + 1..end]
                    .iter()
                    .position(|&c| SPECIAL[c as usize])
                    .map_or(end, |p| i + 1 + p);
                let run = skip
                    .iter()
                    .map(|k| k.start)
                    .filter(|&k| k > i && k < run)
                    .min()
                    .unwrap_or(run);
                text.push_str(&s[i..run]);
                i = run;
            }
        }
    }
    // No emphasis run in the text (code spans, escapes, entities): the one piece is it.
    if pieces.is_empty() {
        return Flat::Resolved(text);
    }
    push_text(&mut pieces, &mut text);
    match_emphasis(&mut pieces);
    let mut out = String::with_capacity(span.end - span.start);
    for p in &pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Delim { ch, count, .. } => {
                out.extend(std::iter::repeat_n(*ch as char, *count));
            }
        }
    }
    Flat::Resolved(out)
}

/// Pairs emphasis delimiters (closers with the nearest usable opener) and removes what pairs.
fn match_emphasis(pieces: &mut [Piece]) {
    let mut k = 0;
    while k < pieces.len() {
        let (ch, close_count, can_open_too) = match pieces[k] {
            Piece::Delim {
                ch,
                count,
                close,
                open,
            } if close && count > 0 => (ch, count, open),
            _ => {
                k += 1;
                continue;
            }
        };
        let found = (0..k).rev().find(|&j| match pieces[j] {
            Piece::Delim {
                ch: c,
                count,
                open,
                close,
            } if c == ch && open && count > 0 => {
                if ch == b'~' {
                    count == close_count && count <= 2
                } else {
                    let both = close || can_open_too;
                    !(both
                        && (count + close_count) % 3 == 0
                        && !(count % 3 == 0 && close_count % 3 == 0))
                }
            }
            _ => false,
        });
        let Some(j) = found else {
            k += 1;
            continue;
        };
        let open_count = match pieces[j] {
            Piece::Delim { count, .. } => count,
            _ => 0,
        };
        let used = if ch == b'~' {
            close_count
        } else {
            open_count.min(close_count).min(2)
        };
        // Delimiters between the pair can no longer pair: they stay as text.
        for p in &mut pieces[j + 1..k] {
            if let Piece::Delim { open, close, .. } = p {
                *open = false;
                *close = false;
            }
        }
        if let Piece::Delim { count, .. } = &mut pieces[j] {
            *count -= used;
        }
        if let Piece::Delim { count, .. } = &mut pieces[k] {
            *count -= used;
            if *count == 0 {
                k += 1;
            }
        }
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_ascii())
}

/// Whether a delimiter run between `before` and `after` is left- and right-flanking.
fn flanking(before: Option<char>, after: Option<char>) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punct);
    let left = !ws(after) && (!punct(after) || ws(before) || punct(before));
    let right = !ws(before) && (!punct(before) || ws(after) || punct(after));
    (left, right)
}

/// A code span's text: line endings become spaces; one space is stripped from both ends when
/// both ends have one and the content is not all spaces.
fn code_text(raw: &str) -> std::borrow::Cow<'_, str> {
    let strip = |t: &str| {
        t.len() >= 2 && t.starts_with(' ') && t.ends_with(' ') && !t.bytes().all(|c| c == b' ')
    };
    // One line, the usual case: a slice of the source, no copy.
    if memchr::memchr2(b'\n', b'\r', raw.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(if strip(raw) {
            &raw[1..raw.len() - 1]
        } else {
            raw
        });
    }
    // Continuation lines lose their indentation before inline parsing, so it is not content.
    let mut t = String::with_capacity(raw.len());
    for (k, line) in raw.split('\n').enumerate() {
        if k > 0 {
            t.push(' ');
            t.push_str(crate::text::strip_blanks_start(line).trim_end_matches('\r'));
        } else {
            t.push_str(line.trim_end_matches('\r'));
        }
    }
    if strip(&t) {
        t[1..t.len() - 1].to_string().into()
    } else {
        t.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(s: &str) -> String {
        match flatten(s, Span::new(0, s.len()), &[]) {
            Flat::Written(span) => span.text(s).to_string(),
            Flat::Resolved(t) => t,
        }
    }

    #[test]
    fn removes_markup() {
        assert_eq!(flat("**Party** time"), "Party time");
        assert_eq!(flat("snake_case_name"), "snake_case_name");
        assert_eq!(flat("`Vec<T>` and <b>bold</b>"), "Vec<T> and bold");
        assert_eq!(flat("a\\_b &amp; c"), "a_b & c");
        assert_eq!(flat("line one  \n  two"), "line onetwo");
        assert_eq!(flat("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(flat("~~gone~~"), "gone");
        assert_eq!(flat("*a **b** c*"), "a b c");
        assert_eq!(flat("**Rust & Tea**"), "Rust & Tea");
        assert_eq!(flat("** Rust**"), "** Rust**");
        assert_eq!(flat("**Rust **"), "**Rust **");
        assert_eq!(flat("**Ünïcode ✓ ok**"), "Ünïcode ✓ ok");
        assert_eq!(flat("****"), "****");
    }
}
