//! Inline markup: emphasis, strong emphasis, inline literals, interpreted text (rendered as
//! `<cite>`, docutils' default role), hyperlink references (`` `text`_ ``, `name_`,
//! `` `text <URI>`_ ``) and backslash escapes, recognised by the specification's rules
//! (start-strings after whitespace or punctuation, end-strings before it...).
//!
//! Inline constructs twir does not render (roles, substitutions, footnote references,
//! inline targets, standalone URIs and email addresses, which docutils links by itself)
//! are errors rather than text that would silently differ from Pelican's page.

use crate::Fault;
use crate::chars::{end_suffix_ok, is_email_char, is_space, is_word, quoted_pair, start_prefix_ok};
use std::cell::Cell;

/// One piece of inline content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    Text(String),
    Emphasis(String),
    Strong(String),
    Literal(String),
    /// Interpreted text with the default role (title reference).
    Cite(String),
    /// A hyperlink reference.
    Reference(Reference),
}

/// A hyperlink reference: to a named target, or with its URI embedded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reference {
    pub text: String,
    /// The embedded URI (`` `text <URI>`_ ``).
    pub uri: Option<String>,
    /// The normalised reference name: the target it points to, or, with an embedded URI
    /// and a single underscore, the target it defines.
    pub name: Option<String>,
    pub line: usize,
}

/// Reference names compare with whitespace collapsed and case folded.
pub(crate) fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Parses the inline markup of `text`, whose first line is `first_line` of the file.
pub(crate) fn parse(text: &str, first_line: usize) -> Result<Vec<Inline>, Fault> {
    parse_counting(text, first_line).0
}

