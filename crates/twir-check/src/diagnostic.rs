//! What a check reports: a rule code, a severity, a message, where, and how to fix it.

use serde::Serialize;
use twir_content::Span;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Not wrong yet: what a mid-week draft is expected to carry until publication
    /// (placeholders the template or `twir publish` fills, empty sections, past events).
    /// Summarised rather than listed; never fails a run.
    Note,
    /// Style or renderer-dialect problems; fail only with `--deny warnings`.
    Warning,
    /// Must not ship.
    Error,
}

impl Severity {
    /// `error`, `warning` or `note`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A replacement of `span` by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The bytes to replace (empty for an insertion).
    pub span: Span,
    /// The new text.
    pub replacement: String,
    /// True when `--fix` may apply it without an editor looking: the result renders as the
    /// author meant, whatever the context. Other fixes are only suggested.
    pub safe: bool,
}

impl Fix {
    /// A fix `--fix` applies.
    pub fn safe(span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            span,
            replacement: replacement.into(),
            safe: true,
        }
    }

    /// A fix that is only suggested.
    pub fn suggest(span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            span,
            replacement: replacement.into(),
            safe: false,
        }
    }
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's stable kebab-case code.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// What it points at.
    pub span: Span,
    /// How to fix it, when a rule knows.
    pub fix: Option<Fix>,
    /// Advice shown as `help:` when there is no fix, or in addition to it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic without fix or help.
    pub fn new(
        code: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            span,
            fix: None,
            help: None,
        }
    }

    /// Adds a fix.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    /// Adds a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
