//! The content model of a weekly newsletter written as Markdown files with a Pelican-style
//! metadata header, as This Week in Rust is.
//!
//! [`Document::parse`] never fails and is lossless: [`Document::print`] gives back the input
//! byte for byte. Every element carries its byte [`Span`] so that checks can point at it and
//! edits can replace exactly what they mean to.

pub mod block;
mod byte_set;
pub mod config;
pub mod document;
pub mod entry;
pub mod error;
pub mod identity;
pub mod inline;
pub mod links;
pub mod load;
pub mod metadata;
pub mod placeholder;
pub mod safe_fs;
pub mod section;
pub mod site;
pub mod slug;
pub mod span;
pub mod text;
pub mod url_norm;
pub mod write;

pub use block::{Block, BlockKind, Heading, LinkDef, List, ListItem};
pub use config::Config;
pub use document::Document;
pub use entry::{Entry, EventEntry, Field, LinkItem, Prefix};
pub use error::ContentError;
pub use inline::InlineLink;
pub use links::{Link, LinkKind};
pub use metadata::{MetaField, Metadata, Repeated};
pub use section::Section;
pub use site::{IssueFile, Site};
pub use span::{LineIndex, Position, Span};