/// [`parse`], and how many characters it looked at.
fn parse_counting(text: &str, first_line: usize) -> (Result<Vec<Inline>, Fault>, usize) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut escaped = vec![false; n];
    let mut escaping = vec![false; n];
    let mut i = 0;
    while i < n {
        if chars[i] == '\\' && !escaped[i] {
            escaping[i] = true;
            if i + 1 < n {
                escaped[i + 1] = true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    let mut parser = Parser {
        c: chars,
        escaped,
        escaping,
        first_line,
        out: Vec::new(),
        text_start: 0,
        remaining: 0,
        newlines_before: Vec::new(),
        names_checked_until: Cell::new(0),
        uris_checked_until: Cell::new(0),
        steps: Cell::new(0),
    };
    let mut count = 0;
    for &c in &parser.c {
        parser.newlines_before.push(count);
        if c == '\n' {
            count += 1;
        }
    }
    parser.newlines_before.push(count);
    let result = parser.run();
    let steps = parser.steps.get();
    (result.map(|()| parser.out), steps)
}

struct Parser {
    c: Vec<char>,
    /// The character follows an escaping backslash.
    escaped: Vec<bool>,
    /// The character is a backslash that escapes the next one.
    escaping: Vec<bool>,
    first_line: usize,
    out: Vec<Inline>,
    /// Start of the plain text not yet emitted.
    text_start: usize,
    /// `newlines_before[i]`: line breaks before position `i` (for error lines).
    newlines_before: Vec<usize>,
    /// A simple-name scan that found no reference covered the text up to here: later
    /// starts inside it end at the same places, and find none either.
    names_checked_until: Cell<usize>,
    /// Likewise for the standalone-URI scan.
    uris_checked_until: Cell<usize>,
    /// Characters looked at: the scans must stay linear (tested).
    steps: Cell<usize>,
    /// Start of the text docutils has not consumed yet (after the last construct or
    /// skipped start-string): a start-string there needs no prefix and is never "quoted".
    remaining: usize,
}

/// What an attempt at a construct found.
enum Found {
    /// Not markup here: continue scanning at this position.
    No(usize),
    /// A start-string that is not markup (quoted, or at the end of the text): docutils
    /// goes on after it.
    Skipped(usize),
    /// A construct ending at this position.
    Yes(Inline, usize),
}

impl Parser {
    fn at(&self, i: usize) -> Option<char> {
        self.tick();
        self.c.get(i).copied()
    }

    fn tick(&self) {
        self.steps.set(self.steps.get() + 1);
    }

    fn line_at(&self, i: usize) -> usize {
        self.first_line + self.newlines_before[i.min(self.c.len())]
    }

    fn unsupported(&self, i: usize, what: &str) -> Fault {
        Fault::unsupported(self.line_at(i), what)
    }

    fn invalid(&self, i: usize, reason: &str) -> Fault {
        Fault::invalid(self.line_at(i), reason)
    }

    /// The text of `start..end` with escapes resolved (escaped whitespace disappears).
    fn unescape(&self, start: usize, end: usize) -> String {
        (start..end.min(self.c.len()))
            .filter(|&k| {
                self.tick();
                !(self.escaping[k] || self.escaped[k] && is_space(self.c[k]))
            })
            .map(|k| self.c[k])
            .collect()
    }

    fn raw(&self, start: usize, end: usize) -> String {
        self.c[start..end.min(self.c.len())].iter().collect()
    }

    fn run(&mut self) -> Result<(), Fault> {
        let mut i = 0;
        while i < self.c.len() {
            self.tick();
            if self.escaping[i] || self.escaped[i] {
                i += 1;
                continue;
            }
            if self.c[i] == '@' {
                self.check_email(i)?;
            }
            let prev = i.checked_sub(1).map(|p| self.c[p]);
            if i != self.remaining && !start_prefix_ok(prev) {
                i += 1;
                continue;
            }
            match self.construct(i)? {
                Found::No(next) => i = next.max(i + 1),
                Found::Skipped(next) => {
                    i = next.max(i + 1);
                    self.remaining = i;
                }
                Found::Yes(inline, end) => {
                    if self.text_start < i {
                        let text = self.unescape(self.text_start, i);
                        self.out.push(Inline::Text(text));
                    }
                    self.out.push(inline);
                    self.text_start = end;
                    self.remaining = end;
                    i = end;
                }
            }
        }
        if self.text_start < self.c.len() {
            let text = self.unescape(self.text_start, self.c.len());
            self.out.push(Inline::Text(text));
        }
        Ok(())
    }

    /// Tries the constructs that may start at `i` (whose prefix is acceptable).
    fn construct(&self, i: usize) -> Result<Found, Fault> {
        let next = self.at(i + 1);
        match self.c[i] {
            '*' if next == Some('*') => self.enclosed(i, 2, "**", "strong emphasis"),
            '*' => self.enclosed(i, 1, "*", "emphasis"),
            '`' if next == Some('`') => self.literal(i),
            '`' => self.interpreted(i),
            '_' if next == Some('`') => self.start_only(i, 2, "inline internal targets (_`...`)"),
            '|' if next != Some('|') => self.start_only(i, 1, "substitution references (|...|)"),
            '[' => self.footnote_reference(i),
            ':' => self.role(i),
            c if is_word(c) && c != '_' => {
                if let Found::Yes(inline, end) = self.simple_reference(i)? {
                    return Ok(Found::Yes(inline, end));
                }
                self.check_uri(i)?;
                Ok(Found::No(i + 1))
            }
            _ => Ok(Found::No(i + 1)),
        }
    }

    /// Checks the character after a start-string of `len` chars at `i`: it must not be
    /// whitespace (Python's `(?!\s)`: the end of the text passes). `Ok(None)`: not markup;
    /// `Ok(Some(true))`: markup; `Ok(Some(false))`: a quoted start-string (`"*"`) or one
    /// at the end of the text, which docutils skips.
    fn start_ok(&self, i: usize, len: usize) -> Result<Option<bool>, Fault> {
        let after = self.at(i + len);
        if after.is_some_and(is_space) {
            return Ok(None);
        }
        if i == self.remaining {
            return Ok(Some(true));
        }
        let Some(after) = after else {
            return Ok(Some(false));
        };
        let prev = self.c[i - 1];
        match quoted_pair(prev, after) {
            Some(quoted) => Ok(Some(!quoted)),
            None => Err(self.unsupported(
                i,
                &format!("inline markup start-strings between the quotes `{prev}` and `{after}`"),
            )),
        }
    }

    /// [`Self::start_ok`] as a [`Found`] when this is not markup.
    fn not_markup(&self, i: usize, len: usize) -> Result<Option<Found>, Fault> {
        Ok(match self.start_ok(i, len)? {
            None => Some(Found::No(i + 1)),
            Some(false) => Some(Found::Skipped(i + len)),
            Some(true) => None,
        })
    }

    /// An end-string `end` at `j`: not escaped, after non-whitespace, before an allowed
    /// character.
    fn end_at(&self, j: usize, end: &str) -> bool {
        let len = end.chars().count();
        end.chars()
            .enumerate()
            .all(|(k, e)| self.at(j + k) == Some(e))
            && !self.escaped[j]
            && j > 0
            && !is_space(self.c[j - 1])
            && end_suffix_ok(self.at(j + len))
    }

    /// Emphasis and strong emphasis.
    fn enclosed(&self, i: usize, len: usize, end: &str, what: &str) -> Result<Found, Fault> {
        if let Some(found) = self.not_markup(i, len)? {
            return Ok(found);
        }
        // docutils takes the first end-string, even right after the start-string (then
        // the content is empty: an error).
        let from = i + len;
        let end_found = (from..self.c.len()).find(|&j| self.end_at(j, end));
        let Some(j) = end_found.filter(|&j| j > from) else {
            return Err(self.invalid(
                i,
                &format!("{what} start-string `{end}` without end-string"),
            ));
        };
        let text = self.unescape(i + len, j);
        let inline = if len == 2 {
            Inline::Strong(text)
        } else {
            Inline::Emphasis(text)
        };
        Ok(Found::Yes(inline, j + len))
    }

    /// ``` ``literal`` ```: backslashes are kept, and do not escape the end-string.
    fn literal(&self, i: usize) -> Result<Found, Fault> {
        if let Some(found) = self.not_markup(i, 2)? {
            return Ok(found);
        }
        let end = (i + 2..self.c.len()).find(|&j| {
            self.at(j) == Some('`')
                && self.at(j + 1) == Some('`')
                && !is_space(self.c[j - 1])
                && end_suffix_ok(self.at(j + 2))
        });
        let Some(j) = end.filter(|&j| j > i + 2) else {
            return Err(self.invalid(
                i,
                "inline literal start-string ``` `` ``` without end-string",
            ));
        };
        Ok(Found::Yes(Inline::Literal(self.raw(i + 2, j)), j + 2))
    }

    /// A start-string twir does not render: an error, unless it is not markup here.
    fn start_only(&self, i: usize, len: usize, what: &str) -> Result<Found, Fault> {
        if let Some(found) = self.not_markup(i, len)? {
            return Ok(found);
        }
        Err(self.unsupported(i, what))
    }

    /// The end of a simple name (`[alnum]+([-._+:][alnum]+)*`) starting at `i`: every
    /// position where one could end, shortest first.
    fn simple_name_ends(&self, i: usize) -> Vec<usize> {
        let alnum = |k: usize| {
            self.at(k)
                .is_some_and(|c| is_word(c) && c != '_' && !self.escaped[k] && !self.escaping[k])
        };
        let mut ends = Vec::new();
        let mut k = i;
        while alnum(k) {
            while alnum(k) {
                k += 1;
            }
            ends.push(k);
            let separator = self
                .at(k)
                .is_some_and(|c| "-._+:".contains(c) && !self.escaped[k]);
            if separator && alnum(k + 1) {
                k += 1;
            } else {
                break;
            }
        }
        ends
    }

    /// `name_` (and `name__`, anonymous, not supported).
    fn simple_reference(&self, i: usize) -> Result<Found, Fault> {
        if i < self.names_checked_until.get() {
            return Ok(Found::No(i + 1));
        }
        let ends = self.simple_name_ends(i);
        for &e in ends.iter().rev() {
            if self.at(e) != Some('_') || self.escaped[e] {
                continue;
            }
            if self.at(e + 1) == Some('_') && end_suffix_ok(self.at(e + 2)) {
                return Err(self.unsupported(i, "anonymous hyperlink references (name__)"));
            }
            if end_suffix_ok(self.at(e + 1)) {
                let text = self.raw(i, e);
                let name = normalize_name(&text);
                return Ok(Found::Yes(
                    Inline::Reference(Reference {
                        text,
                        uri: None,
                        name: Some(name),
                        line: self.line_at(i),
                    }),
                    e + 1,
                ));
            }
        }
        if let Some(&last) = ends.last() {
            self.names_checked_until.set(last);
        }
        Ok(Found::No(i + 1))
    }

    /// `:role:` before interpreted text.
    fn role(&self, i: usize) -> Result<Found, Fault> {
        if let Some(&e) = self.simple_name_ends(i + 1).last()
            && self.at(e) == Some(':')
            && self.at(e + 1) == Some('`')
            && self.at(e + 2).is_some_and(|c| !is_space(c))
        {
            return Err(self.unsupported(i, "interpreted text roles (:role:`...`)"));
        }
        Ok(Found::No(i + 1))
    }

    /// `[1]_`, `[#]_`, `[*]_`, `[label]_`.
    fn footnote_reference(&self, i: usize) -> Result<Found, Fault> {
        let mut k = i + 1;
        while self
            .at(k)
            .is_some_and(|c| (is_word(c) || "#*-.+:".contains(c)) && !self.escaped[k])
        {
            k += 1;
        }
        if k > i + 1
            && self.at(k) == Some(']')
            && self.at(k + 1) == Some('_')
            && end_suffix_ok(self.at(k + 2))
        {
            return Err(self.unsupported(i, "footnote and citation references ([...]_)"));
        }
        Ok(Found::No(i + 1))
    }

    /// `` `interpreted text` ``, `` `phrase reference`_ ``, `` `text <URI>`_ ``.
    fn interpreted(&self, i: usize) -> Result<Found, Fault> {
        if let Some(found) = self.not_markup(i, 1)? {
            return Ok(found);
        }
        for j in i + 2..self.c.len() {
            self.tick();
            if self.c[j] != '`' || self.escaped[j] {
                continue;
            }
            let before = self.c[j - 1];
            if is_space(before) && !self.escaped[j - 1] {
                continue;
            }
            let k = j + 1;
            if self.at(k) == Some(':')
                && let Some(&e) = self.simple_name_ends(k + 1).last()
                && self.at(e) == Some(':')
                && end_suffix_ok(self.at(e + 1))
            {
                return Err(self.unsupported(i, "interpreted text roles (`...`:role:)"));
            }
            if self.at(k) == Some('_')
                && self.at(k + 1) == Some('_')
                && end_suffix_ok(self.at(k + 2))
            {
                return Ok(Found::Yes(self.phrase_reference(i, j, true)?, k + 2));
            }
            if self.at(k) == Some('_') && end_suffix_ok(self.at(k + 1)) {
                return Ok(Found::Yes(self.phrase_reference(i, j, false)?, k + 1));
            }
            if end_suffix_ok(self.at(k)) {
                return Ok(Found::Yes(Inline::Cite(self.unescape(i + 1, j)), k));
            }
        }
        Err(self.invalid(
            i,
            "interpreted text or phrase reference start-string ` without end-string",
        ))
    }

    /// The reference between the backquotes at `i` and `j`.
    fn phrase_reference(&self, i: usize, j: usize, anonymous: bool) -> Result<Inline, Fault> {
        let line = self.line_at(i);
        let (text, uri) = match self.embedded_uri(i + 1, j)? {
            Some((text_end, uri)) => {
                let text = self.unescape(i + 1, text_end);
                let text = if text.is_empty() { uri.clone() } else { text };
                (text, Some(uri))
            }
            None => {
                if anonymous {
                    return Err(self.unsupported(i, "anonymous hyperlink references (`...`__)"));
                }
                (self.unescape(i + 1, j), None)
            }
        };
        let name = (!anonymous).then(|| normalize_name(&text));
        Ok(Inline::Reference(Reference {
            text,
            uri,
            name,
            line,
        }))
    }

    /// An embedded `<URI>` at the end of `start..end`: the end of the link text (before
    /// the spaces and `<`) and the URI with its whitespace removed.
    fn embedded_uri(&self, start: usize, end: usize) -> Result<Option<(usize, String)>, Fault> {
        if end == 0 || end <= start || self.c[end - 1] != '>' || self.escaped[end - 1] {
            return Ok(None);
        }
        let Some(open) = (start..end - 1)
            .rev()
            .find(|&k| self.at(k) == Some('<') && !self.escaped[k])
        else {
            return Ok(None);
        };
        let inside_ok = (open + 1..end - 1).all(|k| self.c[k] != '>' || self.escaped[k]);
        let first = self.c.get(open + 1).copied();
        let last = self.c[end - 2];
        if !inside_ok || open + 1 >= end - 1 || first.is_none_or(is_space) || is_space(last) {
            return Ok(None);
        }
        let text_end = (start..open)
            .rev()
            .find(|&k| !matches!(self.c[k], ' ' | '\n'))
            .map_or(start, |k| k + 1);
        if text_end == open && open != start {
            // `text<URI>` without a space: not an embedded URI.
            return Ok(None);
        }
        if (open + 1..end - 1).any(|k| self.c[k] == '\\') {
            return Err(self.unsupported(open, "backslashes in embedded URIs"));
        }
        let uri: String = self.c[open + 1..end - 1]
            .iter()
            .filter(|c| !is_space(**c))
            .collect();
        if uri.ends_with('_') {
            return Err(self.unsupported(open, "embedded aliases (`text <name_>`_)"));
        }
        if uri.contains('@') && !uri.contains(':') {
            return Err(self.unsupported(open, "embedded email addresses"));
        }
        Ok(Some((text_end, uri)))
    }

    /// docutils links `scheme:...` text by itself; twir does not.
    fn check_uri(&self, i: usize) -> Result<(), Fault> {
        if !self.c[i].is_ascii_alphabetic() || i < self.uris_checked_until.get() {
            return Ok(());
        }
        let mut k = i + 1;
        while self
            .at(k)
            .is_some_and(|c| (c.is_ascii_alphanumeric() || ".+-".contains(c)) && !self.escaped[k])
        {
            k += 1;
        }
        self.uris_checked_until.set(k);
        let uri_char = |c: char| c.is_ascii_alphanumeric() || "/#~%_?&=+*@$-".contains(c);
        if self.at(k) == Some(':')
            && !self.escaped[k]
            && self.at(k + 1).is_some_and(uri_char)
            && !self.escaped.get(k + 1).copied().unwrap_or(true)
        {
            let word: String = self.c[i..k].iter().collect();
            return Err(self.unsupported(
                i,
                &format!(
                    "standalone URIs (`{word}:...`, which docutils links by itself; escape the colon as `\\:` if it is not a URI, or write `` `text <URI>`_ ``)"
                ),
            ));
        }
        Ok(())
    }

    /// docutils links email addresses by itself; twir does not.
    fn check_email(&self, i: usize) -> Result<(), Fault> {
        let before = i.checked_sub(1).map(|p| self.c[p]);
        let after = self.at(i + 1);
        if before.is_some_and(is_email_char)
            && after.is_some_and(is_email_char)
            && !self.escaped[i]
            && !self.escaped.get(i + 1).copied().unwrap_or(true)
        {
            return Err(self.unsupported(
                i,
                "email addresses in text (docutils links them by itself; escape the `@` as `\\@` if it is not one)",
            ));
        }
        Ok(())
    }
}

/// The plain text of inline content (what docutils' `astext()` gives).
pub(crate) fn astext(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t)
            | Inline::Emphasis(t)
            | Inline::Strong(t)
            | Inline::Literal(t)
            | Inline::Cite(t) => out.push_str(t),
            Inline::Reference(r) => out.push_str(&r.text),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Vec<Inline> {
        parse(text, 1).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn err(text: &str) -> Fault {
        match parse(text, 1) {
            Ok(v) => panic!("{text:?} gave {v:?}"),
            Err(f) => f,
        }
    }

    fn named(text: &str, name: &str) -> Inline {
        Inline::Reference(Reference {
            text: text.into(),
            uri: None,
            name: Some(name.into()),
            line: 1,
        })
    }

    #[test]
    fn emphasis_strong_literal_cite() {
        assert_eq!(
            p("a *b* c"),
            [t("a "), Inline::Emphasis("b".into()), t(" c")]
        );
        assert_eq!(p("**b c**."), [Inline::Strong("b c".into()), t(".")]);
        assert_eq!(p("``a\\b``"), [Inline::Literal("a\\b".into())]);
        assert_eq!(
            p("(`title`)"),
            [t("("), Inline::Cite("title".into()), t(")")]
        );
        assert_eq!(p("*****"), [Inline::Strong("*".into())]);
        assert_eq!(p("*a**b*"), [Inline::Emphasis("a**b".into())]);
        assert_eq!(p("``a```"), [Inline::Literal("a`".into())]);
    }

    #[test]
    fn recognition_rules() {
        // Start-strings need whitespace or punctuation before and non-whitespace after.
        assert_eq!(p("2 * 3 * 4"), [t("2 * 3 * 4")]);
        assert_eq!(p("a*b*"), [t("a*b*")]);
        assert_eq!(p("\"*\" and (*)"), [t("\"*\" and (*)")]);
        // End-strings need non-whitespace before and whitespace or punctuation after.
        assert_eq!(p("*a *b*"), [Inline::Emphasis("a *b".into())]);
        assert_eq!(p("*a*b*"), [Inline::Emphasis("a*b".into())]);
        // Escapes.
        assert_eq!(p("\\*a\\* and a\\ b"), [t("*a* and ab")]);
        assert_eq!(p("\\\\*a*"), [t("\\"), Inline::Emphasis("a".into())]);
        assert_eq!(p("*a\\*b*"), [Inline::Emphasis("a*b".into())]);
    }

    #[test]
    fn references() {
        assert_eq!(
            p("The Zinc_ project"),
            [t("The "), named("Zinc", "zinc"), t(" project")]
        );
        assert_eq!(p("a-b.c_, d"), [named("a-b.c", "a-b.c"), t(", d")]);
        assert_eq!(p("snake_case"), [t("snake_case")]);
        assert_eq!(
            p("the `meeting\nminutes`_ now"),
            [
                t("the "),
                named("meeting\nminutes", "meeting minutes"),
                t(" now")
            ]
        );
        assert_eq!(
            p("`Rust <https://www.rust-lang.org/>`_"),
            [Inline::Reference(Reference {
                text: "Rust".into(),
                uri: Some("https://www.rust-lang.org/".into()),
                name: Some("rust".into()),
                line: 1
            })]
        );
        assert_eq!(
            p("`<https://a.org/x\n y>`__"),
            [Inline::Reference(Reference {
                text: "https://a.org/xy".into(),
                uri: Some("https://a.org/xy".into()),
                name: None,
                line: 1
            })]
        );
        assert_eq!(p("`a<b>`_"), [named("a<b>", "a<b>")]);
    }

    #[test]
    fn unsupported_and_invalid() {
        assert!(err("a :emphasis:`b`").what().contains("roles"));
        assert!(err("a `b`:emphasis:").what().contains("roles"));
        assert!(err("a |sub| b").what().contains("substitution"));
        assert!(err("see [1]_").what().contains("footnote"));
        assert!(err("_`target`").what().contains("inline internal targets"));
        assert!(err("name__").what().contains("anonymous"));
        assert!(err("`text`__").what().contains("anonymous"));
        assert!(
            err("go to https://x.org")
                .what()
                .contains("standalone URIs")
        );
        assert!(err("mail a@b.org").what().contains("email"));
        assert!(err("`x <a_>`_").what().contains("aliases"));
        assert!(err("«*»").what().contains("quotes"));
        let f = err("a\nb *c\nd");
        assert_eq!(f.line, 2);
        assert!(f.what().contains("without end-string"));
        assert!(err("``a").what().contains("without end-string"));
        assert!(err("`a").what().contains("without end-string"));
        assert!(err("**a").what().contains("without end-string"));
        // Escaped, they are text.
        assert_eq!(p("https\\://x.org a\\@b"), [t("https://x.org a@b")]);
        assert_eq!(p("Note: this"), [t("Note: this")]);
    }
}

#[cfg(test)]
mod scaling_tests {
    use super::*;

    /// Runs of names and separators, references, emphasis, escapes and backquotes parse in
    /// linear time: four times the input makes the parser look at about four times as many
    /// characters (quadratic scanning would be sixteen).
    #[test]
    fn long_runs_stay_linear() {
        let shapes = [
            "a-", "é-", "a.-", "Ferris_ ", "*a* ", "\\* ", "`a`x", "a@", "a ", "``a`` ", "[1]",
            "`a <", ":a:",
        ];
        for shape in shapes {
            let (_, small) = parse_counting(&shape.repeat(1_000), 1);
            let (_, large) = parse_counting(&shape.repeat(4_000), 1);
            assert!(
                large < small * 5,
                "{shape:?}: {small} steps for 1,000 repetitions, {large} for 4,000"
            );
        }
    }
}
