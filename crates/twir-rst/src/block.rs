//! Body elements: section titles, paragraphs, literal blocks (after `::`), bullet lists,
//! field lists (the document's bibliographic fields), comments and external hyperlink
//! targets. Other body elements (enumerated, definition and option lists, block quotes,
//! tables, directives, footnotes...) are errors naming the construct and its line.

use crate::Fault;
use crate::chars::is_adornment;
use crate::lines::Line;
use unicode_width::UnicodeWidthStr;

/// Deepest nesting of lists and field bodies.
pub(crate) const MAX_DEPTH: usize = 24;

/// A title's adornment: its character, and whether it has an overline.
pub(crate) type Style = (char, bool);

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A section title (only at the top level).
    Title {
        style: Style,
        text: String,
        line: usize,
    },
    Paragraph {
        text: String,
        line: usize,
    },
    Literal {
        text: String,
    },
    BulletList {
        items: Vec<Vec<Block>>,
    },
    Comment {
        text: String,
    },
    Target {
        name: String,
        uri: String,
        line: usize,
    },
    FieldList {
        fields: Vec<Field>,
        line: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub name: String,
    pub body: Vec<Block>,
    pub line: usize,
}

const BULLETS: [char; 6] = ['*', '+', '-', '\u{2022}', '\u{2023}', '\u{2043}'];

/// Parses `lines` (one nesting level; `depth` counts the levels above).
pub(crate) fn parse(lines: &[Line], depth: usize) -> Result<Vec<Block>, Fault> {
    let mut parser = Parser {
        lines,
        pos: 0,
        depth,
        out: Vec::new(),
    };
    parser.run()?;
    Ok(parser.out)
}

struct Parser<'a> {
    lines: &'a [Line],
    pos: usize,
    depth: usize,
    out: Vec<Block>,
}

/// Whether the whole line is one punctuation character repeated.
fn adornment_char(text: &str) -> Option<char> {
    let first = text.chars().next()?;
    (is_adornment(first) && text.chars().all(|c| c == first)).then_some(first)
}

/// The text after a bullet and its spaces, if the line starts a bullet list item.
fn bullet_item(text: &str) -> Option<(char, usize)> {
    let bullet = text.chars().next()?;
    if !BULLETS.contains(&bullet) {
        return None;
    }
    let rest = &text[bullet.len_utf8()..];
    if rest.is_empty() {
        return Some((bullet, 1));
    }
    if !rest.starts_with(' ') {
        return None;
    }
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    Some((bullet, 1 + spaces))
}

/// The field name and the text after the marker, if the line starts a field
/// (`:name: body`).
fn field_marker(text: &str) -> Option<(String, &str)> {
    let rest = text.strip_prefix(':')?;
    if rest.starts_with([' ', ':']) {
        return None;
    }
    let mut prev: Option<char> = None;
    for (offset, c) in rest.char_indices() {
        if c == ':' && prev.is_some_and(|p| p != '\\' && p != ' ') {
            let after = &rest[offset + 1..];
            if after.is_empty() || after.starts_with(' ') {
                return Some((rest[..offset].to_string(), after.trim_start()));
            }
        }
        prev = Some(c);
    }
    None
}

/// Does the line start an enumerated list item (`1.`, `a)`, `(iv)`, `#.`)?
fn is_enumerator(text: &str) -> bool {
    let (inner, close) = if let Some(rest) = text.strip_prefix('(') {
        (rest, ')')
    } else {
        (text, ' ')
    };
    let Some(end) = inner.find(['.', ')']) else {
        return false;
    };
    let label = &inner[..end];
    let Some(after) = inner[end..].chars().next() else {
        return false;
    };
    if close == ')' && after != ')' {
        return false;
    }
    let rest = &inner[end + 1..];
    let label_ok = label == "#"
        || (!label.is_empty() && label.chars().all(|c| c.is_ascii_digit()))
        || (label.chars().count() == 1 && label.chars().all(|c| c.is_ascii_alphabetic()))
        || (!label.is_empty() && label.chars().all(|c| "ivxlcdm".contains(c)))
        || (!label.is_empty() && label.chars().all(|c| "IVXLCDM".contains(c)));
    label_ok && (rest.is_empty() || rest.starts_with(' '))
}

