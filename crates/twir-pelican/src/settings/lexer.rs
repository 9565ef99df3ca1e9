//! Python tokens: names, numbers, string literals (every prefix and quoting), operators,
//! and the NEWLINE / INDENT / DEDENT structure of logical lines.
//!
//! The text is read as a vector of chars so that no offset can fall inside a character.
//! A lexical error does not stop the parser at once: it becomes a final [`Tok::Error`], so
//! the parser reports it with the setting of the statement it belongs to.

/// Most nested indentation levels (Python's own limit is 100).
pub(super) const MAX_INDENT: usize = 100;

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Name(String),
    Int(i64),
    Float(f64),
    Str(StrLit),
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    Eof,
    /// The lexer stopped here with this reason.
    Error(String),
}

/// A string literal, escapes decoded.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum StrLit {
    Text(String),
    Bytes(Vec<u8>),
    /// An f-string with replacement fields (`f"{X}"`).
    Formatted(Vec<FPart>),
}

/// A piece of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum FPart {
    Text(String),
    /// `{NAME}`: a name, formatted with `str()`.
    Name(String),
    /// Any other field (expressions, conversions, format specs): not evaluated.
    Other(String),
}

/// A token and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub tok: Tok,
    pub line: usize,
}

/// Operators, longest first so that the first match is the longest.
const OPERATORS: [&str; 47] = [
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
];

/// Splits `text` into tokens; the last one is [`Tok::Eof`] or [`Tok::Error`].
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Python reads source files with universal newlines.
    let chars: Vec<char> = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .collect();
    let mut lexer = Lexer {
        s: chars,
        i: 0,
        line: 1,
        out: Vec::new(),
        indents: vec![0],
        brackets: Vec::new(),
        at_line_start: true,
    };
    if let Err((line, reason)) = lexer.run() {
        lexer.out.push(Token {
            tok: Tok::Error(reason),
            line,
        });
    }
    lexer.out
}

type LexResult<T> = Result<T, (usize, String)>;

struct Lexer {
    s: Vec<char>,
    i: usize,
    line: usize,
    out: Vec<Token>,
    indents: Vec<usize>,
    /// Open brackets and their lines: newlines inside brackets do not end a line.
    brackets: Vec<(char, usize)>,
    at_line_start: bool,
}

