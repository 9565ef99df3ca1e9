//! Wrapped REST endpoints (issues, pulls, statuses, collaborators, commits).

use jiff::Timestamp;
use serde::Serialize;

use crate::client::PER_PAGE;
use crate::models::{
    CheckRun, CheckRunsPage, CombinedStatus, Comment, CommitInfo, Issue, IssueEvent, Permission,
    PermissionBody, PullFile, PullRequest,
};
use crate::repo::valid_part;
use crate::{GitHub, GitHubError, RepoName, Result, SearchSort, Window};

/// Which pull requests [`GitHub::list_pulls`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullState {
    /// Open only.
    Open,
    /// Closed (merged or not).
    Closed,
    /// Both.
    All,
}

impl PullState {
    fn as_str(self) -> &'static str {
        match self {
            PullState::Open => "open",
            PullState::Closed => "closed",
            PullState::All => "all",
        }
    }
}

#[derive(Serialize)]
struct NewComment<'a> {
    body: &'a str,
}

impl GitHub {
    /// Events of an issue or PR (labelled, closed, merged, ...), oldest first.
    /// Used to find when a label was added.
    pub async fn issue_events(&self, repo: &RepoName, number: u64) -> Result<Vec<IssueEvent>> {
        let n = number.to_string();
        self.list(
            &["repos", repo.owner(), repo.name(), "issues", &n, "events"],
            &[],
        )
        .await
    }

    /// Comments on an issue or PR, oldest first.
    pub async fn issue_comments(&self, repo: &RepoName, number: u64) -> Result<Vec<Comment>> {
        let n = number.to_string();
        self.list(
            &["repos", repo.owner(), repo.name(), "issues", &n, "comments"],
            &[],
        )
        .await
    }

    /// Posts a comment on an issue or PR. Not retried on timeouts or 5xx,
    /// so a comment is never posted twice.
    pub async fn create_issue_comment(
        &self,
        repo: &RepoName,
        number: u64,
        body: &str,
    ) -> Result<Comment> {
        let n = number.to_string();
        let url = self.url(
            &["repos", repo.owner(), repo.name(), "issues", &n, "comments"],
            &[],
        )?;
        Ok(self.http().post_json(url, &NewComment { body }).await?)
    }

    /// Pull requests of a repository, most recently updated first.
    pub async fn list_pulls(&self, repo: &RepoName, state: PullState) -> Result<Vec<PullRequest>> {
        self.list(
            &["repos", repo.owner(), repo.name(), "pulls"],
            &[
                ("state", state.as_str()),
                ("sort", "updated"),
                ("direction", "desc"),
            ],
        )
        .await
    }

    /// One pull request.
    pub async fn pull(&self, repo: &RepoName, number: u64) -> Result<PullRequest> {
        let n = number.to_string();
        let url = self.url(&["repos", repo.owner(), repo.name(), "pulls", &n], &[])?;
        Ok(self.http().get_json(url).await?)
    }

    /// Files changed by a pull request, with their `patch` hunks.
    pub async fn pull_files(&self, repo: &RepoName, number: u64) -> Result<Vec<PullFile>> {
        let n = number.to_string();
        self.list(
            &["repos", repo.owner(), repo.name(), "pulls", &n, "files"],
            &[],
        )
        .await
    }

    /// Combined legacy status of a commit, branch or tag.
    pub async fn combined_status(&self, repo: &RepoName, git_ref: &str) -> Result<CombinedStatus> {
        check_ref(git_ref)?;
        let url = self.url(
            &[
                "repos",
                repo.owner(),
                repo.name(),
                "commits",
                git_ref,
                "status",
            ],
            &[("per_page", PER_PAGE)],
        )?;
        Ok(self.http().get_json(url).await?)
    }

    /// Check runs (GitHub Actions and apps) of a commit, branch or tag.
    pub async fn check_runs(&self, repo: &RepoName, git_ref: &str) -> Result<Vec<CheckRun>> {
        check_ref(git_ref)?;
        let url = self.url(
            &[
                "repos",
                repo.owner(),
                repo.name(),
                "commits",
                git_ref,
                "check-runs",
            ],
            &[("per_page", PER_PAGE)],
        )?;
        let pages: Vec<CheckRunsPage> = self.http().get_all_pages(url).await?;
        Ok(pages.into_iter().flat_map(|p| p.check_runs).collect())
    }

    /// A user's permission on a repository (needs a token with push access
    /// to the repository; otherwise GitHub answers 403/404).
    pub async fn collaborator_permission(&self, repo: &RepoName, user: &str) -> Result<Permission> {
        if !valid_part(user) {
            return Err(GitHubError::InvalidArgument {
                what: "login",
                value: user.to_owned(),
            });
        }
        let url = self.url(
            &[
                "repos",
                repo.owner(),
                repo.name(),
                "collaborators",
                user,
                "permission",
            ],
            &[],
        )?;
        let body: PermissionBody = self.http().get_json(url).await?;
        // `role_name` distinguishes triage/maintain, which the legacy
        // `permission` field folds into read/write.
        Ok(Permission::from_api(
            body.role_name.as_deref().unwrap_or(&body.permission),
        ))
    }

    /// Commits reachable from `branch` (default branch when `None`) with a
    /// commit date in `[since, until]`, newest first.
    pub async fn list_commits(
        &self,
        repo: &RepoName,
        since: Timestamp,
        until: Timestamp,
        branch: Option<&str>,
    ) -> Result<Vec<CommitInfo>> {
        let since = since.to_string();
        let until = until.to_string();
        let mut query = vec![("since", since.as_str()), ("until", until.as_str())];
        if let Some(b) = branch {
            check_ref(b)?;
            query.push(("sha", b));
        }
        self.list(&["repos", repo.owner(), repo.name(), "commits"], &query)
            .await
    }

    /// Pull requests of `repo` merged within `window` (via search, so at most
    /// 1000), oldest first.
    pub async fn merged_pulls(&self, repo: &RepoName, window: &Window) -> Result<Vec<Issue>> {
        let query = format!(
            "repo:{repo} is:pr is:merged merged:{}",
            window.search_range()
        );
        Ok(self
            .search_issues(&query, SearchSort::CreatedAsc)
            .await?
            .items)
    }
}

/// Git refs go into a URL path segment: reject empty ones and control
/// characters; everything else is percent-encoded by the URL builder.
fn check_ref(git_ref: &str) -> Result<()> {
    if git_ref.is_empty() || git_ref.chars().any(char::is_control) || git_ref.contains("..") {
        return Err(GitHubError::InvalidArgument {
            what: "ref",
            value: git_ref.to_owned(),
        });
    }
    Ok(())
}
