//! Output formats of `twir check`: rustc-like human text, JSON, and GitHub workflow annotations.

use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use serde::Serialize;
use twir_content::{LineIndex, Span};

use crate::diagnostic::{Diagnostic, Severity};

/// The diagnostics of one file, with the text they point into.
#[derive(Debug, Clone, Copy)]
pub struct FileDiagnostics<'a> {
    /// The file name as shown to the user.
    pub name: &'a str,
    /// The file's text.
    pub source: &'a str,
    /// Its diagnostics.
    pub diagnostics: &'a [Diagnostic],
}

/// One diagnostic as a JSON object.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonDiagnostic {
    /// File name.
    pub file: String,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column (characters) of the start.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column just past the end.
    pub end_column: usize,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Rule code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// Replacement text of the fix, if any.
    pub fix: Option<String>,
    /// True when `--fix` applies the fix.
    pub fix_safe: bool,
    /// Advice.
    pub help: Option<String>,
}

/// Converts diagnostics to their JSON form.
pub fn to_json(files: &[FileDiagnostics]) -> Vec<JsonDiagnostic> {
    let mut out = Vec::new();
    for f in files {
        let idx = LineIndex::new(f.source);
        for d in f.diagnostics {
            let s = idx.position(f.source, d.span.start);
            let e = idx.position(f.source, d.span.end);
            out.push(JsonDiagnostic {
                file: f.name.to_string(),
                line: s.line,
                column: s.column,
                end_line: e.line,
                end_column: e.column,
                severity: d.severity,
                code: d.code,
                message: d.message.clone(),
                fix: d.fix.as_ref().map(|x| x.replacement.clone()),
                fix_safe: d.fix.as_ref().is_some_and(|x| x.safe),
                help: d.help.clone(),
            });
        }
    }
    out
}

/// A JSON array of all diagnostics.
pub fn render_json(files: &[FileDiagnostics]) -> String {
    serde_json::to_string_pretty(&to_json(files)).unwrap_or_else(|_| "[]".into())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One line summing up the notes of a file (what is pending until publication), or `None`:
/// `6 placeholders (lines 58, 141, ...), 16 empty sections (lines 40, ...)`.
pub fn pending_summary(f: &FileDiagnostics) -> Option<String> {
    let idx = LineIndex::new(f.source);
    let mut groups: Vec<(&'static str, Vec<usize>)> = Vec::new();
    for d in f
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
    {
        let line = idx.line_of(d.span.start);
        match groups.iter_mut().find(|(c, _)| *c == d.code) {
            Some((_, lines)) => lines.push(line),
            None => groups.push((d.code, vec![line])),
        }
    }
    if groups.is_empty() {
        return None;
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(code, lines)| {
            let (one, many) = match *code {
                "placeholder" => ("placeholder", "placeholders"),
                "empty-section" => ("empty section", "empty sections"),
                "event-window" => ("past event", "past events"),
                c => (c, c),
            };
            let noun = if lines.len() == 1 { one } else { many };
            let shown: Vec<String> = lines.iter().take(12).map(usize::to_string).collect();
            let more = if lines.len() > 12 { ", ..." } else { "" };
            let word = if lines.len() == 1 { "line" } else { "lines" };
            format!("{} {noun} ({word} {}{more})", lines.len(), shown.join(", "))
        })
        .collect();
    Some(parts.join(", "))
}

/// What a note line tells the reader to do.
const PENDING_HELP: &str = "`twir check --shipped` judges the draft as `twir publish` will";

/// GitHub Actions workflow commands, one per line. Notes are summed up in one notice per file
/// (GitHub shows only the first few annotations of each kind).
pub fn render_github(files: &[FileDiagnostics]) -> String {
    let mut out = String::new();
    for f in files {
        if let Some(p) = pending_summary(f) {
            out.push_str(&format!(
                "::notice file={},title=pending until publication::{}\n",
                escape_property(f.name),
                escape_data(&p)
            ));
        }
    }
    let listed: Vec<Vec<Diagnostic>> = files
        .iter()
        .map(|f| {
            f.diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Note)
                .cloned()
                .collect()
        })
        .collect();
    let files: Vec<FileDiagnostics> = files
        .iter()
        .zip(&listed)
        .map(|(f, d)| FileDiagnostics {
            diagnostics: d,
            ..*f
        })
        .collect();
    for j in to_json(&files) {
        // The help goes on a line of its own: annotations have no other place for it.
        let text = match &j.help {
            Some(h) => format!("{}\nhelp: {h}", j.message),
            None => j.message.clone(),
        };
        out.push_str(&format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            j.severity.as_str(),
            escape_property(&j.file),
            j.line,
            j.column,
            j.end_line,
            j.end_column,
            escape_property(j.code),
            escape_data(&text)
        ));
    }
    out
}