fn is_id_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_id_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.s.get(self.i + n).copied()
    }

    fn push(&mut self, tok: Tok, line: usize) {
        self.out.push(Token { tok, line });
    }

    fn run(&mut self) -> LexResult<()> {
        loop {
            if self.at_line_start && self.brackets.is_empty() && !self.indentation()? {
                continue;
            }
            let Some(c) = self.peek() else { break };
            match c {
                ' ' | '\t' | '\x0c' => self.i += 1,
                '#' => self.skip_comment(),
                '\n' => {
                    self.i += 1;
                    if self.brackets.is_empty() {
                        self.push(Tok::Newline, self.line);
                        self.at_line_start = true;
                    }
                    self.line += 1;
                }
                '\\' => match self.peek_at(1) {
                    Some('\n') => {
                        self.i += 2;
                        self.line += 1;
                    }
                    None => return Err((self.line, "unexpected end of file after `\\`".into())),
                    Some(_) => {
                        return Err((
                            self.line,
                            "unexpected character after line continuation character `\\`".into(),
                        ));
                    }
                },
                '\0' => return Err((self.line, "source code cannot contain null bytes".into())),
                '0'..='9' => self.number()?,
                '.' if self.peek_at(1).is_some_and(|d| d.is_ascii_digit()) => self.number()?,
                '"' | '\'' => self.string("")?,
                c if is_id_start(c) => self.name_or_prefixed_string()?,
                _ => self.operator()?,
            }
        }
        if let Some(&(open, line)) = self.brackets.last() {
            return Err((line, format!("`{open}` was never closed")));
        }
        if self
            .out
            .last()
            .is_some_and(|t| !matches!(t.tok, Tok::Newline | Tok::Dedent))
        {
            self.push(Tok::Newline, self.line);
        }
        for _ in 1..self.indents.len() {
            self.push(Tok::Dedent, self.line);
        }
        self.push(Tok::Eof, self.line);
        Ok(())
    }

    fn skip_comment(&mut self) {
        while self.peek().is_some_and(|c| c != '\n') {
            self.i += 1;
        }
    }

    /// Measures the indentation of a new line. Returns false when the line is blank or a
    /// comment (it is then consumed), true when tokens follow.
    fn indentation(&mut self) -> LexResult<bool> {
        let mut col = 0usize;
        loop {
            match self.peek() {
                Some(' ') => col += 1,
                Some('\t') => col = (col / 8 + 1) * 8,
                Some('\x0c') => col = 0,
                _ => break,
            }
            self.i += 1;
        }
        match self.peek() {
            None => return Ok(true),
            Some('\n') => {
                self.i += 1;
                self.line += 1;
                return Ok(false);
            }
            Some('#') => {
                self.skip_comment();
                return Ok(false);
            }
            Some(_) => {}
        }
        self.at_line_start = false;
        let current = self.indents.last().copied().unwrap_or(0);
        if col > current {
            if self.indents.len() > MAX_INDENT {
                return Err((self.line, "too many levels of indentation".into()));
            }
            self.indents.push(col);
            self.push(Tok::Indent, self.line);
        } else if col < current {
            while self.indents.last().is_some_and(|&level| level > col) {
                self.indents.pop();
                self.push(Tok::Dedent, self.line);
            }
            if self.indents.last().copied().unwrap_or(0) != col {
                return Err((
                    self.line,
                    "unindent does not match any outer indentation level".into(),
                ));
            }
        }
        Ok(true)
    }

    fn operator(&mut self) -> LexResult<()> {
        let line = self.line;
        let Some(op) = OPERATORS.iter().find(|op| {
            op.chars()
                .enumerate()
                .all(|(n, c)| self.peek_at(n) == Some(c))
        }) else {
            let c = self.peek().unwrap_or(' ');
            return Err((
                line,
                format!("invalid character `{c}` (U+{:04X})", u32::from(c)),
            ));
        };
        self.i += op.chars().count();
        match *op {
            "(" | "[" | "{" => {
                let open = op.chars().next().unwrap_or('(');
                self.brackets.push((open, line));
            }
            ")" | "]" | "}" => {
                let close = op.chars().next().unwrap_or(')');
                let expected = match self.brackets.pop() {
                    Some(('(', _)) => ')',
                    Some(('[', _)) => ']',
                    Some(_) => '}',
                    None => return Err((line, format!("unmatched `{close}`"))),
                };
                if close != expected {
                    return Err((
                        line,
                        format!(
                            "closing `{close}` does not match the open bracket (expected `{expected}`)"
                        ),
                    ));
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), line);
        Ok(())
    }

    fn name_or_prefixed_string(&mut self) -> LexResult<()> {
        let line = self.line;
        let start = self.i;
        while self.peek().is_some_and(is_id_continue) {
            self.i += 1;
        }
        let word: String = self.s[start..self.i].iter().collect();
        let is_prefix = matches!(
            word.to_ascii_lowercase().as_str(),
            "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
        );
        if is_prefix && matches!(self.peek(), Some('"' | '\'')) {
            return self.string(&word);
        }
        self.push(Tok::Name(word), line);
        Ok(())
    }

    /// A string literal; `self.i` is on its opening quote.
    fn string(&mut self, prefix: &str) -> LexResult<()> {
        let line = self.line;
        let prefix = prefix.to_ascii_lowercase();
        let raw = prefix.contains('r');
        let bytes = prefix.contains('b');
        let formatted = prefix.contains('f');
        let quote = self.peek().unwrap_or('"');
        let triple = self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote);
        self.i += if triple { 3 } else { 1 };
        let unterminated = || {
            let what = if triple {
                "unterminated triple-quoted string literal"
            } else {
                "unterminated string literal"
            };
            (line, what.to_string())
        };
        let mut body = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(unterminated());
            };
            match c {
                '\\' => {
                    body.push(c);
                    self.i += 1;
                    if let Some(next) = self.peek() {
                        body.push(next);
                        self.i += 1;
                        if next == '\n' {
                            self.line += 1;
                        }
                    }
                }
                '\n' if !triple => return Err(unterminated()),
                '\0' => return Err((self.line, "source code cannot contain null bytes".into())),
                c if c == quote => {
                    if !triple {
                        self.i += 1;
                        break;
                    }
                    if self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote) {
                        self.i += 3;
                        break;
                    }
                    body.push(c);
                    self.i += 1;
                }
                c => {
                    body.push(c);
                    self.i += 1;
                    if c == '\n' {
                        self.line += 1;
                    }
                }
            }
        }
        let lit = if bytes {
            StrLit::Bytes(decode_bytes(&body, raw).map_err(|r| (line, r))?)
        } else if formatted {
            let parts = fstring_parts(&body, raw).map_err(|r| (line, r))?;
            match parts.as_slice() {
                [] => StrLit::Text(String::new()),
                [FPart::Text(text)] => StrLit::Text(text.clone()),
                _ => StrLit::Formatted(parts),
            }
        } else {
            StrLit::Text(decode_text(&body, raw).map_err(|r| (line, r))?)
        };
        self.push(Tok::Str(lit), line);
        Ok(())
    }

    fn number(&mut self) -> LexResult<()> {
        let line = self.line;
        let invalid = |what: &str| (line, format!("invalid {what} literal"));
        if self.peek() == Some('0')
            && matches!(self.peek_at(1), Some('x' | 'X' | 'o' | 'O' | 'b' | 'B'))
        {
            let radix = match self.peek_at(1) {
                Some('x' | 'X') => 16,
                Some('o' | 'O') => 8,
                _ => 2,
            };
            self.i += 2;
            let start = self.i;
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                self.i += 1;
            }
            let word: String = self.s[start..self.i].iter().collect();
            let digits = underscores_removed(&word, true).ok_or_else(|| invalid("integer"))?;
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return Err(invalid("integer"));
            }
            let value = i64::from_str_radix(&digits, radix).map_err(|_| too_large(line))?;
            return self.number_end(Tok::Int(value), line);
        }
        let start = self.i;
        self.digits();
        let int_part: String = self.s[start..self.i].iter().collect();
        let mut is_float = false;
        if self.peek() == Some('.') {
            is_float = true;
            self.i += 1;
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.digits();
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let sign = usize::from(matches!(self.peek_at(1), Some('+' | '-')));
            if self.peek_at(1 + sign).is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                self.i += 1 + sign;
                self.digits();
            }
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            return Err((line, "imaginary numbers are not supported".into()));
        }
        let word: String = self.s[start..self.i].iter().collect();
        let clean = underscores_removed(&word, false).ok_or_else(|| invalid("decimal"))?;
        if is_float {
            let value: f64 = clean.parse().map_err(|_| invalid("decimal"))?;
            return self.number_end(Tok::Float(value), line);
        }
        let int_clean = underscores_removed(&int_part, false).ok_or_else(|| invalid("decimal"))?;
        if int_clean.len() > 1 && int_clean.starts_with('0') && int_clean.chars().any(|c| c != '0')
        {
            return Err((
                line,
                "leading zeros in decimal integer literals are not permitted".into(),
            ));
        }
        let value: i64 = int_clean.parse().map_err(|_| too_large(line))?;
        self.number_end(Tok::Int(value), line)
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '_') {
            self.i += 1;
        }
    }

    fn number_end(&mut self, tok: Tok, line: usize) -> LexResult<()> {
        if self.peek().is_some_and(is_id_continue) {
            return Err((line, "invalid decimal literal".into()));
        }
        self.push(tok, line);
        Ok(())
    }
}

