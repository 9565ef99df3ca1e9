//! Filling paragraphs to a width: lines break only at spaces, so URLs and other long words are
//! never split (a word wider than the line gets a line of its own).

/// Fills `text` (words separated by ASCII whitespace; `\n` forces a break) into lines of at most
/// `width` characters where possible. The first line starts with `first`, the others with
/// `rest`. No-break spaces keep their neighbours together and are printed as spaces.
pub fn fill(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, hard_line) in text.split('\n').enumerate() {
        let mut line = String::from(if i == 0 { first } else { rest });
        let mut line_width = line.chars().count();
        let mut empty = true;
        for word in hard_line.split_ascii_whitespace() {
            let w = word.chars().count();
            if !empty && line_width + 1 + w > width {
                lines.push(finish(line));
                line = String::from(rest);
                line_width = rest.chars().count();
                empty = true;
            }
            if !empty {
                line.push(' ');
                line_width += 1;
            }
            line.push_str(word);
            line_width += w;
            empty = false;
        }
        lines.push(finish(line));
    }
    lines
}

fn finish(line: String) -> String {
    let line = line.replace('\u{a0}', " ");
    line.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_at_spaces_with_prefixes() {
        let t = "one two three four five six seven eight nine ten";
        assert_eq!(
            fill(t, 20, "* ", "  "),
            [
                "* one two three four",
                "  five six seven",
                "  eight nine ten"
            ]
        );
    }

    #[test]
    fn never_breaks_long_words_or_urls() {
        let url = format!("https://example.org/{}", "a".repeat(80));
        let lines = fill(&format!("see {url} now"), 72, "", "");
        assert_eq!(lines, ["see".to_string(), url, "now".to_string()]);
    }

    #[test]
    fn hard_breaks_and_no_break_spaces() {
        assert_eq!(fill("a b\nc", 72, "> ", "> "), ["> a b", "> c"]);
        assert_eq!(fill("aaaa bbbb\u{a0}[1]", 10, "", ""), ["aaaa", "bbbb [1]"]);
    }
}
