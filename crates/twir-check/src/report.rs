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

/// GitHub Actions workflow commands, one per line.
pub fn render_github(files: &[FileDiagnostics]) -> String {
    let mut out = String::new();
    for j in to_json(files) {
        out.push_str(&format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            j.severity.as_str(),
            escape_property(&j.file),
            j.line,
            j.column,
            j.end_line,
            j.end_column,
            escape_property(j.code),
            escape_data(&j.message)
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
pub fn render_human(files: &[FileDiagnostics], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for f in files {
        let idx = LineIndex::new(f.source);
        for d in f.diagnostics {
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
                    let shown = x.replacement.replace('\n', "\\n");
                    let mut msg = if shown.is_empty() {
                        format!("{help}: remove it")
                    } else {
                        format!("{help}: `{shown}`")
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
