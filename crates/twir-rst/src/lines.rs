//! Source lines as docutils reads them: universal newlines, tabs expanded to 8-column
//! stops, vertical tabs and form feeds as spaces, trailing whitespace removed.

use crate::Fault;

/// One line of the source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// The text, indentation included (spaces only).
    pub text: String,
    /// 1-based line number in the file.
    pub number: usize,
}

impl Line {
    pub(crate) fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Leading spaces.
    pub(crate) fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    /// The line without its first `n` columns (all spaces: `n` is at most the indent).
    pub(crate) fn dedented(&self, n: usize) -> Line {
        let n = n.min(self.indent());
        Line {
            text: self.text[n..].to_string(),
            number: self.number,
        }
    }
}

/// Splits a file into lines.
pub(crate) fn split(text: &str) -> Result<Vec<Line>, Fault> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let number = index + 1;
        if raw.contains('\0') {
            return Err(Fault::invalid(number, "NUL characters are not allowed"));
        }
        let mut expanded = String::with_capacity(raw.len());
        let mut column = 0usize;
        for c in raw.chars() {
            match c {
                '\t' => {
                    let spaces = 8 - column % 8;
                    expanded.extend(std::iter::repeat_n(' ', spaces));
                    column += spaces;
                }
                '\u{b}' | '\u{c}' => {
                    expanded.push(' ');
                    column += 1;
                }
                c => {
                    expanded.push(c);
                    column += 1;
                }
            }
        }
        let trimmed_len = expanded.trim_end().len();
        expanded.truncate(trimmed_len);
        lines.push(Line {
            text: expanded,
            number,
        });
    }
    // A final newline does not start a line.
    if lines.len() > 1 && lines.last().is_some_and(Line::is_blank) && text.ends_with('\n') {
        lines.pop();
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_normalises() {
        let lines = split("a\tb  \r\n\t* c\rd\u{c}e\n").unwrap();
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a       b", "        * c", "d e"]);
        assert_eq!(lines[1].indent(), 8);
        assert_eq!(lines[1].dedented(6).text, "  * c");
        assert_eq!(lines[2].number, 3);
        assert!(split("a\0").is_err());
    }
}
