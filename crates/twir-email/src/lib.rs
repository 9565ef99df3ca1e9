//! The email edition of a newsletter issue, ready to send in one step.
//!
//! [`build`] turns an issue into three things: an email-safe HTML document (the site's own
//! Markdown rendering in a single-column, table-wrapped template, every CSS rule inlined except
//! the `@media` ones for dark mode and narrow screens, every link and image absolute), a
//! plain-text alternative filled to 72 columns with numbered link references, and a complete
//! multipart/alternative RFC 5322 message. Nothing is fetched from the network.
//!
//! [`preview_html`] gives only the HTML, for a local preview such as `twir serve`'s
//! `/email/N/` page:
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let site = twir_content::Site::open(std::path::Path::new("."))?;
//! let doc = twir_content::Document::load(std::path::Path::new("content/2024-01-03-x.md"))?;
//! let html = twir_email::preview_html(&site, &doc)?;
//! # Ok(()) }
//! ```

pub mod body;
pub mod edition;
pub mod error;
pub mod inline;
pub mod issue;
pub mod message_body;
pub mod mime;
pub mod nesting;
pub mod pelican;
mod presentational;
pub mod restyle;
pub mod select;
pub mod size;
pub mod template;
pub mod text;
pub mod theme;
pub mod tokens;
pub mod urls;
pub mod write;

pub use edition::{Edition, Options, build, build_from_body, preview_html, sender, theme_dir};
pub use error::EmailError;
pub use inline::{kept_at_rules, uninlined_rules};
pub use issue::IssueInfo;
pub use select::{IssueChoice, choose_issue};
pub use size::{GMAIL_CLIP_BYTES, SizeReport, Verdict};
pub use theme::EmailTheme;
pub use write::write_edition;
