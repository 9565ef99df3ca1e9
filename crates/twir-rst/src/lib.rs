//! reStructuredText for twir: the constructs Pelican sites use, rendered to the HTML Pelican
//! (docutils' `html4css1` writer, headings from `<h2>`) gives, so that an article written
//! in `.rst` looks the same on a twir-built site.
//!
//! Call [`parse`] with the file's path (named in errors) and text; use the returned
//! [`RstDocument`]'s `title` (HTML, as Pelican's `article.title`), `metadata` (the
//! bibliographic fields after the title: `date`, `category`, `tags`, `slug`, `author`,
//! `summary`...) and `body_html` (Pelican's `article.content`).
//!
//! ```
//! let text = "Hello\n=====\n\n:date: 2024-01-02\n:tags: a, b\n\nSee *this* and Rust_.\n\n\
//!             .. _Rust: https://www.rust-lang.org/\n";
//! let doc = twir_rst::parse("hello.rst".as_ref(), text).unwrap();
//! assert_eq!(doc.title, "Hello");
//! assert_eq!(doc.metadata[0], ("date".to_string(), "2024-01-02".to_string(), 4));
//! assert_eq!(
//!     doc.body_html,
//!     "<p>See <em>this</em> and <a class=\"reference external\" \
//!      href=\"https://www.rust-lang.org/\">Rust</a>.</p>\n"
//! );
//! ```
//!
//! Supported: the document title (a lone top-level section title, promoted as docutils
//! does) and its bibliographic fields, sections (any adornment, with or without overline),
//! paragraphs, bullet lists (nested, several paragraphs per item), literal blocks after
//! `::`, comments, external hyperlink targets (`.. _name: URI`), and inline emphasis,
//! strong emphasis, inline literals, interpreted text (`<cite>`), named and embedded-URI
//! hyperlink references and backslash escapes.
//!
//! Anything else is an [`RstError`] naming the file, line and construct, never text
//! dropped or rendered differently: directives, tables, enumerated/definition/option
//! lists, block quotes, footnotes, substitutions, roles, transitions, standalone URIs...
//! Where docutils itself warns (Pelican then skips the file), twir reports an error too.
//!
//! Why hand-written: the one Rust reStructuredText family (`rst_parser` + `rst_renderer`
//! 0.4) renders the archive's `.rst` issue nothing like Pelican: its field list becomes a
//! paragraph of text, the title is not promoted (an `<h1>` inside `<section>`), paragraphs
//! lose their line breaks, links lose docutils' classes and a reference spanning two lines
//! comes out as `<a>` without `href` (tried on `content/state-of-rust-0-11-0.rst`). The
//! target here is docutils' `html4css1` output byte for byte, checked against docutils
//! itself (`tests/docutils.rs`) and against the live page (`tests/pelican.rs`).

mod block;
mod chars;
mod html;
mod ids;
mod inline;
mod lines;

use block::{Block, Field, Style};
use html::{Node, Targets};
use inline::Inline;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A parsed `.rst` document.
#[derive(Debug, Clone, PartialEq)]
pub struct RstDocument {
    /// The title as Pelican takes it: the `:title:` field's text if there is one, else the
    /// document title rendered as HTML (`&quot;`, `<em>`...).
    pub title: String,
    /// Bibliographic fields in order: lower-cased name, value and 1-based line. Values are
    /// plain text (markup removed), except `summary`, which is HTML as Pelican renders it;
    /// `authors` lists the names separated by `, `.
    pub metadata: Vec<(String, String, usize)>,
    /// The body (everything after the title and fields), as Pelican's `article.content`.
    pub body_html: String,
}

impl RstDocument {
    /// The value of the metadata field `name` (lower case), if present.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.metadata
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, v, _)| v.as_str())
    }
}

/// Why a `.rst` file could not be rendered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RstError {
    /// A construct twir does not render.
    #[error("{path}:{line}: not supported in reStructuredText files: {construct}")]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The construct, e.g. "enumerated lists".
        construct: String,
    },
    /// Markup docutils would reject or warn about (Pelican then skips the file).
    #[error("{path}:{line}: {reason}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

impl RstError {
    /// The 1-based line the error is about.
    pub fn line(&self) -> usize {
        match self {
            RstError::Unsupported { line, .. } | RstError::Invalid { line, .. } => *line,
        }
    }
}

