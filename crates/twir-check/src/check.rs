//! Checking one document: options, what is known about the issue, and the rule runner.

use jiff::civil::Date;
use twir_content::config::CheckConfig;
use twir_content::{Document, Span};

use crate::diagnostic::{Diagnostic, Severity};
use crate::index::RecentLinks;
use crate::rules;

/// Whether the file is the issue being written or one already published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Work in progress: empty sections are expected and only warned about.
    Draft,
    /// Shipped: the issue must be complete.
    Published,
}

/// Settings of a check run.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Draft or published rules.
    pub mode: Mode,
    /// Heading of the community links section.
    pub community_section: String,
    /// Heading of the section only editors add links to.
    pub project_tooling_section: String,
    /// How many days after the issue date events may be listed.
    pub event_days: u32,
    /// Report any link in the project/tooling section (`--deny-project-tooling-links`).
    pub deny_project_tooling_links: bool,
    /// Why, in a line (`[check] project_tooling_policy`).
    pub project_tooling_policy: String,
    /// The draft template, to tell fill-in comments that were never filled.
    pub template: Option<std::sync::Arc<Template>>,
    /// Run the rules meant for reviewing a submission (`repo-link`, `crates-io-link`): a
    /// second look before a link goes in. `twir check` runs them only on what changed
    /// (`--since`), as TWiR's CI shows its warnings only on pull requests: a link the editors
    /// kept is not reported again.
    pub review: bool,
}

impl CheckOptions {
    /// Options from the `[check]` configuration, in draft mode.
    pub fn from_config(cfg: &CheckConfig) -> CheckOptions {
        CheckOptions {
            mode: Mode::Draft,
            community_section: cfg.community_section.clone(),
            project_tooling_section: cfg.project_tooling_section.clone(),
            event_days: cfg.event_days,
            deny_project_tooling_links: false,
            project_tooling_policy: cfg.project_tooling_policy.clone(),
            template: None,
            review: true,
        }
    }
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions::from_config(&CheckConfig::default())
    }
}

/// The boilerplate of the draft template (twir-content's, shared with `twir publish`).
pub use twir_content::placeholder::Boilerplate as Template;

/// The issue before the one being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Previous {
    /// Its `Number`.
    pub number: Option<u32>,
    /// The date its file name starts with.
    pub date: Option<Date>,
}

/// What is known about the issue besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct IssueInfo<'a> {
    /// The date its file name starts with.
    pub name_date: Option<Date>,
    /// The issue published before it.
    pub previous: Option<Previous>,
    /// Links of the recent issues, for duplicates.
    pub recent: Option<RecentLinks<'a>>,
}

/// Where rules report to; carries everything a rule reads.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub opts: &'a CheckOptions,
    pub info: &'a IssueInfo<'a>,
    pub out: Vec<Diagnostic>,
    /// The normalised URLs of the community links, in order, when the caller computed them
    /// (see [`crate::index::community_keys`]).
    pub community_keys: Option<&'a [String]>,
    /// When set, community links are not looked up among the recent issues but collected
    /// here, for a lookup once the index is complete.
    pub deferred: Option<Vec<DeferredLookup>>,
}

/// A community link to look up among the recent issues later: its normalised URL and where
/// a finding would point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeferredLookup {
    pub key: String,
    pub span: Span,
}

impl Ctx<'_> {
    /// A diagnostic of rule `code` with the rule's severity for this mode.
    pub fn diag(&self, code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, rules::severity(code, self.opts.mode), span, message)
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }
}

/// Checks one document. Diagnostics come sorted by position.
pub fn check_document(doc: &Document, opts: &CheckOptions, info: &IssueInfo) -> Vec<Diagnostic> {
    let mut ctx = Ctx {
        doc,
        opts,
        info,
        out: Vec::new(),
        community_keys: None,
        deferred: None,
    };
    rules::run_all(&mut ctx);
    sorted(ctx.out)
}

/// Checks one document whose community keys are known, leaving the lookups among recent
/// issues for later (`info.recent` is not used). Diagnostics come unsorted.
pub(crate) fn check_deferred(
    doc: &Document,
    opts: &CheckOptions,
    info: &IssueInfo,
    community_keys: &[String],
) -> (Vec<Diagnostic>, Vec<DeferredLookup>) {
    let mut ctx = Ctx {
        doc,
        opts,
        info,
        out: Vec::new(),
        community_keys: Some(community_keys),
        deferred: Some(Vec::new()),
    };
    rules::run_all(&mut ctx);
    (ctx.out, ctx.deferred.unwrap_or_default())
}

/// Diagnostics in position order, without repeats.
pub(crate) fn sorted(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    out.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    out
}

/// Counts of errors and warnings.
pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diags.len() - errors)
}
