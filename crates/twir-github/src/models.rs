//! Typed views of GitHub REST responses, reduced to the fields twir uses.
//!
//! Unknown fields are ignored, and fields GitHub sometimes omits or nulls
//! are `Option`s or defaulted, so a schema addition never breaks a run.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A user or bot account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct User {
    /// Login name, e.g. `octocat` or `dependabot[bot]`.
    pub login: String,
    /// `"User"`, `"Bot"` or `"Organization"`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

impl User {
    /// Whether the account is a bot (by type, or the `[bot]` login suffix).
    pub fn is_bot(&self) -> bool {
        self.kind.as_deref() == Some("Bot") || self.login.ends_with("[bot]")
    }
}

/// A label attached to an issue or pull request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Label {
    /// Label name, e.g. `final-comment-period`.
    pub name: String,
}

/// Pull-request details embedded in issue/search results.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct PullRequestRef {
    /// When it was merged, if it was.
    #[serde(default)]
    pub merged_at: Option<Timestamp>,
}

/// An issue or pull request as returned by the issues and search APIs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Issue {
    /// Number within its repository.
    pub number: u64,
    /// Title as written by the author.
    pub title: String,
    /// Web page, e.g. `https://github.com/rust-lang/rust/pull/123`.
    pub html_url: String,
    /// `open` or `closed`.
    pub state: String,
    /// Author (absent for deleted accounts).
    #[serde(default)]
    pub user: Option<User>,
    /// Current labels.
    #[serde(default)]
    pub labels: Vec<Label>,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Closing time.
    #[serde(default)]
    pub closed_at: Option<Timestamp>,
    /// Present when the item is a pull request.
    #[serde(default)]
    pub pull_request: Option<PullRequestRef>,
    /// API URL of the repository (`https://api.github.com/repos/o/r`).
    #[serde(default)]
    pub repository_url: Option<String>,
    /// Whether a pull request is a draft.
    #[serde(default)]
    pub draft: Option<bool>,
    /// Author's relationship to the repository (`OWNER`, `MEMBER`,
    /// `COLLABORATOR`, `CONTRIBUTOR`, `FIRST_TIME_CONTRIBUTOR`, `NONE`, ...).
    #[serde(default)]
    pub author_association: Option<String>,
}

impl Issue {
    /// Whether a label with this name is currently attached.
    pub fn has_label(&self, name: &str) -> bool {
        self.labels.iter().any(|l| l.name == name)
    }

    /// Whether this item is a pull request rather than an issue.
    pub fn is_pull_request(&self) -> bool {
        self.pull_request.is_some()
    }

    /// Author login, if the account still exists.
    pub fn author(&self) -> Option<&str> {
        self.user.as_ref().map(|u| u.login.as_str())
    }
}

/// One page of `/search/issues`.
#[derive(Debug, Clone, Deserialize)]
pub struct SearchPage<T> {
    /// Matches in total (not just on this page).
    pub total_count: u64,
    /// GitHub gave up before finding every match (search timed out).
    #[serde(default)]
    pub incomplete_results: bool,
    /// Matches on this page.
    pub items: Vec<T>,
}

/// All results of a search, gathered over every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    /// Matches in total as reported by GitHub (search returns at most 1000).
    pub total_count: u64,
    /// Whether GitHub flagged any page as incomplete.
    pub incomplete: bool,
    /// The matches.
    pub items: Vec<Issue>,
}

/// An entry of `/repos/{o}/{r}/issues/{n}/events`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct IssueEvent {
    /// Kind, e.g. `labeled`, `unlabeled`, `closed`, `merged`.
    pub event: String,
    /// Who did it.
    #[serde(default)]
    pub actor: Option<User>,
    /// When.
    pub created_at: Timestamp,
    /// For `labeled`/`unlabeled`: which label.
    #[serde(default)]
    pub label: Option<Label>,
}

/// An issue or pull-request comment.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Comment {
    /// Comment id.
    pub id: u64,
    /// Link to the comment (`...#issuecomment-<id>`).
    pub html_url: String,
    /// Markdown body.
    #[serde(default)]
    pub body: Option<String>,
    /// Author.
    #[serde(default)]
    pub user: Option<User>,
    /// Creation time.
    pub created_at: Timestamp,
}

/// A branch tip referenced by a pull request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct BranchRef {
    /// Branch name.
    #[serde(rename = "ref")]
    pub name: String,
    /// Commit SHA.
    pub sha: String,
}

/// A pull request from `/repos/{o}/{r}/pulls`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct PullRequest {
    /// Number within its repository.
    pub number: u64,
    /// Title.
    pub title: String,
    /// Web page.
    pub html_url: String,
    /// `open` or `closed`.
    pub state: String,
    /// Author.
    #[serde(default)]
    pub user: Option<User>,
    /// Description.
    #[serde(default)]
    pub body: Option<String>,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
    /// Merge time (closed-unmerged and open PRs have none).
    #[serde(default)]
    pub merged_at: Option<Timestamp>,
    /// Whether it is a draft.
    #[serde(default)]
    pub draft: bool,
    /// Source branch.
    pub head: BranchRef,
    /// Target branch.
    pub base: BranchRef,
    /// Current labels.
    #[serde(default)]
    pub labels: Vec<Label>,
    /// Author's relationship to the repository (`OWNER`, `MEMBER`, `COLLABORATOR`,
    /// `CONTRIBUTOR`, `FIRST_TIME_CONTRIBUTOR`, `NONE`, ...).
    #[serde(default)]
    pub author_association: Option<String>,
}

