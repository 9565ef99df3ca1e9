//! Static full-text search for the This Week in Rust site.
//!
//! The index is built with the site ([`write_index`]) and split into small files so that a
//! reader's first search downloads at most 300 KB in all (the client, the manifest, the term
//! shards of the query, the metadata and snippets of the results shown); no server is needed.
//! The JS client ([`SEARCH_JS`], written to `search.js`) loads when the search box is first
//! used. See the crate README for the file layout, the ranking and the budget rules.
//!
//! Use from the site build:
//!
//! ```no_run
//! use twir_search::{SearchDoc, sections_from_html, write_index, search_box_html};
//! # fn main() -> Result<(), twir_search::SearchError> {
//! let body_html = "<p>Intro</p><h2 id=\"news\">News</h2><p>Tokio 1.0</p>";
//! let docs = vec![SearchDoc {
//!     url: "/blog/2020/12/23/this-week-in-rust-370/".into(),
//!     title: "This Week in Rust 370".into(),
//!     date: "2020-12-23".into(),
//!     sections: sections_from_html(body_html),
//! }];
//! let stats = write_index(&docs, std::path::Path::new("output"))?;
//! println!("{} index files, {} bytes", stats.files, stats.bytes);
//! let header_html = search_box_html("/"); // put it in the page template
//! # let _ = header_html; Ok(()) }
//! ```

mod chunks;
mod error;
mod hash;
mod html;
pub mod manifest;
mod postings;
pub mod query;
mod search_page;
mod shards;
pub mod tokenize;
mod write;

pub use error::SearchError;
pub use html::sections_from_html;
pub use search_page::{search_box_html, search_page_html};
pub use write::{DOCS_TARGET, SHARD_TARGET, TEXT_CAP, write_index, write_index_with};

/// Internals exposed for fuzzing (`fuzz/fuzz_targets/search_index.rs`); not a stable API.
#[doc(hidden)]
pub mod fuzzing {
    /// Packs section texts into snippet chunks of at most `cap` bytes (JSON arrays).
    pub fn text_chunks(texts: &[&str], cap: usize) -> Vec<(u32, String)> {
        crate::chunks::text_chunks(texts, cap)
    }
}

/// The JS client, written by [`write_index`] to `search.js` at the site root.
pub const SEARCH_JS: &str = include_str!("../assets/search.js");

/// One page to index: usually one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// Where the page is, as links should point to it (absolute or site-relative), without
    /// a fragment.
    pub url: String,
    /// Title shown in results ("This Week in Rust 665"); its words are searchable.
    pub title: String,
    /// Publication date, `YYYY-MM-DD` (anything that sorts as text works): newer pages are
    /// ranked slightly higher, and the date is shown in results.
    pub date: String,
    /// The page's sections, in order; see [`sections_from_html`]. An empty list is indexed
    /// as one untitled section (only the title is then searchable).
    pub sections: Vec<SearchSection>,
}

/// A part of a page under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchSection {
    /// The heading's `id` (results link to `url#anchor`); `""` for the text before the
    /// first heading.
    pub anchor: String,
    /// The heading text (shown in results; its words weigh more); `""` for the top.
    pub heading: String,
    /// Plain text of the section; lines (`\n`) are the candidates for result snippets.
    pub text: String,
}

/// What [`write_index`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    /// Files written, `search.js` and `search/index.html` included.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Size of the largest term shard in bytes.
    pub largest_shard: u64,
    /// Number of distinct terms indexed.
    pub terms: usize,
}