fn too_large(line: usize) -> (usize, String) {
    (
        line,
        "integer literal too large (twir reads 64-bit integers)".into(),
    )
}

/// Removes the underscores of a number: each must sit between two digits (or, with
/// `after_prefix`, may also open the digits: `0x_ff`). `None` when misplaced.
fn underscores_removed(word: &str, after_prefix: bool) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(chars.len());
    for (n, &c) in chars.iter().enumerate() {
        if c == '_' {
            let before_ok = if n == 0 {
                after_prefix
            } else {
                chars[n - 1].is_ascii_alphanumeric()
            };
            let after_ok = chars.get(n + 1).is_some_and(|c| c.is_ascii_alphanumeric());
            if !before_ok || !after_ok {
                return None;
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// The pieces of an f-string's body: text (`{{`/`}}` undoubled, escapes decoded unless
/// raw) and replacement fields.
fn fstring_parts(body: &str, raw: bool) -> Result<Vec<FPart>, String> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '}' => return Err("f-string: single `}` is not allowed".into()),
            '{' => {
                if !text.is_empty() {
                    parts.push(FPart::Text(decode_text(&text, raw)?));
                    text.clear();
                }
                let mut field = String::new();
                let mut depth = 1usize;
                loop {
                    let Some(f) = chars.next() else {
                        return Err("f-string: expecting `}`".into());
                    };
                    match f {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                    field.push(f);
                }
                let name = field.trim();
                let is_name = name.chars().next().is_some_and(is_id_start)
                    && name.chars().all(is_id_continue);
                parts.push(if is_name {
                    FPart::Name(name.to_string())
                } else {
                    FPart::Other(field)
                });
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        parts.push(FPart::Text(decode_text(&text, raw)?));
    }
    Ok(parts)
}

/// One decoded escape sequence of a literal.
enum Escaped {
    /// A character (or a byte value below 256 in a bytes literal).
    Char(u32),
    /// Backslash-newline: nothing.
    Nothing,
    /// An unknown escape: Python keeps the backslash and the character.
    Kept(char),
}

/// Decodes the escape after a backslash; `chars` is past the backslash.
fn escape(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    bytes: bool,
) -> Result<Escaped, String> {
    let Some(c) = chars.next() else {
        return Ok(Escaped::Kept('\\'));
    };
    let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize, name: &str| {
        let mut value = 0u32;
        for _ in 0..n {
            match chars.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    value = value * 16 + d;
                    chars.next();
                }
                None => return Err(format!("truncated `\\{name}` escape")),
            }
        }
        Ok(value)
    };
    Ok(match c {
        '\n' => Escaped::Nothing,
        '\\' | '\'' | '"' => Escaped::Char(u32::from(c)),
        'a' => Escaped::Char(7),
        'b' => Escaped::Char(8),
        'f' => Escaped::Char(12),
        'n' => Escaped::Char(10),
        'r' => Escaped::Char(13),
        't' => Escaped::Char(9),
        'v' => Escaped::Char(11),
        '0'..='7' => {
            let mut value = c.to_digit(8).unwrap_or(0);
            for _ in 0..2 {
                match chars.peek().and_then(|c| c.to_digit(8)) {
                    Some(d) => {
                        value = value * 8 + d;
                        chars.next();
                    }
                    None => break,
                }
            }
            if bytes && value > 0xff {
                return Err(format!(
                    "octal escape `\\{value:o}` is out of range for bytes"
                ));
            }
            Escaped::Char(value)
        }
        'x' => Escaped::Char(hex(chars, 2, "xXX")?),
        'u' if !bytes => Escaped::Char(hex(chars, 4, "uXXXX")?),
        'U' if !bytes => Escaped::Char(hex(chars, 8, "UXXXXXXXX")?),
        'N' if !bytes => return Err("`\\N{...}` escapes are not supported".into()),
        other => Escaped::Kept(other),
    })
}

/// Decodes a text literal's body (escapes, unless raw).
fn decode_text(body: &str, raw: bool) -> Result<String, String> {
    if raw || !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match escape(&mut chars, false)? {
            Escaped::Char(code) => out.push(
                char::from_u32(code)
                    .ok_or_else(|| format!("escape U+{code:X} is not a Unicode scalar value"))?,
            ),
            Escaped::Nothing => {}
            Escaped::Kept(c) => {
                out.push('\\');
                if c != '\\' {
                    out.push(c);
                }
            }
        }
    }
    Ok(out)
}

