//! Character classes of the reStructuredText inline markup recognition rules.
//!
//! The rules (reStructuredText specification, "Inline markup recognition rules") name ASCII
//! characters explicitly and extend them to non-ASCII punctuation by Unicode general
//! category: openers (Ps, Pi, Pf), closers (Pe, Pi, Pf), delimiters (Pd, Po).

use unicode_general_category::{GeneralCategory, get_general_category};

/// Whitespace as Python's `\s` sees it.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// A word character as Python's `\w` sees it.
pub(crate) fn is_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn category(c: char) -> GeneralCategory {
    get_general_category(c)
}

/// Characters that may open a quotation before a start-string.
pub(crate) fn is_opener(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '"' | '\'' | '(' | '<' | '[' | '{');
    }
    matches!(
        category(c),
        GeneralCategory::OpenPunctuation
            | GeneralCategory::InitialPunctuation
            | GeneralCategory::FinalPunctuation
    )
}

/// Characters that may close a quotation after an end-string.
pub(crate) fn is_closer(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '"' | '\'' | ')' | '>' | ']' | '}');
    }
    matches!(
        category(c),
        GeneralCategory::ClosePunctuation
            | GeneralCategory::InitialPunctuation
            | GeneralCategory::FinalPunctuation
    )
}

/// Delimiters allowed on both sides of inline markup.
pub(crate) fn is_delimiter(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\\' | '-' | '/' | ':');
    }
    matches!(
        category(c),
        GeneralCategory::DashPunctuation | GeneralCategory::OtherPunctuation
    )
}

/// ASCII punctuation allowed after an end-string only.
fn is_closing_delimiter(c: char) -> bool {
    matches!(c, '\\' | '.' | ',' | ';' | '!' | '?')
}

/// May the character before a start-string be `prev`? (`None`: start of the text.)
pub(crate) fn start_prefix_ok(prev: Option<char>) -> bool {
    prev.is_none_or(|c| is_space(c) || is_opener(c) || is_delimiter(c))
}

/// May the character after an end-string be `next`? (`None`: end of the text.)
pub(crate) fn end_suffix_ok(next: Option<char>) -> bool {
    next.is_none_or(|c| is_space(c) || is_closing_delimiter(c) || is_delimiter(c) || is_closer(c))
}

/// Whether `open` followed by `close` is a quoted pair (`"*"`, `(*)`...), for ASCII
/// characters. `None` when a non-ASCII pair makes the answer uncertain.
pub(crate) fn quoted_pair(open: char, close: char) -> Option<bool> {
    if open.is_ascii() && close.is_ascii() {
        return Some(matches!(
            (open, close),
            ('"', '"') | ('\'', '\'') | ('(', ')') | ('[', ']') | ('{', '}') | ('<', '>')
        ));
    }
    if is_opener(open) && is_closer(close) {
        None
    } else {
        Some(false)
    }
}

/// Section adornment characters: printable 7-bit ASCII that is not alphanumeric.
pub(crate) fn is_adornment(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// Characters of an email address' parts.
pub(crate) fn is_email_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_!~*'{|}/#?^`&=+$%".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(start_prefix_ok(None) && start_prefix_ok(Some(' ')) && start_prefix_ok(Some('(')));
        assert!(
            start_prefix_ok(Some('-')) && start_prefix_ok(Some('«')) && start_prefix_ok(Some('—'))
        );
        assert!(
            !start_prefix_ok(Some('a'))
                && !start_prefix_ok(Some('.'))
                && !start_prefix_ok(Some('*'))
        );
        assert!(end_suffix_ok(None) && end_suffix_ok(Some('.')) && end_suffix_ok(Some(')')));
        assert!(end_suffix_ok(Some('»')) && end_suffix_ok(Some('\n')));
        assert!(
            !end_suffix_ok(Some('a')) && !end_suffix_ok(Some('*')) && !end_suffix_ok(Some('→'))
        );
        assert_eq!(quoted_pair('(', ')'), Some(true));
        assert_eq!(quoted_pair('(', 'a'), Some(false));
        assert_eq!(quoted_pair('«', '»'), None);
        assert!(is_adornment('=') && is_adornment('~') && !is_adornment('a') && !is_adornment('é'));
    }
}
