//! The `rfcs` generator: TWiR's "Calls for Testing", "Approved RFCs",
//! "Final Comment Period" and "New and Updated RFCs" parts.
//!
//! [`collect_rfcs`] gathers [`RfcsData`] from the API; [`format_rfcs`] (and
//! [`render_rfcs`] for the parts separately) turn it into Markdown without
//! any I/O, so formatting is tested on hand-written data.

mod collect;
mod config;
mod format;

use jiff::Timestamp;

pub use collect::collect_rfcs;
pub use config::{RfcsConfig, TrackedRepo};
pub use format::{
    RfcsMarkdown, format_approved_rfcs, format_calls_for_testing, format_fcp, format_new_rfcs,
    format_rfcs, render_rfcs,
};

use crate::Window;

/// An issue or pull request as a list entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// Title as on GitHub.
    pub title: String,
    /// Web URL.
    pub url: String,
}

/// An item whose `call-for-testing` label was added in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallForTesting {
    /// The issue or PR.
    pub item: ListItem,
    /// Link to the comment with testing instructions, when one was found.
    pub testing_steps: Option<String>,
    /// When the label was added.
    pub labelled_at: Timestamp,
}

/// The rfcbot disposition of an FCP, shown as a `[disposition: ...]` prefix
/// for everything except merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// `disposition-merge`: no prefix.
    Merge,
    /// `disposition-close`.
    Close,
    /// `disposition-postpone`.
    Postpone,
    /// No disposition label on an item that should have one.
    Unspecified,
    /// The group does not use dispositions (compiler-team MCPs): no prefix.
    NotApplicable,
}

impl Disposition {
    /// The prefix printed before the link, including its trailing space.
    pub fn prefix(self) -> &'static str {
        match self {
            Disposition::Merge | Disposition::NotApplicable => "",
            Disposition::Close => "[disposition: close] ",
            Disposition::Postpone => "[disposition: postpone] ",
            Disposition::Unspecified => "[disposition: unspecified] ",
        }
    }
}

/// An item whose `final-comment-period` label was added in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FcpItem {
    /// The issue or PR.
    pub item: ListItem,
    /// rfcbot disposition.
    pub disposition: Disposition,
    /// When the FCP label was added.
    pub entered_at: Timestamp,
}

/// Items of one repository or team, with how its heading is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<T> {
    /// Display name, e.g. `Compiler Team`.
    pub name: String,
    /// Heading link target.
    pub link: String,
    /// Markdown after the heading link (may be empty).
    pub suffix: String,
    /// Entries; empty groups go into the "No ... this week" sentence.
    pub items: Vec<T>,
}

impl<T> Group<T> {
    pub(crate) fn from_tracked(tracked: &TrackedRepo, items: Vec<T>) -> Self {
        Group {
            name: tracked.display_name.clone(),
            link: tracked.link.clone(),
            suffix: tracked.suffix.clone(),
            items,
        }
    }
}

/// Everything the RFC-related parts show for one window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RfcsData {
    /// Covered dates.
    pub window: Window,
    /// Calls for testing per repository, in configured order.
    pub calls_for_testing: Vec<Group<CallForTesting>>,
    /// RFC pull requests merged in the window.
    pub approved: Vec<ListItem>,
    /// Items entering FCP per group, in configured order.
    pub fcp: Vec<Group<FcpItem>>,
    /// RFC pull requests opened in the window.
    pub new_rfcs: Vec<ListItem>,
    /// Things the editor should double-check (e.g. incomplete search results).
    pub warnings: Vec<String>,
}