/// A file changed by a pull request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct PullFile {
    /// Path after the change.
    pub filename: String,
    /// `added`, `modified`, `removed`, `renamed`, ...
    pub status: String,
    /// Lines added.
    #[serde(default)]
    pub additions: u64,
    /// Lines removed.
    #[serde(default)]
    pub deletions: u64,
    /// Unified diff hunk; GitHub omits it for binary or huge files.
    #[serde(default)]
    pub patch: Option<String>,
    /// Path before a rename.
    #[serde(default)]
    pub previous_filename: Option<String>,
}

/// One legacy commit status.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Status {
    /// Name of the check, e.g. `ci/circleci`.
    pub context: String,
    /// `success`, `pending`, `failure` or `error`.
    pub state: String,
    /// Link to details.
    #[serde(default)]
    pub target_url: Option<String>,
    /// Human-readable summary.
    #[serde(default)]
    pub description: Option<String>,
}

/// `/repos/{o}/{r}/commits/{ref}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct CombinedStatus {
    /// Overall state: `success`, `pending` or `failure`.
    pub state: String,
    /// Individual statuses.
    #[serde(default)]
    pub statuses: Vec<Status>,
}

/// A GitHub Actions (or other app) check run.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct CheckRun {
    /// Check name.
    pub name: String,
    /// `queued`, `in_progress` or `completed`.
    pub status: String,
    /// For completed runs: `success`, `failure`, `neutral`, `cancelled`,
    /// `skipped`, `timed_out`, `action_required`.
    #[serde(default)]
    pub conclusion: Option<String>,
    /// Link to the run.
    #[serde(default)]
    pub html_url: Option<String>,
}

/// One page of `/repos/{o}/{r}/commits/{ref}/check-runs`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CheckRunsPage {
    #[serde(default)]
    pub check_runs: Vec<CheckRun>,
}

/// A collaborator's effective permission on a repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Permission {
    /// No access beyond public read.
    None,
    /// Read.
    Read,
    /// Triage (reported by GitHub as `read` in the legacy field).
    Triage,
    /// Write (push).
    Write,
    /// Maintain.
    Maintain,
    /// Admin.
    Admin,
}

impl Permission {
    /// Maps GitHub's `permission` / `role_name` strings.
    pub fn from_api(s: &str) -> Self {
        match s {
            "admin" => Permission::Admin,
            "maintain" => Permission::Maintain,
            "write" | "push" => Permission::Write,
            "triage" => Permission::Triage,
            "read" | "pull" => Permission::Read,
            _ => Permission::None,
        }
    }

    /// Whether this permission allows pushing (write or above).
    pub fn can_push(self) -> bool {
        self >= Permission::Write
    }
}

/// Raw body of the collaborator-permission endpoint.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PermissionBody {
    pub permission: String,
    #[serde(default)]
    pub role_name: Option<String>,
}

/// Name, e-mail and date in a git commit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct GitSignature {
    /// Name.
    pub name: String,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Date.
    pub date: Timestamp,
}

/// Git-level commit data.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct GitCommit {
    /// Full message.
    pub message: String,
    /// Author signature.
    pub author: Option<GitSignature>,
    /// Committer signature.
    pub committer: Option<GitSignature>,
}

/// A parent reference in the commits API.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ParentRef {
    /// Parent SHA.
    pub sha: String,
}

/// An entry of `/repos/{o}/{r}/commits`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct CommitInfo {
    /// SHA.
    pub sha: String,
    /// Web page.
    pub html_url: String,
    /// Message and signatures.
    pub commit: GitCommit,
    /// GitHub account of the author, when the e-mail maps to one.
    #[serde(default)]
    pub author: Option<User>,
    /// Parents (two or more for merge commits).
    #[serde(default)]
    pub parents: Vec<ParentRef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_with_nulls_parses() {
        let json = r#"{"number":1,"title":"t","html_url":"h","state":"open","user":null,
            "labels":[{"name":"a","color":"fff"}],"created_at":"2026-08-12T10:00:00Z",
            "updated_at":"2026-08-12T10:00:00Z","closed_at":null,"extra":[1,2]}"#;
        let issue: Issue = serde_json::from_str(json).unwrap();
        assert!(issue.has_label("a"));
        assert!(!issue.is_pull_request());
        assert_eq!(issue.author(), None);
    }

    #[test]
    fn permission_ordering() {
        assert!(Permission::from_api("maintain").can_push());
        assert!(!Permission::from_api("triage").can_push());
        assert!(!Permission::from_api("weird").can_push());
    }

    #[test]
    fn bots_are_detected() {
        let u = User {
            login: "dependabot[bot]".into(),
            kind: None,
        };
        assert!(u.is_bot());
    }
}
