//! Small Markdown helpers shared by the formatters.

/// Makes a title safe as link text: collapses whitespace (titles may contain
/// newlines) and escapes square brackets only when they are unbalanced,
/// because balanced ones (`[std][BTree] Fix ...`) render fine and TWiR
/// leaves them as typed.
pub(crate) fn link_text(title: &str) -> String {
    let collapsed = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if brackets_balanced(&collapsed) {
        collapsed
    } else {
        collapsed.replace('[', "\\[").replace(']', "\\]")
    }
}

fn brackets_balanced(s: &str) -> bool {
    let mut depth: i32 = 0;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// `[text](url)` with `text` made safe.
pub(crate) fn link(text: &str, url: &str) -> String {
    format!("[{}]({url})", link_text(text))
}

/// Joins items one per line in TWiR's English list style:
/// `a` / `a or\nb` / `a,\nb or\nc`.
pub(crate) fn english_list(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        out.push_str(item);
        let remaining = items.len() - i - 1;
        match remaining {
            0 => {}
            1 => out.push_str(" or\n"),
            _ => out.push_str(",\n"),
        }
    }
    out
}

/// Lower-cases the first letter of a PR title the way TWiR's editors do
/// ("Stabilize x" -> "stabilize x"), leaving acronyms and identifiers
/// ("MIR", "`Arc`", "ICE", "rustc") alone.
pub(crate) fn sentence_case(title: &str) -> String {
    let mut chars = title.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
        return title.to_owned();
    };
    let first_word: &str = title.split_whitespace().next().unwrap_or("");
    let is_plain_word = first_word
        .chars()
        .skip(1)
        .all(|c| c.is_lowercase() || c == '-');
    if first.is_uppercase() && second.is_lowercase() && is_plain_word {
        first.to_lowercase().chain(title.chars().skip(1)).collect()
    } else {
        title.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_text_keeps_balanced_brackets() {
        assert_eq!(link_text("[std][BTree] Fix"), "[std][BTree] Fix");
        assert_eq!(link_text("a ] b"), "a \\] b");
        assert_eq!(link_text("multi\n  line\ttitle "), "multi line title");
    }

    #[test]
    fn english_lists() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(english_list(&v(&["a"])), "a");
        assert_eq!(english_list(&v(&["a", "b"])), "a or\nb");
        assert_eq!(english_list(&v(&["a", "b", "c"])), "a,\nb or\nc");
        assert_eq!(english_list(&[]), "");
    }

    #[test]
    fn sentence_case_rules() {
        assert_eq!(sentence_case("Stabilize `x`"), "stabilize `x`");
        assert_eq!(sentence_case("MIR opt"), "MIR opt");
        assert_eq!(sentence_case("`Arc`: remove"), "`Arc`: remove");
        assert_eq!(sentence_case("CStr: fix"), "CStr: fix");
        assert_eq!(sentence_case("Don't panic"), "Don't panic");
        assert_eq!(sentence_case("Re-stabilize"), "re-stabilize");
        assert_eq!(sentence_case("x"), "x");
    }
}