/// Decodes a bytes literal's body: ASCII characters and escapes.
fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, String> {
    let not_ascii = || "bytes can only contain ASCII literal characters".to_string();
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        let byte = u8::try_from(c)
            .ok()
            .filter(u8::is_ascii)
            .ok_or_else(not_ascii)?;
        if c != '\\' || raw {
            out.push(byte);
            continue;
        }
        match escape(&mut chars, true)? {
            Escaped::Char(code) => out.push(u8::try_from(code).map_err(|_| not_ascii())?),
            Escaped::Nothing => {}
            Escaped::Kept(c) => {
                out.push(b'\\');
                if c != '\\' {
                    out.push(
                        u8::try_from(c)
                            .ok()
                            .filter(u8::is_ascii)
                            .ok_or_else(not_ascii)?,
                    );
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        tokenize(text).into_iter().map(|t| t.tok).collect()
    }

    fn one_str(text: &str) -> StrLit {
        match toks(text).into_iter().next() {
            Some(Tok::Str(s)) => s,
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    fn text(s: &str) -> StrLit {
        StrLit::Text(s.into())
    }

    fn error(text: &str) -> (usize, String) {
        let last = tokenize(text).pop().unwrap();
        match last.tok {
            Tok::Error(reason) => (last.line, reason),
            other => panic!("{text:?} ended with {other:?}"),
        }
    }

    #[test]
    fn names_numbers_operators_and_lines() {
        assert_eq!(
            toks("A = 1 + x_2\n"),
            vec![
                Tok::Name("A".into()),
                Tok::Op("="),
                Tok::Int(1),
                Tok::Op("+"),
                Tok::Name("x_2".into()),
                Tok::Newline,
                Tok::Eof
            ]
        );
        assert_eq!(toks("a != b"), toks("a != b\n"));
        assert_eq!(
            toks("1_000 0x_1F 0o17 0b101 00")[..5],
            [
                Tok::Int(1000),
                Tok::Int(31),
                Tok::Int(15),
                Tok::Int(5),
                Tok::Int(0)
            ]
        );
        assert_eq!(
            toks("1.5 1. .5 1e3 2E-2 1_0.5")[..6],
            [
                Tok::Float(1.5),
                Tok::Float(1.0),
                Tok::Float(0.5),
                Tok::Float(1000.0),
                Tok::Float(0.02),
                Tok::Float(10.5)
            ]
        );
    }

    #[test]
    fn indentation_blank_lines_comments_and_brackets() {
        let t = toks("if x:\n    A = [1,\n  2]  # c\n\n    # only a comment\n    B = 2\nC = 3\n");
        let structure: Vec<&Tok> = t
            .iter()
            .filter(|t| matches!(t, Tok::Newline | Tok::Indent | Tok::Dedent))
            .collect();
        assert_eq!(
            structure,
            [
                &Tok::Newline,
                &Tok::Indent,
                &Tok::Newline,
                &Tok::Newline,
                &Tok::Dedent,
                &Tok::Newline
            ]
        );
        // Lines count through brackets and continuations.
        let lines: Vec<usize> = tokenize("A = (\n1)\nB = \\\n 2\nC")
            .iter()
            .map(|t| t.line)
            .collect();
        assert_eq!(lines, [1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 5]);
        // Dedents close at the end of the file.
        assert!(toks("if x:\n  if y:\n    A = 1").ends_with(&[Tok::Dedent, Tok::Dedent, Tok::Eof]));
        // \r\n and lone \r are line ends.
        assert_eq!(toks("A = 1\r\nB = 2\rC"), toks("A = 1\nB = 2\nC"));
    }

    #[test]
    fn string_literals() {
        assert_eq!(one_str("'a\"b'"), text("a\"b"));
        assert_eq!(one_str("\"a'b\""), text("a'b"));
        assert_eq!(one_str("u'caf\\xe9'"), text("café"));
        assert_eq!(one_str("U\"x\""), text("x"));
        assert_eq!(one_str("r'a\\nb\\''"), text("a\\nb\\'"));
        assert_eq!(
            one_str("'\\t\\n\\\\\\'\\\"\\a\\0\\101\\u00e9\\U0001F980'"),
            text("\t\n\\'\"\x07\0Aé🦀")
        );
        assert_eq!(one_str("'\\q'"), text("\\q"));
        assert_eq!(one_str("'a\\\nb'"), text("ab"));
        assert_eq!(one_str("'''x\n'y'\n'''"), text("x\n'y'\n"));
        assert_eq!(one_str("\"\"\"a\"\"b\"\"\""), text("a\"\"b"));
        assert_eq!(one_str("'''a''''"), text("a"));
        assert_eq!(one_str("b'a\\x00\\n'"), StrLit::Bytes(b"a\0\n".to_vec()));
        assert_eq!(one_str("Rb'\\x'"), StrLit::Bytes(b"\\x".to_vec()));
        assert_eq!(one_str("f'{{a}}'"), text("{a}"));
        assert_eq!(
            one_str("f'x{a}{ b }\\t{c!r}'"),
            StrLit::Formatted(vec![
                FPart::Text("x".into()),
                FPart::Name("a".into()),
                FPart::Name("b".into()),
                FPart::Text("\t".into()),
                FPart::Other("c!r".into()),
            ])
        );
        assert_eq!(
            one_str("rf'\\{a}'"),
            StrLit::Formatted(vec![FPart::Text("\\".into()), FPart::Name("a".into())])
        );
        assert_eq!(one_str("'é🦀'"), text("é🦀"));
        // A triple-quoted string spans lines: the next token is on its last line.
        let lines: Vec<usize> = tokenize("A = '''\n\n'''\nB")
            .iter()
            .map(|t| t.line)
            .collect();
        assert_eq!(lines, [1, 1, 1, 3, 4, 4, 4]);
    }

    #[test]
    fn lexical_errors_name_their_line() {
        assert_eq!(error("A = 'abc\nB = 1").0, 1);
        assert!(error("A = 'abc\nB = 1").1.contains("unterminated string"));
        assert!(error("A = 1\nB = '''abc").1.contains("triple-quoted"));
        assert_eq!(error("A = 1\nB = '''abc\n\n").0, 2);
        assert_eq!(error("A = (1,\n2"), (1, "`(` was never closed".into()));
        assert!(error("A = (1]").1.contains("does not match"));
        assert!(error("A = 1)").1.contains("unmatched"));
        assert!(error("A = 1 $").1.contains("invalid character `$`"));
        assert!(error("A = 012").1.contains("leading zeros"));
        assert!(error("A = 1_").1.contains("invalid decimal"));
        assert!(error("A = 1__0").1.contains("invalid decimal"));
        assert!(error("A = 0x").1.contains("invalid integer"));
        assert!(error("A = 0b102").1.contains("invalid integer"));
        assert!(error("A = 1abc").1.contains("invalid decimal"));
        assert!(error("A = 2j").1.contains("imaginary"));
        assert!(error("A = 99999999999999999999").1.contains("too large"));
        assert!(error("A = '\\x4'").1.contains("truncated"));
        assert!(error("A = '\\ud800'").1.contains("not a Unicode scalar"));
        assert!(error("A = '\\N{DASH}'").1.contains("not supported"));
        assert!(error("A = b'é'").1.contains("ASCII"));
        assert!(error("A = f'}'").1.contains("single `}`"));
        assert!(error("A = f'{a'").1.contains("expecting `}`"));
        assert!(error("A = 1 \\ 2").1.contains("continuation"));
        assert!(error("A = 1 \\").1.contains("end of file"));
        assert!(error("A = '\0'").1.contains("null bytes"));
        assert!(error("A = 1\n\0").1.contains("null bytes"));
        assert!(error("if x:\n    A = 1\n  B = 2").1.contains("unindent"));
        assert_eq!(error("if x:\n    A = 1\n  B = 2").0, 3);
        let deep: String = (0..=MAX_INDENT + 1)
            .map(|n| format!("{}if x:\n", " ".repeat(n)))
            .collect();
        assert!(error(&deep).1.contains("too many levels"));
    }
}
