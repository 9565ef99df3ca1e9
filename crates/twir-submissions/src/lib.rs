//! The intake of link submissions to This Week in Rust: `twir submissions review` and
//! `twir submissions merge`.
//!
//! **Review** ([`review::review`]) reads the open pull requests that change a file in the draft
//! folder and, for each, its own change ([`change`], [`heads`]): with git, the lines its head
//! has that neither the merge base with the local `HEAD` nor the current draft has (a branch
//! stacked on another open pull request is judged on its own lines only); from GitHub's patch
//! when the head cannot be fetched. Each pull request is then a submission, an editor change,
//! another change or already merged ([`model::Kind`], decided in [`analyze`]). Submissions get
//! the `twir check` rules on their lines as `merge` would write them, the submission guidelines
//! ([`judge`]), and notes on what editors fix by hand ([`editing`]: bullet, title, the section
//! the archive suggests, learnt at run time by [`archive`]); then a [`Verdict`], a row in the
//! editors' [`table`] and a friendly [`comment`]. The review ends with the merge [`plan`]: what
//! `merge` with the same options takes, and why it leaves the rest.
//!
//! **Merge** ([`merge::merge`]) carries out that plan: each line appended to its section with
//! an attribution comment `<!-- pr:N -->` ([`merge::attribution`]), one commit whose parents
//! are `HEAD` and the merged pull requests' heads. It refuses a dirty working tree and leaves
//! the repository as it was on any failure.
//!
//! Git goes through [`git::GitRepo`] only (libgit2 today, `git2`, never the `git` program): a
//! small interface so that the workspace's choice of one git library (issue 17) rewrites one
//! file. libgit2 fetches `refs/pull/N/head` natively from local and https remotes (gix's
//! file:// fetch would spawn `git-upload-pack`), and compiled in 42 s of CPU against 148 s for
//! gix with the features a fetch over https needs (measured with clean builds of each). https
//! uses the system OpenSSL (Debian's libssl-dev).

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