/// An error before it is tied to the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fault {
    pub line: usize,
    kind: FaultKind,
}

#[derive(Debug, Clone, PartialEq)]
enum FaultKind {
    Unsupported(String),
    Invalid(String),
}

impl Fault {
    pub(crate) fn unsupported(line: usize, construct: &str) -> Fault {
        Fault {
            line,
            kind: FaultKind::Unsupported(construct.to_string()),
        }
    }

    pub(crate) fn invalid(line: usize, reason: impl Into<String>) -> Fault {
        Fault {
            line,
            kind: FaultKind::Invalid(reason.into()),
        }
    }

    #[cfg(test)]
    pub(crate) fn what(&self) -> &str {
        match &self.kind {
            FaultKind::Unsupported(s) | FaultKind::Invalid(s) => s,
        }
    }

    fn into_error(self, path: &Path) -> RstError {
        let path = path.to_path_buf();
        match self.kind {
            FaultKind::Unsupported(construct) => RstError::Unsupported {
                path,
                line: self.line,
                construct,
            },
            FaultKind::Invalid(reason) => RstError::Invalid {
                path,
                line: self.line,
                reason,
            },
        }
    }
}

/// Parses and renders the reStructuredText `text` read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<RstDocument, RstError> {
    render(text).map_err(|f| f.into_error(path))
}

/// Bibliographic field names docutils knows (others are generic fields).
const BIBLIOGRAPHIC: [&str; 12] = [
    "author",
    "authors",
    "organization",
    "address",
    "contact",
    "version",
    "revision",
    "status",
    "date",
    "copyright",
    "dedication",
    "abstract",
];

/// Deepest section (its heading is `<h6>`).
const MAX_SECTION_DEPTH: usize = 5;

/// A top-level element while sections are assembled.
enum Item {
    Block(Block),
    Section(SectionItem),
}

struct SectionItem {
    title: String,
    line: usize,
    children: Vec<Item>,
}

fn render(text: &str) -> Result<RstDocument, Fault> {
    let lines = lines::split(text)?;
    let blocks = block::parse(&lines, 0)?;
    let mut items = sections(blocks)?;

    // A lone top-level section (after comments only) is the document title.
    let first = |items: &[Item]| {
        items
            .iter()
            .position(|i| !matches!(i, Item::Block(Block::Comment { .. })))
    };
    let mut doc_title = None;
    if let Some(index) = first(&items)
        && index + 1 == items.len()
        && matches!(items[index], Item::Section(_))
        && let Some(Item::Section(section)) = items.pop()
    {
        doc_title = Some((section.title, section.line));
        items.extend(section.children);
        if let Some(index) = first(&items)
            && index + 1 == items.len()
            && let Item::Section(sub) = &items[index]
        {
            return Err(Fault::unsupported(
                sub.line,
                "document subtitles (a lone section right after the title)",
            ));
        }
    }
    // A field list first (after comments) holds the bibliographic fields.
    let mut fields = Vec::new();
    if let Some(index) = first(&items)
        && matches!(items[index], Item::Block(Block::FieldList { .. }))
        && let Item::Block(Block::FieldList { fields: f, .. }) = items.remove(index)
    {
        fields = f;
    }

    let mut resolver = Resolver::default();
    resolver.collect_targets(&items)?;
    let title_inlines = match &doc_title {
        Some((text, line)) => {
            let inlines = inline::parse(text, *line)?;
            resolver.section(&inline::astext(&inlines), *line)?;
            Some(inlines)
        }
        None => None,
    };
    let nodes = to_nodes(&items, 0, &mut resolver)?;
    let field_values = fields
        .iter()
        .map(|f| field_inlines(f).map(|inl| (f, inl)))
        .collect::<Result<Vec<_>, _>>()?;
    for inlines in field_values
        .iter()
        .filter_map(|(_, v)| v.as_ref())
        .chain(&title_inlines)
    {
        resolver.references(inlines)?;
    }
    resolver.node_references(&nodes)?;
    resolver.check_ids()?;

    let targets = Targets {
        by_name: &resolver.uris,
    };
    let mut metadata = Vec::new();
    for (field, value) in &field_values {
        let name = field.name.to_lowercase();
        metadata.push((
            name.clone(),
            field_value(&name, field, value.as_deref(), &targets)?,
            field.line,
        ));
    }
    let title = match metadata.iter().find(|(n, _, _)| n == "title") {
        Some((_, value, _)) => value.clone(),
        None => match &title_inlines {
            Some(inlines) => {
                let mut out = String::new();
                html::inlines(inlines, &targets, &mut out);
                out
            }
            None => {
                return Err(Fault::invalid(
                    1,
                    "no document title (a lone top-level section title, or a `:title:` field)",
                ));
            }
        },
    };
    let mut body_html = String::new();
    html::body(&nodes, 0, &targets, &mut body_html);
    Ok(RstDocument {
        title,
        metadata,
        body_html,
    })
}

