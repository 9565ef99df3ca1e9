//! Posting review comments through the API (only when asked: `--post`).

use twir_github::{GitHub, RepoName};

use crate::comment::{self, MARKER};
use crate::error::SubmissionsError;
use crate::model::Review;

/// What happened to one pull request's comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// Posted; the comment's web address.
    New(String),
    /// The same comment is already the newest review comment there; not posted again.
    Unchanged,
}

/// Posts each submission's comment, one pull request after another, skipping those whose
/// newest review comment already says the same. Stops at the first failure, returning what
/// was done before it in the error's context.
pub async fn post_all(
    gh: &GitHub,
    repo: &RepoName,
    review: &Review,
) -> Result<Vec<(u64, Posted)>, SubmissionsError> {
    let mut done = Vec::new();
    for r in review.pulls.iter().filter(|r| r.is_submission()) {
        let body = comment::render(r);
        let existing = gh.issue_comments(repo, r.number).await?;
        let last_ours = existing
            .iter()
            .rev()
            .find(|c| c.body.as_deref().is_some_and(|b| b.starts_with(MARKER)));
        if last_ours
            .and_then(|c| c.body.as_deref())
            .is_some_and(|b| b.trim() == body.trim())
        {
            done.push((r.number, Posted::Unchanged));
            continue;
        }
        let c = gh.create_issue_comment(repo, r.number, &body).await?;
        done.push((r.number, Posted::New(c.html_url)));
    }
    Ok(done)
}
