//! The linter and formatter of This Week in Rust issues: `twir check` and `twir fmt`.
//!
//! [`check_document`] runs every rule over one parsed issue and returns [`Diagnostic`]s with
//! stable codes (documented in `RULES.md`), spans and, where a rule knows one, a [`Fix`].
//! [`run::check_site`] checks drafts or published issues of a repository with duplicate
//! detection against recent issues, [`fmt::format`] formats an issue canonically, and
//! [`report`] renders diagnostics for people, JSON consumers and GitHub Actions.

pub mod check;
pub mod diagnostic;
pub mod event_sort;
pub mod events_model;
pub mod fix;
pub mod fmt;
pub mod index;
pub mod inline;
pub mod remap;
pub mod report;
pub mod rules;
pub mod run;
pub mod sections;
pub mod since;

pub use check::{CheckOptions, IssueInfo, Mode, Previous, Template, check_document};
pub use diagnostic::{Diagnostic, Fix, Severity};
pub use index::{IssueRef, LinkIndex, RecentLinks};
