//! The intake of link submissions to This Week in Rust: `twir submissions review` and
//! `twir submissions merge`.
//!
//! **Review** ([`review::review`]) reads the open pull requests that change a file in the draft
//! folder, applies each one's added lines to the local draft ([`place`]), runs the `twir check`
//! rules on the result and keeps what they say about the added lines, then applies the
//! submission guidelines ([`judge`]): one link per pull request, no bare repository or
//! crates.io links, the project/tooling section only from people with write access, one link
//! per author per week, Crate/Quote of the Week through the forum, link titles that match the
//! page title the pull request states, passing CI. Each pull request gets a [`Verdict`], a row in
//! the editors' [`table`] and a friendly [`comment`].
//!
//! **Merge** ([`merge::merge`]) inserts the accepted single-link pull requests into the local
//! draft, each line ending with an attribution comment `<!-- pr:N -->`
//! ([`merge::attribution`]), and makes one commit whose parents are `HEAD` and every merged pull
//! request's head, so that pushing it marks them merged. It refuses a dirty working tree and
//! leaves the repository as it was on any failure.
//!
//! Git goes through libgit2 (`git2`), never the `git` program: libgit2 fetches
//! `refs/pull/N/head` natively from local and https remotes (gix's file:// fetch would spawn
//! `git-upload-pack`), and it compiled in 42 s of CPU against 148 s for gix with the features
//! a fetch over https needs (measured here with clean builds of each). https uses the system
//! OpenSSL (Debian's libssl-dev).

pub mod advice;
pub mod analyze;
pub mod archive;
pub mod change;
pub mod comment;
pub mod context;
pub mod editing;
pub mod error;
pub mod fetch;
pub mod git;
pub mod heads;
pub mod input;
pub mod judge;
pub mod merge;
pub mod model;
pub mod patch;
pub mod place;
pub mod plan;
pub mod post;
pub mod review;
pub mod sections;
pub mod table;
pub mod title;

pub use context::Context;
pub use error::SubmissionsError;
pub use input::{Access, MergedPull, PullData};
pub use model::{AddedLink, Ci, Finding, Kind, Level, PullReview, Review, Verdict};