/// The longest excerpt of a line shown around a diagnostic.
const MAX_EXCERPT: usize = 400;

/// The excerpt shown for `span`: whole lines, or a window of a very long line.
fn excerpt(source: &str, idx: &LineIndex, span: Span) -> (Span, usize) {
    let line = idx.line_of(span.start);
    let start = idx.line_start(line);
    let last = idx.line_of(span.end.max(span.start));
    let end_line_text = idx.line_text(source, last);
    let end = (idx.line_start(last) + end_line_text.len()).max(span.end.min(source.len()));
    if end - start <= MAX_EXCERPT {
        return (Span::new(start, end), line);
    }
    let mut s = span.start.saturating_sub(80).max(start);
    while !source.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (span.end.max(span.start + 1) + 80)
        .min(end)
        .min(s + MAX_EXCERPT.max(span.len() + 160));
    while e < source.len() && !source.is_char_boundary(e) {
        e += 1;
    }
    (Span::new(s, e.max(s)), line)
}

/// rustc-style text for people, `file:line:col`, the source, an underline and the help.
/// Files are rendered in parallel and joined in order (one file after another, as a serial
/// loop would): rendering a whole-archive run's 1,300 findings was a fifth of the command's
/// time, all on one thread.
pub fn render_human(files: &[FileDiagnostics], color: bool) -> String {
    use rayon::prelude::*;
    let rendered: Vec<String> = files.par_iter().map(|f| render_file(f, color)).collect();
    rendered.concat()
}

/// The human text of one file's findings.
fn render_file(f: &FileDiagnostics, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let mut shown = f
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .peekable();
    // Most files of a whole-archive run have nothing to show: no line index for them.
    if shown.peek().is_some() {
        let idx = LineIndex::new(f.source);
        for d in shown {
            let (ex, line) = excerpt(f.source, &idx, d.span);
            let text = ex.text(f.source);
            let rel = |s: Span| {
                let a = s.start.clamp(ex.start, ex.end) - ex.start;
                let b = s.end.clamp(ex.start, ex.end) - ex.start;
                a..b.max(a)
            };
            let level = match d.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
                Severity::Note => Level::NOTE,
            };
            let snippet = Snippet::source(text)
                .line_start(line)
                .path(f.name)
                .annotation(AnnotationKind::Primary.span(rel(d.span)));
            let mut first = level
                .primary_title(d.message.as_str())
                .id(d.code)
                .element(snippet);
            let help = d.help.as_deref().unwrap_or("apply this fix");
            let patchable = d
                .fix
                .as_ref()
                .filter(|x| ex.contains(x.span) && !x.replacement.contains('\n'));
            let mut report: Vec<Group> = Vec::with_capacity(2);
            match (patchable, &d.fix) {
                (Some(x), _) => {
                    let title = if x.safe {
                        format!("{help} (`twir check --fix` does it)")
                    } else {
                        help.to_string()
                    };
                    report.push(first);
                    report.push(
                        Level::HELP.secondary_title(title).element(
                            Snippet::source(text)
                                .line_start(line)
                                .path(f.name)
                                .patch(Patch::new(rel(x.span), x.replacement.as_str())),
                        ),
                    );
                }
                (None, Some(x)) => {
                    // A replacement of several lines (a sorted list) is not shown inline.
                    let mut msg = if x.replacement.contains('\n') || x.replacement.len() > 120 {
                        help.to_string()
                    } else if x.replacement.is_empty() {
                        match &d.help {
                            Some(h) => h.clone(),
                            None => format!("{help}: remove it"),
                        }
                    } else {
                        format!("{help}: `{}`", x.replacement)
                    };
                    if x.safe {
                        msg.push_str(" (`twir check --fix` does it)");
                    }
                    first = first.element(Level::HELP.message(msg));
                    report.push(first);
                }
                (None, None) => {
                    if let Some(h) = &d.help {
                        first = first.element(Level::HELP.message(h.as_str()));
                    }
                    report.push(first);
                }
            }
            out.push_str(&renderer.render(&report));
            out.push_str("\n\n");
        }
    }
    if let Some(p) = pending_summary(f) {
        let title = format!("{}: pending until publication: {p}", f.name);
        let report = [Level::NOTE
            .primary_title(title.as_str())
            .element(Level::HELP.message(PENDING_HELP))];
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}

/// `N errors, M warnings` summary line.
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// A GitHub workflow annotation for a file that could not be read.
pub fn github_read_error(name: &str, why: &str) -> String {
    format!(
        "::error file={},title=unreadable::{}\n",
        escape_property(name),
        escape_data(why)
    )
}