/// Nests the blocks under their section titles, levels given by the order in which
/// adornment styles first appear.
fn sections(blocks: Vec<Block>) -> Result<Vec<Item>, Fault> {
    let mut styles: Vec<Style> = Vec::new();
    let mut root: Vec<Item> = Vec::new();
    let mut open: Vec<SectionItem> = Vec::new();
    fn close(open: &mut Vec<SectionItem>, root: &mut Vec<Item>) {
        if let Some(section) = open.pop() {
            match open.last_mut() {
                Some(parent) => parent.children.push(Item::Section(section)),
                None => root.push(Item::Section(section)),
            }
        }
    }
    for block in blocks {
        let Block::Title { style, text, line } = block else {
            match open.last_mut() {
                Some(section) => section.children.push(Item::Block(block)),
                None => root.push(Item::Block(block)),
            }
            continue;
        };
        let level = match styles.iter().position(|s| *s == style) {
            Some(index) => index + 1,
            None => {
                if styles.len() != open.len() {
                    return Err(Fault::invalid(line, "title level inconsistent"));
                }
                styles.push(style);
                styles.len()
            }
        };
        if level > open.len() + 1 {
            return Err(Fault::invalid(line, "title level inconsistent"));
        }
        if level > MAX_SECTION_DEPTH + 1 {
            return Err(Fault::unsupported(
                line,
                "sections nested more than 5 levels deep",
            ));
        }
        while open.len() >= level {
            close(&mut open, &mut root);
        }
        open.push(SectionItem {
            title: text,
            line,
            children: Vec::new(),
        });
    }
    while !open.is_empty() {
        close(&mut open, &mut root);
    }
    Ok(root)
}

fn to_nodes(items: &[Item], depth: usize, resolver: &mut Resolver) -> Result<Vec<Node>, Fault> {
    let mut nodes = Vec::with_capacity(items.len());
    for item in items {
        nodes.push(match item {
            Item::Block(Block::FieldList { line, .. }) => {
                return Err(Fault::unsupported(
                    *line,
                    "field lists (other than the bibliographic fields right after the title)",
                ));
            }
            Item::Block(block) => Node::from_block(block, &mut inline::parse)?,
            Item::Section(section) => {
                if depth >= MAX_SECTION_DEPTH {
                    return Err(Fault::unsupported(
                        section.line,
                        "sections nested more than 5 levels deep",
                    ));
                }
                let title = inline::parse(&section.title, section.line)?;
                let id = resolver.section(&inline::astext(&title), section.line)?;
                Node::Section {
                    id,
                    title,
                    children: to_nodes(&section.children, depth + 1, resolver)?,
                }
            }
        });
    }
    Ok(nodes)
}

/// The inline content of a field's body: `None` when empty; an error unless it is one
/// paragraph.
fn field_inlines(field: &Field) -> Result<Option<Vec<Inline>>, Fault> {
    match field.body.as_slice() {
        [] => Ok(None),
        [Block::Paragraph { text, line }] => Ok(Some(inline::parse(text, *line)?)),
        _ => Err(Fault::unsupported(
            field.line,
            "bibliographic fields whose value is not a single paragraph",
        )),
    }
}

