//! What is gathered from GitHub before the (pure) review runs.

use twir_github::models::{PullFile, PullRequest};

use crate::model::Ci;

/// An open pull request with its changed files and CI state.
#[derive(Debug, Clone)]
pub struct PullData {
    /// The pull request.
    pub pr: PullRequest,
    /// Its changed files, with patches.
    pub files: Vec<PullFile>,
    /// Its CI state.
    pub ci: Ci,
}

impl PullData {
    /// The author's login (`ghost` for deleted accounts).
    pub fn author(&self) -> &str {
        self.pr
            .user
            .as_ref()
            .map(|u| u.login.as_str())
            .unwrap_or("ghost")
    }
}

/// Whether an author may push to the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Write, maintain or admin.
    Write,
    /// Read, triage or not a collaborator.
    NoWrite,
    /// The permission could not be read (no token, or a token without push access).
    Unknown(String),
}

impl Access {
    /// True only for a confirmed write permission.
    pub fn can_push(&self) -> bool {
        matches!(self, Access::Write)
    }
}

/// A pull request merged since the last issue that added a link to the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedPull {
    /// Its number.
    pub number: u64,
    /// Its author.
    pub author: String,
}