/// Does the line start an option list item (`-a`, `--long`, `/V`)?
fn is_option(text: &str) -> bool {
    let mut chars = text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some('-'), Some('-'), Some(c)) => c.is_ascii_alphanumeric(),
        (Some('-' | '/'), Some(c), next) => {
            c.is_ascii_alphanumeric() && next.is_none_or(|n| matches!(n, ' ' | '=' | ','))
        }
        _ => false,
    }
}

impl Parser<'_> {
    fn line(&self, k: usize) -> Option<&Line> {
        self.lines.get(k)
    }

    fn skip_blank(&mut self) {
        while self.line(self.pos).is_some_and(Line::is_blank) {
            self.pos += 1;
        }
    }

    fn run(&mut self) -> Result<(), Fault> {
        loop {
            self.skip_blank();
            let Some(line) = self.line(self.pos).cloned() else {
                return Ok(());
            };
            if line.indent() > 0 {
                return Err(Fault::unsupported(
                    line.number,
                    "block quotes (indented text after a blank line)",
                ));
            }
            self.block(&line)?;
        }
    }

    /// The block starting at `line` (the current line, not indented).
    fn block(&mut self, line: &Line) -> Result<(), Fault> {
        let text = line.text.as_str();
        let number = line.number;
        if bullet_item(text).is_some() {
            return self.bullet_list();
        }
        if is_enumerator(text) {
            return Err(Fault::unsupported(number, "enumerated lists"));
        }
        if field_marker(text).is_some() {
            return self.field_list();
        }
        if is_option(text) {
            return Err(Fault::unsupported(number, "option lists"));
        }
        if text == ">>>" || text.starts_with(">>> ") {
            return Err(Fault::unsupported(number, "doctest blocks"));
        }
        if text == "|" || text.starts_with("| ") {
            return Err(Fault::unsupported(number, "line blocks"));
        }
        if text.starts_with("+-")
            && text.chars().all(|c| c == '+' || c == '-')
            && text.ends_with('+')
        {
            return Err(Fault::unsupported(number, "grid tables"));
        }
        if text.starts_with('=') && text.contains(' ') && text.chars().all(|c| c == '=' || c == ' ')
        {
            return Err(Fault::unsupported(number, "simple tables"));
        }
        if text == ".." || text.starts_with(".. ") {
            return self.explicit_markup();
        }
        if text == "__" || text.starts_with("__ ") {
            return Err(Fault::unsupported(number, "anonymous hyperlink targets"));
        }
        if adornment_char(text).is_some() {
            return self.overline_title();
        }
        self.text()
    }

    /// Lines after `self.pos` that belong to an indented body: blank or indented, up to the
    /// next non-blank unindented line; trailing blank lines are left out. Returns the end
    /// index and the lines dedented by their common indentation.
    fn indented_body(&self, from: usize) -> (usize, Vec<Line>) {
        let mut end = from;
        let mut last_text = from;
        while let Some(l) = self.line(end) {
            if !l.is_blank() && l.indent() == 0 {
                break;
            }
            end += 1;
            if !l.is_blank() {
                last_text = end;
            }
        }
        let body = &self.lines[from..last_text];
        let common = body
            .iter()
            .filter(|l| !l.is_blank())
            .map(Line::indent)
            .min()
            .unwrap_or(0);
        (last_text, body.iter().map(|l| l.dedented(common)).collect())
    }

    /// Lines after a list item's first line that belong to it: blank, or indented at least
    /// as far as the item's text (`column`); trailing blank lines are left out. Returns the
    /// end index and the lines without their first `column` columns.
    fn known_indented(&self, from: usize, column: usize) -> (usize, Vec<Line>) {
        let mut end = from;
        let mut last_text = from;
        while let Some(l) = self.line(end) {
            if !l.is_blank() && l.indent() < column {
                break;
            }
            end += 1;
            if !l.is_blank() {
                last_text = end;
            }
        }
        let body = &self.lines[from..last_text];
        (last_text, body.iter().map(|l| l.dedented(column)).collect())
    }

    /// After a construct that ended at `self.pos`: the next line must be blank (or the end),
    /// unless `next_ok` accepts it.
    fn expect_blank_after(&self, what: &str, next_ok: impl Fn(&str) -> bool) -> Result<(), Fault> {
        match self.line(self.pos) {
            Some(l) if !l.is_blank() && !next_ok(&l.text) => Err(Fault::invalid(
                l.number,
                format!("{what} ends without a blank line"),
            )),
            _ => Ok(()),
        }
    }

    fn nested(&self, lines: &[Line], what: &str, line: usize) -> Result<Vec<Block>, Fault> {
        if self.depth + 1 >= MAX_DEPTH {
            return Err(Fault::unsupported(
                line,
                &format!("{what} nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        let blocks = parse(lines, self.depth + 1)?;
        if let Some(Block::Title { line, .. }) =
            blocks.iter().find(|b| matches!(b, Block::Title { .. }))
        {
            return Err(Fault::invalid(
                *line,
                format!("unexpected section title inside {what}"),
            ));
        }
        Ok(blocks)
    }

    fn bullet_list(&mut self) -> Result<(), Fault> {
        let mut items = Vec::new();
        let first_bullet = bullet_item(&self.lines[self.pos].text).map(|(b, _)| b);
        loop {
            let line = self.lines[self.pos].clone();
            let Some((bullet, column)) = bullet_item(&line.text) else {
                break;
            };
            if Some(bullet) != first_bullet {
                break;
            }
            let first_text = line.text.chars().skip(column).collect::<String>();
            if first_text.is_empty() {
                return Err(Fault::unsupported(
                    line.number,
                    "list items whose text starts on the next line",
                ));
            }
            let (end, mut body) = self.known_indented(self.pos + 1, column);
            body.insert(
                0,
                Line {
                    text: first_text,
                    number: line.number,
                },
            );
            let blocks = self.nested(&body, "a list item", line.number)?;
            if !matches!(blocks.first(), Some(Block::Paragraph { .. })) {
                return Err(Fault::unsupported(
                    line.number,
                    "list items that do not start with a paragraph",
                ));
            }
            if let Some(bad) = blocks.iter().find(|b| {
                !matches!(
                    b,
                    Block::Paragraph { .. } | Block::Literal { .. } | Block::BulletList { .. }
                )
            }) {
                let what = match bad {
                    Block::Comment { .. } | Block::Target { .. } => {
                        "explicit markup (comments, targets) inside list items"
                    }
                    _ => "field lists inside list items",
                };
                return Err(Fault::unsupported(line.number, what));
            }
            items.push(blocks);
            self.pos = end;
            let after_item = self.pos;
            self.skip_blank();
            let next_same = self
                .line(self.pos)
                .and_then(|l| bullet_item(&l.text))
                .is_some_and(|(b, _)| Some(b) == first_bullet);
            if !next_same {
                self.pos = after_item;
                break;
            }
        }
        self.out.push(Block::BulletList { items });
        self.expect_blank_after("bullet list", |_| false)
    }

    fn field_list(&mut self) -> Result<(), Fault> {
        let start_line = self.lines[self.pos].number;
        let mut fields = Vec::new();
        loop {
            let line = self.lines[self.pos].clone();
            let Some((name, first_text)) = field_marker(&line.text) else {
                break;
            };
            let first_text = first_text.to_string();
            let (end, mut body) = self.indented_body(self.pos + 1);
            if !first_text.is_empty() {
                body.insert(
                    0,
                    Line {
                        text: first_text,
                        number: line.number,
                    },
                );
            }
            let blocks = self.nested(&body, "a field", line.number)?;
            fields.push(Field {
                name,
                body: blocks,
                line: line.number,
            });
            self.pos = end;
            let after_field = self.pos;
            self.skip_blank();
            if self
                .line(self.pos)
                .is_none_or(|l| field_marker(&l.text).is_none())
            {
                self.pos = after_field;
                break;
            }
        }
        self.out.push(Block::FieldList {
            fields,
            line: start_line,
        });
        self.expect_blank_after("field list", |_| false)
    }

    /// `..` blocks: hyperlink targets and comments (directives, footnotes, citations and
    /// substitution definitions are not supported). As in docutils, explicit markup that
    /// is none of these constructs is a comment.
    fn explicit_markup(&mut self) -> Result<(), Fault> {
        let line = self.lines[self.pos].clone();
        let rest = line.text.get(2..).unwrap_or("").trim_start();
        let number = line.number;
        let construct_follows = |prefix: char| {
            rest.strip_prefix(prefix)
                .is_some_and(|r| !r.is_empty() && !r.starts_with(' '))
        };
        if footnote_label(rest) {
            return Err(Fault::unsupported(number, "footnotes and citations"));
        }
        if construct_follows('|') {
            return Err(Fault::unsupported(number, "substitution definitions"));
        }
        if let Some(name) = directive_name(rest) {
            return Err(Fault::unsupported(
                number,
                &format!("the `{name}` directive"),
            ));
        }
        if construct_follows('_') {
            return self.target(&rest[1..], number);
        }
        let continues = self.line(self.pos + 1).is_some_and(|l| !l.is_blank());
        if rest.is_empty() && !continues {
            // An empty comment does not take the indented block after a blank line.
            self.pos += 1;
            self.out.push(Block::Comment {
                text: String::new(),
            });
            return self.expect_blank_after("explicit markup", |_| true);
        }
        // A comment: its first line and the indented lines after it.
        let (end, body) = self.indented_body(self.pos + 1);
        let text_lines: Vec<&str> = (!rest.is_empty())
            .then_some(rest)
            .into_iter()
            .chain(body.iter().map(|l| l.text.as_str()))
            .collect();
        self.out.push(Block::Comment {
            text: text_lines.join("\n"),
        });
        self.pos = end.max(self.pos + 1);
        self.expect_blank_after("explicit markup", |t| t == ".." || t.starts_with(".. "))
    }

    /// `.. _name: URI`: the name may continue on the indented lines that follow (up to a
    /// blank line), and so may the URI.
    fn target(&mut self, after_underscore: &str, number: usize) -> Result<(), Fault> {
        if after_underscore.starts_with('_') {
            return Err(Fault::unsupported(number, "anonymous hyperlink targets"));
        }
        let mut end = self.pos + 1;
        while self
            .line(end)
            .is_some_and(|l| !l.is_blank() && l.indent() > 0)
        {
            end += 1;
        }
        let mut text = after_underscore.to_string();
        let mut used = self.pos + 1;
        let (name, uri_start) = loop {
            if let Some((name, rest)) = target_name(&text) {
                break (name, rest.to_string());
            }
            let Some(next) = self.lines.get(used).filter(|_| used < end) else {
                return Err(Fault::invalid(number, "malformed hyperlink target"));
            };
            text.push(' ');
            text.push_str(next.text.trim());
            used += 1;
        };
        if name.contains('\\') {
            return Err(Fault::unsupported(
                number,
                "hyperlink target names with backslash escapes",
            ));
        }
        let mut uri: String = uri_start.split_whitespace().collect();
        for l in &self.lines[used..end] {
            uri.extend(l.text.split_whitespace());
        }
        if uri.is_empty() {
            return Err(Fault::unsupported(
                number,
                "internal hyperlink targets (`.. _name:` without a URI)",
            ));
        }
        if uri.contains('\\') {
            return Err(Fault::unsupported(number, "backslashes in target URIs"));
        }
        if uri.ends_with('_') {
            return Err(Fault::unsupported(
                number,
                "indirect hyperlink targets (`.. _a: b_`)",
            ));
        }
        self.out.push(Block::Target {
            name: crate::inline::normalize_name(&name),
            uri,
            line: number,
        });
        self.pos = end;
        self.expect_blank_after("explicit markup", |t| t == ".." || t.starts_with(".. "))
    }

    /// A title with an overline, or an error (transitions are not supported).
    fn overline_title(&mut self) -> Result<(), Fault> {
        let over = self.lines[self.pos].clone();
        let c = adornment_char(&over.text).unwrap_or('=');
        let title = self.line(self.pos + 1).cloned();
        let under = self.line(self.pos + 2).cloned();
        match (title, under) {
            (Some(title), Some(under))
                if !title.is_blank() && adornment_char(&under.text) == Some(c) =>
            {
                let text = title.text.trim().to_string();
                let short = over.text.len() < 4;
                let consistent = under.text.len() == over.text.len()
                    && over.text.len() >= UnicodeWidthStr::width(text.as_str());
                if short && !consistent {
                    // docutils reads a short line of punctuation as ordinary text.
                    return self.text();
                }
                if self.depth > 0 {
                    return Err(Fault::invalid(over.number, "unexpected section title"));
                }
                if under.text.len() != over.text.len() {
                    return Err(Fault::invalid(
                        under.number,
                        "title overline and underline differ",
                    ));
                }
                if over.text.len() < UnicodeWidthStr::width(text.as_str()) {
                    return Err(Fault::invalid(over.number, "title overline too short"));
                }
                self.out.push(Block::Title {
                    style: (c, true),
                    text,
                    line: title.number,
                });
                self.pos += 3;
                Ok(())
            }
            _ if over.text.chars().count() < 4 => {
                // docutils reads a short line of punctuation as ordinary text (`::`...).
                self.text()
            }
            _ => {
                let isolated = self.line(self.pos + 1).is_none_or(Line::is_blank);
                let what = if over.text.len() >= 4 && isolated {
                    "transitions (a line of punctuation between paragraphs)"
                } else {
                    "a line of punctuation that is not a section title"
                };
                Err(Fault::unsupported(over.number, what))
            }
        }
    }

    /// A paragraph, a section title (text and underline), or a paragraph ending in `::`
    /// followed by a literal block.
    fn text(&mut self) -> Result<(), Fault> {
        let first = self.lines[self.pos].clone();
        let title_width = UnicodeWidthStr::width(first.text.as_str());
        if let Some(under) = self.line(self.pos + 1).cloned()
            && let Some(c) = adornment_char(&under.text)
            // docutils reads a short underline under a longer text as ordinary text.
            && (under.text.len() >= 4 || under.text.len() >= title_width)
        {
            if self.depth > 0 {
                return Err(Fault::invalid(first.number, "unexpected section title"));
            }
            if under.text.len() < title_width {
                return Err(Fault::invalid(under.number, "title underline too short"));
            }
            self.out.push(Block::Title {
                style: (c, false),
                text: first.text.clone(),
                line: first.number,
            });
            self.pos += 2;
            return Ok(());
        }
        let mut end = self.pos + 1;
        while let Some(l) = self.line(end) {
            if l.is_blank() {
                break;
            }
            if l.indent() > 0 {
                return Err(Fault::unsupported(
                    l.number,
                    "definition lists (or indented lines inside a paragraph)",
                ));
            }
            end += 1;
        }
        let mut text = self.lines[self.pos..end]
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        self.pos = end;
        if !text.ends_with("::") || text.ends_with("\\::") {
            self.out.push(Block::Paragraph {
                text,
                line: first.number,
            });
            return Ok(());
        }
        // `Paragraph::` → "Paragraph:", `Paragraph ::` → "Paragraph", `::` → nothing.
        if text == "::" {
            text.clear();
        } else {
            let kept = text.len() - 2;
            let before = text[..kept].chars().next_back();
            if before.is_some_and(char::is_whitespace) {
                text.truncate(text[..kept].trim_end().len());
            } else {
                text.truncate(kept + 1);
            }
            self.out.push(Block::Paragraph {
                text,
                line: first.number,
            });
        }
        self.skip_blank();
        let literal_line = self.line(self.pos).map_or(first.number, |l| l.number);
        if self.line(self.pos).is_none_or(|l| l.indent() == 0) {
            return Err(Fault::unsupported(
                literal_line,
                "quoted literal blocks (or `::` without an indented literal block after it)",
            ));
        }
        let (end, body) = self.indented_body(self.pos);
        self.pos = end;
        self.out.push(Block::Literal {
            text: body
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        });
        Ok(())
    }
}

/// The name of a hyperlink target and the text after its colon: `` `name`: `` or
/// `name:` (the shortest name that works), followed by a space or the end.
fn target_name(text: &str) -> Option<(String, &str)> {
    let (quoted, body) = match text.strip_prefix('`') {
        Some(body) => (true, body),
        None => (false, text),
    };
    let first = body.chars().next()?;
    if first == ' ' || first == '`' {
        return None;
    }
    for (offset, c) in body.char_indices() {
        let name_end = offset + c.len_utf8();
        if c.is_whitespace() || (!quoted && c == ':') {
            continue;
        }
        let mut rest = &body[name_end..];
        if quoted {
            let Some(r) = rest.strip_prefix('`') else {
                continue;
            };
            rest = r;
        }
        let rest = rest.strip_prefix(" :").or_else(|| rest.strip_prefix(':'));
        if let Some(rest) = rest
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return Some((body[..name_end].to_string(), rest));
        }
    }
    None
}

/// `[label]` at the start of explicit markup: a footnote or a citation.
fn footnote_label(rest: &str) -> bool {
    let Some(inner) = rest.strip_prefix('[') else {
        return false;
    };
    let Some(close) = inner.find(']') else {
        return false;
    };
    let label = &inner[..close];
    let after = &inner[close + 1..];
    let simple = |s: &str| {
        !s.is_empty()
            && s.split(['-', '.', '_', '+', ':'])
                .all(|part| !part.is_empty() && part.chars().all(char::is_alphanumeric))
    };
    let valid = label == "#"
        || label == "*"
        || label.strip_prefix('#').is_some_and(simple)
        || simple(label);
    valid && (after.is_empty() || after.starts_with(' '))
}

/// `name::` at the start of explicit markup: a directive.
fn directive_name(rest: &str) -> Option<&str> {
    let end = rest.find("::")?;
    let name = rest[..end].trim_end();
    let valid = !name.is_empty()
        && !name.contains(' ')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_+.:".contains(c));
    let after = &rest[end + 2..];
    (valid && (after.is_empty() || after.starts_with(' '))).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        parse(&crate::lines::split(text).unwrap(), 0).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
    }

    fn err(text: &str) -> Fault {
        match parse(&crate::lines::split(text).unwrap(), 0) {
            Ok(b) => panic!("{text:?} gave {b:?}"),
            Err(f) => f,
        }
    }

    fn para(text: &str, line: usize) -> Block {
        Block::Paragraph {
            text: text.into(),
            line,
        }
    }

    #[test]
    fn titles_paragraphs_and_literal_blocks() {
        assert_eq!(
            blocks(
                "Title\n=====\n\nOne\ntwo\n\n=====\n Over\n=====\n\nx::\n\n    a\n\n  b\n\nEnd ::\n\n  c\n\n::\n\n  d\n"
            ),
            [
                Block::Title {
                    style: ('=', false),
                    text: "Title".into(),
                    line: 1
                },
                para("One\ntwo", 4),
                Block::Title {
                    style: ('=', true),
                    text: "Over".into(),
                    line: 8
                },
                para("x:", 11),
                Block::Literal {
                    text: "  a\n\nb".into()
                },
                para("End", 17),
                Block::Literal { text: "c".into() },
                Block::Literal { text: "d".into() },
            ]
        );
    }

    #[test]
    fn lists_fields_targets_comments() {
        let b = blocks(
            "* a\n  b\n\n* c\n\n  d\n\n  - e\n\n:date: 2020\n:Tags: x,\n  y\n\n.. _Name: http://x\n   /y\n.. _`a: b`: u\n.. note\n   more\n..\n",
        );
        assert_eq!(
            b,
            [
                Block::BulletList {
                    items: vec![
                        vec![para("a\nb", 1)],
                        vec![
                            para("c", 4),
                            para("d", 6),
                            Block::BulletList {
                                items: vec![vec![para("e", 8)]]
                            }
                        ],
                    ]
                },
                Block::FieldList {
                    fields: vec![
                        Field {
                            name: "date".into(),
                            body: vec![para("2020", 10)],
                            line: 10
                        },
                        Field {
                            name: "Tags".into(),
                            body: vec![para("x,\ny", 11)],
                            line: 11
                        },
                    ],
                    line: 10
                },
                Block::Target {
                    name: "name".into(),
                    uri: "http://x/y".into(),
                    line: 14
                },
                Block::Target {
                    name: "a: b".into(),
                    uri: "u".into(),
                    line: 16
                },
                Block::Comment {
                    text: "note\nmore".into()
                },
                Block::Comment {
                    text: String::new()
                },
            ]
        );
    }

    #[test]
    fn unsupported_constructs() {
        let cases = [
            ("1. one\n", "enumerated lists"),
            ("(a) one\n", "enumerated lists"),
            ("#. one\n", "enumerated lists"),
            ("term\n  definition\n", "definition lists"),
            ("para\n\n  quote\n", "block quotes"),
            ("-a  option\n", "option lists"),
            ("--all  option\n", "option lists"),
            (">>> 1 + 1\n", "doctest"),
            ("| line\n", "line blocks"),
            ("+---+\n| a |\n+---+\n", "grid tables"),
            ("===  ===\na    b\n===  ===\n", "simple tables"),
            (".. image:: x.png\n", "`image` directive"),
            (".. [1] note\n", "footnotes"),
            (".. |x| replace:: y\n", "substitution"),
            (".. __: http://x\n", "anonymous"),
            ("__ http://x\n", "anonymous"),
            (".. _x:\n", "internal hyperlink targets"),
            (".. _x: y_\n", "indirect"),
            ("a\n\n----\n\nb\n", "transitions"),
            ("*\n  x\n", "next line"),
            ("* .. c\n", "start with a paragraph"),
            ("* a\n\n  .. c\n", "explicit markup"),
        ];
        for (text, what) in cases {
            let f = err(text);
            assert!(f.what().contains(what), "{text:?}: {f:?}");
        }
    }

    #[test]
    fn invalid_structure() {
        let cases = [
            ("Title\n====\n", 2, "underline too short"),
            ("=====\nTitle\n======\n", 3, "overline and underline differ"),
            (
                "* a\n* b\ntext\n",
                3,
                "bullet list ends without a blank line",
            ),
            ("* a\n\n  T\n  =\n", 3, "unexpected section title"),
            ("x::\n\ny\n", 3, "quoted literal blocks"),
            ("x::\n", 1, "quoted literal blocks"),
            (
                ".. c\ntext\n",
                2,
                "explicit markup ends without a blank line",
            ),
            (":a: b\ntext\n", 2, "field list ends"),
        ];
        for (text, line, what) in cases {
            let f = err(text);
            assert!(f.what().contains(what) && f.line == line, "{text:?}: {f:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}x\n", "* ".repeat(200));
        assert!(err(&deep).what().contains("nested more than"));
    }
}
