//! `twir submissions review`: gather, analyse, judge.

use std::collections::HashSet;
use twir_content::Site;
use twir_github::twir_net::Url;
use twir_github::{GitHub, RepoName};

use crate::analyze::{Analysis, analyze};
use crate::context::Context;
use crate::error::SubmissionsError;
use crate::fetch;
use crate::input::PullData;
use crate::judge::{judge, permission_candidates};
use crate::model::Review;

/// Reviews the open pull requests of `repo` that change a file in the draft folder, against
/// the local draft of `ctx`.
pub async fn review(
    ctx: &Context,
    gh: &GitHub,
    repo: &RepoName,
) -> Result<Review, SubmissionsError> {
    let pulls = fetch::open_pulls(gh, repo, &ctx.draft_prefix()).await?;
    review_pulls(ctx, gh, repo, &pulls).await
}

/// Reviews already fetched pull requests (the permission and merged-PR look-ups still go to
/// GitHub, and only for the authors who need them).
pub async fn review_pulls(
    ctx: &Context,
    gh: &GitHub,
    repo: &RepoName,
    pulls: &[PullData],
) -> Result<Review, SubmissionsError> {
    let analyses: Vec<Analysis> = pulls.iter().map(|p| analyze(ctx, p)).collect();
    let authors: HashSet<String> = analyses
        .iter()
        .filter(|a| a.review.is_submission)
        .map(|a| a.review.author.clone())
        .collect();
    let since = ctx.last_issue_date().unwrap_or_else(|| {
        let today = jiff::ZonedDateTime::now().date();
        today.saturating_sub(jiff::Span::new().days(7))
    });
    let merged = fetch::merged_since(gh, repo, since, &authors, &ctx.draft_prefix()).await?;
    let logins = permission_candidates(&analyses, &merged);
    let access = fetch::permissions(gh, repo, &logins).await;
    Ok(Review {
        repository: repo.to_string(),
        draft: ctx.draft_rel.clone(),
        pulls: judge(ctx, analyses, &merged, &access),
    })
}

/// The GitHub client and repository configured for `site` (`[github]` in `twir.toml`; token
/// from `GITHUB_TOKEN`).
pub fn github_client(site: &Site) -> Result<(GitHub, RepoName), SubmissionsError> {
    let cfg = &site.config.github;
    let repo: RepoName = cfg.repository.parse()?;
    let api = Url::parse(&cfg.api_url)
        .map_err(|e| SubmissionsError::Config(format!("github.api_url {:?}: {e}", cfg.api_url)))?;
    let gh = GitHub::new(GitHub::config_builder(Some(api)).build())?;
    Ok((gh, repo))
}

/// A single-threaded runtime for the blocking entry points of the CLI.
pub fn runtime() -> Result<tokio::runtime::Runtime, SubmissionsError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SubmissionsError::Runtime)
}