/// A field's value as Pelican stores it.
fn field_value(
    name: &str,
    field: &Field,
    value: Option<&[Inline]>,
    targets: &Targets<'_>,
) -> Result<String, Fault> {
    let bibliographic = BIBLIOGRAPHIC.contains(&name);
    if matches!(name, "dedication" | "abstract") {
        return Err(Fault::unsupported(
            field.line,
            "the `dedication` and `abstract` fields",
        ));
    }
    let Some(value) = value else {
        if bibliographic {
            return Err(Fault::invalid(
                field.line,
                format!("empty bibliographic field `{name}`"),
            ));
        }
        return Ok(String::new());
    };
    if name == "summary" {
        let mut out = String::from("<p class=\"first last\">");
        html::inlines(value, targets, &mut out);
        out.push_str("</p>\n");
        return Ok(out);
    }
    let text = inline::astext(value);
    if name == "authors" {
        let separator = if text.contains(';') { ';' } else { ',' };
        let names: Vec<&str> = text
            .split(separator)
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        return Ok(names.join(", "));
    }
    Ok(text)
}

/// Target names, section names and ids, and the references between them.
#[derive(Default)]
struct Resolver {
    /// Normalised target name → URI.
    uris: HashMap<String, String>,
    /// Where each target name was defined.
    target_lines: HashMap<String, usize>,
    /// Section (and title) names.
    section_names: HashMap<String, usize>,
    /// Ids in use, with the line that made them.
    ids: Vec<(String, usize)>,
}

impl Resolver {
    fn add_target(&mut self, name: &str, uri: &str, line: usize) -> Result<(), Fault> {
        match self.uris.get(name) {
            Some(existing) if existing != uri => Err(Fault::invalid(
                line,
                format!("duplicate hyperlink target name `{name}` with another URI"),
            )),
            Some(_) => Ok(()),
            None => {
                self.uris.insert(name.to_string(), uri.to_string());
                self.target_lines.insert(name.to_string(), line);
                Ok(())
            }
        }
    }

    fn collect_targets(&mut self, items: &[Item]) -> Result<(), Fault> {
        for item in items {
            match item {
                Item::Block(Block::Target { name, uri, line }) => {
                    self.add_target(name, uri, *line)?
                }
                Item::Section(section) => self.collect_targets(&section.children)?,
                Item::Block(_) => {}
            }
        }
        Ok(())
    }

    /// Registers a section title (or the document title); returns its id.
    fn section(&mut self, text: &str, line: usize) -> Result<String, Fault> {
        let name = inline::normalize_name(text);
        if self.section_names.insert(name, line).is_some() {
            return Err(Fault::unsupported(line, "section titles used twice"));
        }
        let id = ids::make_id(text).map_err(|c| {
            Fault::unsupported(
                line,
                &format!(
                    "section titles with the letter `{c}` (docutils transliterates it in ids)"
                ),
            )
        })?;
        if id.is_empty() {
            return Err(Fault::unsupported(
                line,
                "section titles without a letter to make an id from",
            ));
        }
        self.ids.push((id.clone(), line));
        Ok(id)
    }

    fn references(&mut self, inlines: &[Inline]) -> Result<(), Fault> {
        for item in inlines {
            let Inline::Reference(r) = item else { continue };
            match (&r.uri, &r.name) {
                (Some(uri), Some(name)) => self.add_target(name, uri, r.line)?,
                (Some(_), None) => {}
                (None, Some(name)) => {
                    if !self.uris.contains_key(name) {
                        let what = if self.section_names.contains_key(name) {
                            format!(
                                "reference `{}`_ points to a section title: links to sections are not supported",
                                r.text
                            )
                        } else {
                            format!("unknown target name `{}`", r.text)
                        };
                        return Err(Fault::invalid(r.line, what));
                    }
                }
                (None, None) => return Err(Fault::invalid(r.line, "reference without a target")),
            }
        }
        Ok(())
    }

    fn node_references(&mut self, nodes: &[Node]) -> Result<(), Fault> {
        for node in nodes {
            match node {
                Node::Paragraph(inlines) => self.references(inlines)?,
                Node::BulletList(items) => {
                    for item in items {
                        self.node_references(item)?;
                    }
                }
                Node::Section {
                    title, children, ..
                } => {
                    self.references(title)?;
                    self.node_references(children)?;
                }
                Node::Literal(_) | Node::Comment(_) | Node::Nothing => {}
            }
        }
        Ok(())
    }