/// The longest comment body [`render_markdown`] writes; GitHub refuses comments over 65,536
/// characters, and a workflow may add a line of its own.
pub const MAX_MARKDOWN: usize = 60_000;

/// A fence for `text` in Markdown: longer than any backtick run inside it.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// The diagnostics as a Markdown list, for a pull-request comment: per finding the severity,
/// code, `file:line`, message, the line itself and the help. Empty when there is nothing to
/// say. Files that could not be read (name, reason) are listed first. Stops before
/// [`MAX_MARKDOWN`] characters, saying how many findings were left out.
pub fn render_markdown(files: &[FileDiagnostics], unreadable: &[(String, String)]) -> String {
    let listed = |f: &FileDiagnostics| {
        f.diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Note)
            .count()
    };
    let total: usize = files.iter().map(listed).sum();
    if total == 0 && unreadable.is_empty() {
        return String::new();
    }
    let errors: usize = files
        .iter()
        .flat_map(|f| f.diagnostics)
        .filter(|d| d.is_error())
        .count();
    let mut out = format!("#### `twir check`: {}\n\n", summary(errors, total - errors));
    let mut items: Vec<String> = unreadable
        .iter()
        .map(|(name, why)| format!("* **error** `{name}` could not be read: {why}\n"))
        .collect();
    for f in files {
        let idx = LineIndex::new(f.source);
        for d in f
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Note)
        {
            let pos = idx.position(f.source, d.span.start);
            let line = idx.line_text(f.source, pos.line).trim_end();
            let mut item = format!(
                "* **{}** `{}` at `{}:{}`: {}\n",
                d.severity.as_str(),
                d.code,
                f.name,
                pos.line,
                d.message
            );
            if !line.trim().is_empty() {
                let shown: String = line.chars().take(MAX_EXCERPT).collect();
                let fence = fence_for(&shown);
                item.push_str(&format!("  {fence}text\n  {shown}\n  {fence}\n"));
            }
            let fix = d
                .fix
                .as_ref()
                .filter(|x| !x.replacement.is_empty() && !x.replacement.contains('\n'));
            match (&d.help, fix) {
                (Some(h), Some(x)) => {
                    item.push_str(&format!("  help: {h}: `{}`\n", x.replacement.trim()))
                }
                (Some(h), None) => item.push_str(&format!("  help: {h}\n")),
                (None, _) => {}
            }
            items.push(item);
        }
    }
    let count = items.len();
    for (n, item) in items.into_iter().enumerate() {
        if out.len() + item.len() > MAX_MARKDOWN - 100 {
            out.push_str(&format!(
                "* … and {} more (see the workflow run)\n",
                count - n
            ));
            break;
        }
        out.push_str(&item);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_lists_findings_with_their_line() {
        let src = "Title: x\n\n* [a](https://a.org//b) `tick\n";
        let d = Diagnostic::new(
            "simplifiable-url",
            Severity::Warning,
            Span::new(17, 31),
            "empty path segment (`//`) in URL",
        )
        .with_fix(crate::Fix::safe(Span::new(17, 31), "https://a.org/b"))
        .with_help("collapse the repeated slashes");
        let files = [FileDiagnostics {
            name: "draft/x.md",
            source: src,
            diagnostics: std::slice::from_ref(&d),
        }];
        let md = render_markdown(&files, &[("nope.md".into(), "nope.md: cannot read".into())]);
        assert!(
            md.starts_with("#### `twir check`: 0 errors, 1 warning\n"),
            "{md}"
        );
        assert!(md.contains("* **error** `nope.md` could not be read"));
        assert!(md.contains("* **warning** `simplifiable-url` at `draft/x.md:3`: empty path"));
        assert!(
            md.contains("  ```text\n  * [a](https://a.org//b) `tick\n  ```\n"),
            "{md}"
        );
        assert_eq!(fence_for("a ``` b"), "````");
        assert!(md.contains("help: collapse the repeated slashes: `https://a.org/b`"));
        assert_eq!(render_markdown(&[], &[]), "");
    }

    #[test]
    fn markdown_stays_under_the_comment_limit() {
        let src = "Title: x\n\n".to_string() + &"* [a](https://a.org//b)\n".repeat(5000);
        let diags: Vec<Diagnostic> = (0..5000)
            .map(|i| {
                let at = 10 + i * 24 + 6;
                Diagnostic::new("x", Severity::Error, Span::new(at, at + 5), "m")
            })
            .collect();
        let files = [FileDiagnostics {
            name: "d.md",
            source: &src,
            diagnostics: &diags,
        }];
        let md = render_markdown(&files, &[]);
        assert!(md.len() <= MAX_MARKDOWN, "{}", md.len());
        assert!(md.contains("more (see the workflow run)"));
    }
}
