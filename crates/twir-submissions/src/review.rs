//! `twir submissions review`: gather, read each change, classify, analyse, judge, plan.

use std::collections::{HashMap, HashSet};
use twir_github::{GitHub, RepoName};

use crate::analyze::{Analysis, analyze};
use crate::context::Context;
use crate::error::SubmissionsError;
use crate::fetch;
use crate::heads::read_changes;
use crate::input::PullData;
use crate::judge::{judge, repeat_candidates};
use crate::model::Review;
use crate::plan::{PlanOptions, plan};

/// How to review.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// The remote to fetch pull request heads (`refs/pull/N/head`) from.
    pub remote: String,
    /// The options of the merge whose plan the review shows.
    pub plan: PlanOptions,
}

impl Default for ReviewOptions {
    fn default() -> ReviewOptions {
        ReviewOptions {
            remote: "origin".into(),
            plan: PlanOptions::default(),
        }
    }
}

/// Reviews the open pull requests of `repo` that change a file in the draft folder, against
/// the local draft of `ctx`.
pub async fn review(
    ctx: &Context,
    gh: &GitHub,
    repo: &RepoName,
    opts: &ReviewOptions,
) -> Result<Review, SubmissionsError> {
    let pulls = fetch::open_pulls(gh, repo, &ctx.draft_prefix()).await?;
    review_pulls(ctx, gh, repo, &pulls, opts).await
}

/// Reviews already fetched pull requests (permissions and this week's merged pull requests
/// still come from GitHub).
pub async fn review_pulls(
    ctx: &Context,
    gh: &GitHub,
    repo: &RepoName,
    pulls: &[PullData],
    opts: &ReviewOptions,
) -> Result<Review, SubmissionsError> {
    // git blocks; nothing else runs on this task meanwhile.
    let reads = read_changes(ctx, pulls, &opts.remote);
    let mut logins: Vec<String> = pulls.iter().map(|p| p.author().to_string()).collect();
    logins.sort();
    logins.dedup();
    let access = fetch::permissions(gh, repo, &logins).await;
    let analyses: Vec<Analysis> = pulls
        .iter()
        .zip(&reads)
        .map(|(p, r)| analyze(ctx, p, r, access.get(p.author())))
        .collect();
    let authors: HashSet<String> = repeat_candidates(&analyses);
    let since = ctx.last_issue_date().unwrap_or_else(|| {
        let today = jiff::ZonedDateTime::now().date();
        today.saturating_sub(jiff::Span::new().days(7))
    });
    let merged = fetch::merged_since(gh, repo, since, &authors, &ctx.draft_prefix()).await?;
    Ok(finish(ctx, repo, analyses, &merged, &access, &opts.plan))
}

/// Judges analysed pull requests and plans the merge: the part of a review that needs no
/// network.
pub fn finish(
    ctx: &Context,
    repo: &RepoName,
    analyses: Vec<Analysis>,
    merged: &[crate::input::MergedPull],
    access: &HashMap<String, crate::input::Access>,
    plan_opts: &PlanOptions,
) -> Review {
    let pulls = judge(ctx, analyses, merged, access);
    let plan = plan(&pulls, &ctx.subsections, plan_opts);
    Review {
        repository: repo.to_string(),
        draft: ctx.draft_rel.clone(),
        pulls,
        plan,
    }
}

/// The review with its plan made again for other options.
pub fn replan(ctx: &Context, mut review: Review, opts: &PlanOptions) -> Review {
    review.plan = plan(&review.pulls, &ctx.subsections, opts);
    review
}

/// A single-threaded runtime for the blocking entry points of the CLI.
pub fn runtime() -> Result<tokio::runtime::Runtime, SubmissionsError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SubmissionsError::Runtime)
}