    /// Section names and ids may not clash with targets' (docutils would rename them).
    fn check_ids(&mut self) -> Result<(), Fault> {
        for (name, line) in &self.section_names {
            if self.target_lines.contains_key(name) {
                return Err(Fault::unsupported(
                    *line,
                    &format!("section titles that are also hyperlink target names (`{name}`)"),
                ));
            }
        }
        let mut all = self.ids.clone();
        for (name, line) in &self.target_lines {
            if let Ok(id) = ids::make_id(name)
                && !id.is_empty()
            {
                all.push((id, *line));
            }
        }
        all.sort();
        if let Some(pair) = all.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(Fault::unsupported(
                pair[0].1.max(pair[1].1),
                &format!(
                    "two elements with the id `{}` (docutils would number one of them)",
                    pair[0].0
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> RstDocument {
        parse(Path::new("a.rst"), text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn error(text: &str) -> RstError {
        match parse(Path::new("a.rst"), text) {
            Ok(d) => panic!("{text:?} gave {d:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn title_and_fields() {
        let d = doc(
            "Doc *title*\n===========\n\n:Title: From the field\n:Authors: A, B\n:tags: x\n\nBody.\n",
        );
        assert_eq!(d.title, "From the field");
        assert_eq!(d.field("authors"), Some("A, B"));
        assert_eq!(d.field("tags"), Some("x"));
        assert_eq!(d.body_html, "<p>Body.</p>\n");
        let d = doc("Doc *title*\n===========\n\nBody.\n");
        assert_eq!(d.title, "Doc <em>title</em>");
        assert!(d.metadata.is_empty());
        // Without a lone top-level title, the `:title:` field is the title.
        let d = doc(":title: Only a field\n\nA\n-\n\nB\n-\n\nC\n");
        assert_eq!(d.title, "Only a field");
        assert!(
            d.body_html
                .starts_with("<div class=\"section\" id=\"a\">\n<h2>A</h2>")
        );
    }

    #[test]
    fn errors_name_line_and_construct() {
        let cases: &[(&str, usize, &str)] = &[
            ("Just text.\n", 1, "no document title"),
            ("T\n=\n\nSee x_.\n", 4, "unknown target name `x`"),
            (
                "T\n=\n\nSee `S`_.\n\nS\n-\n\nx\n",
                4,
                "points to a section title",
            ),
            (
                "T\n=\n\n.. _x: http://a\n.. _x: http://b\n",
                5,
                "duplicate hyperlink target name",
            ),
            ("T\n=\n\nS\n-\n\nx\n", 4, "document subtitles"),
            ("T\n=\n\ntext\n\n:a: b\n", 6, "field lists"),
            ("T\n=\n\n:dedication: x\n", 4, "dedication"),
            ("T\n=\n\n:date:\n", 4, "empty bibliographic field"),
            ("T\n=\n\n:summary: one\n\n  two\n", 4, "single paragraph"),
            (
                "T\n=\n\nS\n-\n\na\n\nS\n-\n\nb\n",
                9,
                "section titles used twice",
            ),
            (
                "T\n=\n\nA b\n---\n\nx\n\nA-b\n---\n\ny\n",
                9,
                "two elements with the id `a-b`",
            ),
            (
                "T\n=\n\nRust\n----\n\nx\n\n.. _Rust: http://r\n\nB\n-\n\ny\n",
                4,
                "also hyperlink target names",
            ),
            ("T\n=\n\nŁódź\n----\n\nx\n\nB\n-\n\ny\n", 4, "letter `ł`"),
            (
                "T\n=\n\n2024\n----\n\nx\n\nB\n-\n\ny\n",
                4,
                "without a letter",
            ),
            (
                "T\n=\n\nA\n-\n\nB\n~\n\nC\n-\n\nD\n^\n",
                13,
                "title level inconsistent",
            ),
        ];
        for &(text, line, what) in cases {
            let e = error(text);
            assert!(
                e.to_string().contains(what) && e.line() == line,
                "{text:?}: {e}"
            );
            assert!(e.to_string().starts_with(&format!("a.rst:{line}: ")), "{e}");
        }
        let deep: String = ["=", "-", "~", "^", "+", "*", "#"]
            .iter()
            .enumerate()
            .map(|(n, c)| format!("S{n}\n{}\n\nx\n\n", c.repeat(2)))
            .collect();
        assert!(
            error(&format!("T\n=\n\nx\n\n{deep}"))
                .to_string()
                .contains("nested more than 5")
        );
    }
}
